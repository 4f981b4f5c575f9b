/** Text made safe to place in HTML element content or a double-quoted attribute value. */
export function esc(text: string | number): string {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A link target for a source citation: only http(s) URLs are linked; anything else is not a link. */
export function safeUrl(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/.test(url) ? url : null;
}
