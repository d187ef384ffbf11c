/** A file name from a server made safe to write: one plain name that stays inside the folder, on any system. */

/** Names Windows reserves for devices, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Characters no file system here or on Windows takes in a name, and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what it removes
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Longest name in UTF-8 bytes (most file systems allow 255; room is left for " (2)" and ".part"). */
const MAX_BYTES = 200;

export function safeFileName(name: string, fallback: string): string {
  // Only the last part of a path counts: "../../etc/x" is "x", "C:\\temp\\a.csv" is "a.csv".
  const last = name.split(/[/\\]/).pop() ?? "";
  let safe = last
    .replace(FORBIDDEN, "_")
    .replace(/[. ]+$/, "")
    .trim();
  if (safe === "" || /^\.+$/.test(safe)) safe = fallback;
  if (RESERVED.test(safe)) safe = `_${safe}`;
  if (safe.startsWith(".")) safe = `_${safe}`; // no hidden files
  return truncateUtf8(safe, MAX_BYTES);
}

/** Cuts a name to at most `max` UTF-8 bytes, keeping its extension and never splitting a character. */
function truncateUtf8(name: string, max: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).length <= max) return name;
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
  let stem = [...name.slice(0, name.length - extension.length)];
  while (stem.length > 0 && encoder.encode(stem.join("") + extension).length > max) stem = stem.slice(0, -1);
  return stem.join("") + extension;
}

/** `name`, or `name (2)`, `name (3)`... before the extension, whichever is not taken yet. */
export function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
