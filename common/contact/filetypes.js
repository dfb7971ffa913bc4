// Is a file what its name says? Checked on its first bytes (magic numbers), so a renamed
// executable cannot ride along as "screenshot.png". The extensions match KNOWN_FILE_TYPES
// in plugins/helpcenter/contact/schema.py.

const startsWith = (bytes, signature, offset = 0) =>
  signature.every((byte, i) => byte === null || bytes[offset + i] === byte);
const ascii = (text) => [...text].map((c) => c.charCodeAt(0));

const CHECKS = {
  png: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  gif: (b) => startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a")),
  webp: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8),
  pdf: (b) => startsWith(b, ascii("%PDF-")),
  // MP4 and QuickTime: an ISO base media box, "ftyp" at offset 4 ("moov"/"mdat"/"wide" in old .mov).
  mp4: (b) => startsWith(b, ascii("ftyp"), 4),
  mov: (b) => ["ftyp", "moov", "mdat", "wide", "free", "skip"].some((box) => startsWith(b, ascii(box), 4)),
  // iCalendar is text: after an optional UTF-8 byte order mark and blank lines, BEGIN:VCALENDAR.
  ics: (b) => {
    let text = new TextDecoder("utf-8", { fatal: false }).decode(b.subarray(0, 64));
    text = text.replace(/^\uFEFF/, "").trimStart().toUpperCase();
    return text.startsWith("BEGIN:VCALENDAR");
  },
};
CHECKS.jpeg = CHECKS.jpg;

export const MEDIA_TYPES = {
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp",
  pdf: "application/pdf", mp4: "video/mp4", mov: "video/quicktime", ics: "text/calendar",
};

/** A file name as we keep and e-mail it: its last part only ("../../etc/passwd.png",
 * "C:\\Users\\ana\\shot.png" -> "passwd.png", "shot.png"), without control characters. */
export function baseName(name) {
  const last = String(name ?? "").split(/[\\/]/).pop().replace(/^[A-Za-z]:/, "");
  const kept = last.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/g, "").trim();
  return kept && kept !== "." && kept !== ".." ? kept : "file";
}

/** The lowercase extension of a file name ("" when it has none). */
export function extensionOf(name) {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(String(name || ""));
  return match ? match[1].toLowerCase() : "";
}

/** True when `bytes` (the file's first bytes, 64 are enough) look like the type `extension` names. */
export function bytesMatchExtension(bytes, extension) {
  const check = CHECKS[extension];
  return Boolean(check) && bytes.length > 0 && check(bytes);
}
