// Files larger than one function request can carry (~4.5 MB) are uploaded first, in parts,
// each part its own request: start (name, size) -> id and part size; PUT every part; then
// the form names the upload ids. Parts live in the files store under part/<id>/<n>.

import { randomUUID } from "node:crypto";
import { MEDIA_TYPES, baseName, bytesMatchExtension, extensionOf } from "../../common/contact/filetypes.js";

const UPLOAD_ID = /^[0-9a-f-]{36}$/;

export async function startUpload(stores, schema, { name, size }) {
  const id = randomUUID();
  const partBytes = schema.upload_part_bytes;
  const upload = { id, name: baseName(name), size, type: MEDIA_TYPES[extensionOf(name)] || "application/octet-stream",
    parts: Math.ceil(size / partBytes), partBytes, createdAt: new Date().toISOString() };
  await stores.tickets.setJSON(`upload/${id}`, upload);
  return upload;
}

/** Store one part; returns an error message, or null. */
export async function putPart(stores, id, number, bytes) {
  if (!UPLOAD_ID.test(id)) return "unknown upload";
  const upload = await stores.tickets.get(`upload/${id}`, { type: "json" });
  if (!upload) return "unknown upload";
  if (!Number.isInteger(number) || number < 0 || number >= upload.parts) return "no such part";
  const expected = number === upload.parts - 1 ? upload.size - number * upload.partBytes : upload.partBytes;
  if (bytes.length !== expected) return `part ${number} must be ${expected} bytes`;
  if (number === 0 && !bytesMatchExtension(bytes.subarray(0, 64), extensionOf(upload.name))) return "file_content";
  await stores.files.set(`part/${id}/${number}`, bytes, {
    metadata: number === 0 ? { head: Buffer.from(bytes.subarray(0, 64)).toString("base64") } : {} });
  return null;
}

/** The uploads a submission names, as validateSubmission expects them (missing ones flagged). */
export async function findUploads(stores, ids) {
  const found = [];
  for (const id of ids.slice(0, 50)) {
    const upload = UPLOAD_ID.test(id) ? await stores.tickets.get(`upload/${id}`, { type: "json" }) : null;
    if (!upload) {
      found.push({ missing: true, name: id.slice(0, 40) });
      continue;
    }
    let complete = true;
    let head = new Uint8Array();
    for (let n = 0; n < upload.parts; n++) {
      const part = await stores.files.getMetadata(`part/${id}/${n}`);
      if (!part) {
        complete = false;
        break;
      }
      if (n === 0) head = new Uint8Array(Buffer.from(part.metadata.head || "", "base64"));
    }
    found.push(complete ? { ...upload, head } : { missing: true, name: upload.name });
  }
  return found;
}

export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/** Mark uploads as part of a ticket, so the clean-up keeps them. */
export async function attachUploads(stores, uploads, ref) {
  await Promise.all(uploads.map((upload) => stores.tickets.setJSON(`upload/${upload.id}`, { ...stripHead(upload), ticket: ref })));
}

function stripHead({ head, missing, ...upload }) {
  return upload;
}

/** Delete uploads no ticket took within a day (a customer who gave up), with their parts. */
export async function deleteAbandonedUploads(stores, now = Date.now()) {
  let deleted = 0;
  const { blobs } = await stores.tickets.list({ prefix: "upload/" });
  for (const { key } of blobs) {
    const upload = await stores.tickets.get(key, { type: "json" });
    if (!upload || upload.ticket || now - Date.parse(upload.createdAt) < ABANDONED_AFTER_MS) continue;
    await Promise.all(Array.from({ length: upload.parts }, (_, n) => stores.files.delete(`part/${upload.id}/${n}`)));
    await stores.tickets.delete(key);
    deleted++;
  }
  return deleted;
}
