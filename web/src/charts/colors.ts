/** Colours shared by the charts: a bloc colour each, and one per compared scenario (China's first). */
export const US_COLOR = "#1f5fbf";
export const CN_COLOR = "#c8102e";
// Compared scenarios: vermilion, reddish purple and bluish green from the Okabe–Ito palette (told apart with
// the common colour-vision deficiencies, and none of them the US blue).
export const COLORS = ["#D55E00", "#CC79A7", "#009E73"];
