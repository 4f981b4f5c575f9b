/** Colours shared by the charts: a bloc colour each, and one per compared scenario (China's first). */
export const US_COLOR = "#1f5fbf";
export const CN_COLOR = "#c8102e";
export const COLORS = [CN_COLOR, "#6a3d9a", "#e08a00"];
