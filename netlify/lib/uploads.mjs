// Files larger than one function request can carry (~4.5 MB) are uploaded first, in parts,
// each part its own request: start (name, size) -> id and part size; PUT every part; then
// the form names the upload ids. Parts live in the files store under part/<id>/<n>.
//
// An upload serves one ticket, as it was when the ticket was sent:
// - a part is written once (create-only): the same bytes again (a client retrying after a
//   lost answer) are accepted, other bytes refused, so a ticket's file cannot change after;
// - the ticket that names an upload claims it with a create-only `upload-claim/<id>`, so two
//   tickets (sent at once, or later) never share one;
// - one client (by a keyed hash of its address) starts at most UPLOAD_BYTES_PER_HOUR an
//   hour, counted under `upload-quota/<hour>/<client>/<id>.<size>` (key names, read by a list);
// - an upload no ticket claimed within ABANDONED_AFTER_MS is deleted with its parts by the
//   retry-tickets schedule (every ten minutes).

import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { MEDIA_TYPES, baseName, bytesMatchExtension, extensionOf } from "../../common/contact/filetypes.js";

const UPLOAD_ID = /^[0-9a-f-]{36}$/;
// The browser uploads a file just before it sends the form: an hour is ample.
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** What one client may start in an hour: two full forms' worth of files (a resend included). */
export const uploadBytesPerHour = (schema) => 2 * (schema.fields.find((f) => f.type === "file")?.max_total_bytes || 0);

export class UploadQuotaExceeded extends Error {}

/** A client's name in the quota keys: a keyed hash of its address, never the address. */
async function clientHash(stores, ip) {
  const salt = randomBytes(32).toString("base64");
  await stores.tickets.set("upload-salt", salt, { onlyIfNew: true });
  const kept = await stores.tickets.get("upload-salt");
  return createHmac("sha256", kept || salt).update(String(ip || "unknown")).digest("base64url").slice(0, 22);
}

const hourOf = (now) => new Date(Math.floor(now / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);

export async function startUpload(stores, schema, { name, size }, { ip = "", now = Date.now() } = {}) {
  const id = randomUUID();
  const quotaPrefix = `upload-quota/${hourOf(now)}/${await clientHash(stores, ip)}/`;
  const { blobs } = await stores.tickets.list({ prefix: quotaPrefix });
  const started = blobs.reduce((sum, { key }) => sum + (Number(key.split(".").pop()) || 0), 0);
  if (started + size > uploadBytesPerHour(schema)) throw new UploadQuotaExceeded(String(started));
  await stores.tickets.set(`${quotaPrefix}${id}.${size}`, "");
  const partBytes = schema.upload_part_bytes;
  const upload = { id, name: baseName(name), size, type: MEDIA_TYPES[extensionOf(name)] || "application/octet-stream",
    parts: Math.ceil(size / partBytes), partBytes, createdAt: new Date(now).toISOString() };
  await stores.tickets.setJSON(`upload/${id}`, upload);
  return upload;
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("base64url");

/** Store one part; returns an error code ("unknown upload", "file_content", "part_stored", ...), or null. */
export async function putPart(stores, id, number, bytes) {
  if (!UPLOAD_ID.test(id)) return "unknown upload";
  const upload = await stores.tickets.get(`upload/${id}`, { type: "json" });
  if (!upload) return "unknown upload";
  if (!Number.isInteger(number) || number < 0 || number >= upload.parts) return "no such part";
  const expected = number === upload.parts - 1 ? upload.size - number * upload.partBytes : upload.partBytes;
  if (bytes.length !== expected) return `part ${number} must be ${expected} bytes`;
  if (number === 0 && !bytesMatchExtension(bytes.subarray(0, 64), extensionOf(upload.name))) return "file_content";
  const digest = sha256(bytes);
  const metadata = { sha256: digest, ...(number === 0 ? { head: Buffer.from(bytes.subarray(0, 64)).toString("base64") } : {}) };
  const written = await stores.files.set(`part/${id}/${number}`, bytes, { metadata, onlyIfNew: true });
  if (written.modified && written.etag) return null;
  // Written before: the same bytes are a retry (fine), other bytes would change a sent file.
  const stored = await stores.files.getMetadata(`part/${id}/${number}`);
  return stored?.metadata?.sha256 === digest ? null : "part_stored";
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

export class UploadTaken extends Error {}

/**
 * Claim each upload for ticket `ref` (create-only): throws UploadTaken naming the first that
 * another ticket holds. A second try of the same ticket (same ref) finds its own claims.
 */
export async function claimUploads(stores, uploads, ref) {
  for (const upload of uploads) {
    const claim = await stores.tickets.set(`upload-claim/${upload.id}`, JSON.stringify({ ref }), { onlyIfNew: true });
    if (claim.modified && claim.etag) continue;
    const holder = await stores.tickets.get(`upload-claim/${upload.id}`, { type: "json" });
    if (holder?.ref !== ref) throw new UploadTaken(upload.name);
  }
}

/** Mark uploads as part of a ticket, so the clean-up keeps them. */
export async function attachUploads(stores, uploads, ref) {
  await Promise.all(uploads.map((upload) => stores.tickets.setJSON(`upload/${upload.id}`, { ...stripHead(upload), ticket: ref })));
}

function stripHead({ head, missing, ...upload }) {
  return upload;
}

/**
 * Delete uploads no ticket took within the hour (a customer who gave up, or a client parking
 * files), with their parts, and the quota counts of past hours.
 */
export async function deleteAbandonedUploads(stores, now = Date.now()) {
  let deleted = 0;
  const { blobs } = await stores.tickets.list({ prefix: "upload/" });
  for (const { key } of blobs) {
    const upload = await stores.tickets.get(key, { type: "json" });
    if (!upload || upload.ticket || now - Date.parse(upload.createdAt) < ABANDONED_AFTER_MS) continue;
    // Claimed by a stored ticket (its write came after the claim): that ticket keeps it.
    const claim = await stores.tickets.get(`upload-claim/${upload.id}`, { type: "json" });
    if (claim && await stores.tickets.getMetadata(`ticket/${claim.ref}`)) continue;
    await Promise.all(Array.from({ length: upload.parts }, (_, n) => stores.files.delete(`part/${upload.id}/${n}`)));
    await stores.tickets.delete(key);
    if (claim) await stores.tickets.delete(`upload-claim/${upload.id}`);
    deleted++;
  }
  const thisHour = hourOf(now);
  const { blobs: counts } = await stores.tickets.list({ prefix: "upload-quota/" });
  await Promise.all(counts.filter(({ key }) => key.split("/")[1] < thisHour).map(({ key }) => stores.tickets.delete(key)));
  return deleted;
}
