/** The longest name kept, in characters: longer ones keep their start and extension. */
export const MAX_NAME_CHARS = 200;

/**
 * A file name safe to store, show and send back in Content-Disposition: no path, no control or
 * bidirectional characters, no quotes or backslashes, at most MAX_NAME_CHARS; "file" if nothing is left.
 */
export function safeFileName(raw: string): string {
  const base = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!cleaned) return "file";
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_CHARS) return cleaned;
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(cleaned)?.[0] ?? "";
  return chars.slice(0, MAX_NAME_CHARS - extension.length).join("") + extension;
}

/** A Content-Disposition header for `name` (RFC 6266): an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
