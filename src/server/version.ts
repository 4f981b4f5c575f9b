/** The API and engine version reported by /health and the OpenAPI document; part of every saved run's key. */
export const API_VERSION_TEXT = "0.1.0";
