// A ticket's life: created (stored, pending) -> delivered, exactly once. Each delivery
// attempt first claims a lease key with a create-only write (`onlyIfNew`): of the immediate
// attempt and a scheduled retry running at the same moment, one wins and the other leaves
// the ticket alone. A lease whose holder died expires and can be taken over, once. A failed
// attempt leaves the ticket pending with the next attempt time (exponential backoff).
//
// Conditional writes use set() with a JSON string: in @netlify/blobs 10.7.9, setJSON() drops
// its onlyIfNew/onlyIfMatch conditions (it spreads them into the wrong argument).

import { createHash, randomUUID } from "node:crypto";
import { newReference } from "./store.mjs";
import { baseName } from "../../common/contact/filetypes.js";
import { sendTicket, destinationFromEnv } from "./destinations.mjs";
import { attachUploads, claimUploads } from "./uploads.mjs";

// Longer than any delivery can run (each destination request times out after 25 s).
export const LEASE_MS = 5 * 60_000;
export const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000, 6 * 60 * 60_000];
// After this many attempts (about two days of backoff), or at once on an answer that says
// "never" (SMTP 5xx, HTTP 4xx but 408/425/429), a ticket stops being retried: status
// "failed", listed for a person (build.py report), its bytes kept.
export const MAX_ATTEMPTS = 12;
// A scheduled run stops starting deliveries after RUN_BUDGET_MS, and a delivery under way
// gives up (a failed attempt, retried later) at RUN_LIMIT_MS: Netlify ends a run at 30 s.
export const RUN_BUDGET_MS = 20_000;
export const RUN_LIMIT_MS = 28_000;

/** Wait before attempt `attempts + 1`; HELPCENTER_RETRY_BACKOFF_SECONDS ("60,300,...") overrides. */
export function backoff(attempts) {
  const custom = (process.env.HELPCENTER_RETRY_BACKOFF_SECONDS || "").split(",").filter(Boolean).map((s) => Number(s) * 1000);
  const steps = custom.length && custom.every(Number.isFinite) ? custom : BACKOFF_MS;
  return steps[Math.min(attempts - 1, steps.length - 1)];
}

/** A fingerprint of what the customer sent, to tell a true retry from an edited one. */
export function contentHash(fields, files, uploads) {
  const hash = createHash("sha256").update(JSON.stringify(Object.entries(fields).sort()));
  // A file by its bytes (same name and size with other bytes is an edit); an upload by its id,
  // which names bytes stored once.
  for (const file of files) {
    hash.update(`\0${file.name}\0${file.size}\0${createHash("sha256").update(file.bytes || "").digest("hex")}`);
  }
  for (const upload of uploads) hash.update(`\0${upload.name}\0${upload.size}\0${upload.id || ""}`);
  return hash.digest("hex").slice(0, 32);
}

export class EditedReplay extends Error {}

/**
 * Store a new ticket with its files; with an idempotency key, a repeat returns the first
 * ticket instead of making a second (and an edited repeat throws EditedReplay). The retry
 * marker is written first and the ticket only if new, so that a stored ticket always has
 * its marker and two concurrent tries with one key store one ticket. Returns {ticket, created}.
 */
export async function createTicket(stores, { fields, files, uploads, idempotencyKey, lang, page, now = Date.now() }) {
  let ref = newReference();
  const hash = contentHash(fields, files, uploads);
  if (idempotencyKey) {
    const claim = await stores.tickets.set(`idempotency/${idempotencyKey}`, JSON.stringify({ ref, at: now }), { onlyIfNew: true });
    if (claim.modified && !claim.etag) throw new Error("the idempotency key could not be stored");
    if (!claim.modified) {
      const earlier = await stores.tickets.get(`idempotency/${idempotencyKey}`, { type: "json" });
      const existing = earlier && await stores.tickets.get(`ticket/${earlier.ref}`, { type: "json" });
      if (existing) return replay(stores, existing, hash);
      // The first try claimed the key but has not stored its ticket (yet, or ever): store it
      // under the same reference; the create-only write below lets only one of us do it.
      ref = earlier?.ref || ref;
    }
  }
  // Each upload serves one ticket: another ticket's (even one sent at this moment) is refused.
  await claimUploads(stores, uploads, ref);
  await stores.tickets.setJSON(`pending/${ref}`, { ref, since: now });
  // Names are kept as base names: a path the customer's device sent ("../../etc/x.png",
  // "C:\\...") is never stored, nor e-mailed.
  // Each try writes its files under keys of its own: a try that loses the create-only ticket
  // write below (same key, sent twice at once) can never replace the winner's files.
  const attempt = randomUUID().slice(0, 8);
  const attachments = files.map((file, n) => ({ key: `file/${ref}/${attempt}/${n}`, name: baseName(file.name), size: file.size, type: file.type, parts: 1 }));
  await Promise.all(files.map((file, n) => stores.files.set(attachments[n].key, file.bytes, { metadata: { name: attachments[n].name, type: file.type } })));
  for (const upload of uploads) {
    attachments.push({ key: `part/${upload.id}`, name: baseName(upload.name), size: upload.size, type: upload.type, parts: upload.parts });
  }
  const ticket = {
    ref, createdAt: new Date(now).toISOString(), status: "pending", attempts: 0, nextAttemptAt: now,
    idempotencyKey: idempotencyKey || null, contentHash: hash, lang: lang || null, page: page || null, fields, attachments,
  };
  await attachUploads(stores, uploads, ref);
  const stored = await stores.tickets.set(`ticket/${ref}`, JSON.stringify(ticket), { onlyIfNew: true });
  if (stored.modified && !stored.etag) throw new Error("the ticket could not be stored");
  if (!stored.modified) {
    await Promise.all(attachments.filter((a) => a.key.startsWith(`file/${ref}/${attempt}/`))
      .map((a) => stores.files.delete(a.key))); // this try's files: nobody's now
    return replay(stores, await stores.tickets.get(`ticket/${ref}`, { type: "json" }), hash);
  }
  return { ticket, created: true };
}

async function replay(stores, existing, hash) {
  if (existing.contentHash && existing.contentHash !== hash) throw new EditedReplay(existing.ref);
  // A ticket not delivered yet keeps its retry marker, whatever happened to the first try.
  if (existing.status !== "delivered") await stores.tickets.setJSON(`pending/${existing.ref}`, { ref: existing.ref, since: Date.now() });
  return { ticket: existing, created: false };
}

/** The bytes of a ticket's attachments, in order. */
export async function attachmentBytes(stores, ticket) {
  const out = [];
  for (const attachment of ticket.attachments) {
    let bytes;
    const read = async (key) => {
      const data = await stores.files.get(key, { type: "arrayBuffer" });
      if (!data) throw new Error(`attachment ${key} is missing from the store`); // stay pending
      return new Uint8Array(data);
    };
    if (attachment.parts === 1 && attachment.key.startsWith("file/")) {
      bytes = await read(attachment.key);
    } else {
      const parts = [];
      for (let n = 0; n < attachment.parts; n++) {
        parts.push(await read(`${attachment.key}/${n}`));
      }
      bytes = new Uint8Array(attachment.size);
      let offset = 0;
      for (const part of parts) {
        bytes.set(part, offset);
        offset += part.length;
      }
    }
    out.push({ ...attachment, bytes });
  }
  return out;
}

/** Claim the right to make attempt `attempt` of a ticket; false when another holds it. */
async function claimLease(stores, ref, attempt, now) {
  let key = `lease/${ref}/${attempt}`;
  for (let depth = 0; depth < 5; depth++) {
    const claim = await stores.tickets.set(key, JSON.stringify({ until: now + LEASE_MS }), { onlyIfNew: true });
    // The client reports modified for any final status but 412: a real write has an etag.
    if (claim.modified && claim.etag) return key;
    const held = await stores.tickets.get(key, { type: "json" });
    if (!held || held.until > now) return null; // someone is delivering it right now
    key = `${key}/after-${held.until}`; // its holder died: one taker for this expired lease
  }
  return null;
}

/**
 * Try to deliver one ticket now. Returns "delivered", "failed", "busy" (another attempt
 * holds the lease), "not-due", "done" (already delivered) or "missing".
 */
export async function deliverTicket(stores, ref, { now = Date.now(), force = false, destination = destinationFromEnv(), deadline } = {}) {
  const ticket = await stores.tickets.get(`ticket/${ref}`, { type: "json" });
  if (!ticket) return "missing"; // a marker whose ticket write failed: that request got no 201
  if (ticket.status === "delivered" || ticket.status === "failed") {
    // Done with, either way (a given-up ticket waits for a person, not for another try).
    await stores.tickets.delete(`pending/${ref}`);
    return ticket.status === "delivered" ? "done" : "gave-up";
  }
  if (!force && ticket.nextAttemptAt > now) return "not-due";
  const lease = await claimLease(stores, ref, ticket.attempts, now);
  if (!lease) return "busy";
  // Another attempt may have finished between our read and our claim.
  const current = await stores.tickets.get(`ticket/${ref}`, { type: "json" });
  if (current?.status !== "pending" || current?.attempts !== ticket.attempts) return "busy";

  let outcome;
  try {
    const files = await attachmentBytes(stores, ticket);
    const receipt = await sendTicket(destination, ticket, files, { deadline });
    outcome = { ...ticket, status: "delivered", deliveredAt: new Date().toISOString(), receipt: receipt || null,
      attempts: ticket.attempts + 1, lastError: null };
  } catch (error) {
    const attempts = ticket.attempts + 1;
    const lastError = String(error?.message || error).slice(0, 500);
    const givenUp = attempts >= MAX_ATTEMPTS || isPermanent(error);
    outcome = { ...ticket, status: givenUp ? "failed" : "pending", attempts, lastError,
      nextAttemptAt: givenUp ? null : Date.now() + backoff(attempts) };
  }
  await stores.tickets.setJSON(`ticket/${ref}`, outcome);
  await stores.tickets.delete(lease); // done with: leases do not pile up
  if (outcome.status !== "pending") {
    await stores.tickets.delete(`pending/${ref}`);
    if (outcome.status === "failed") await stores.tickets.setJSON(`failed/${ref}`, { ref, at: Date.now(), error: outcome.lastError });
    return outcome.status === "delivered" ? "delivered" : "gave-up";
  }
  return "failed";
}

/** An error that retrying cannot cure: an SMTP 5xx, an HTTP 4xx other than 408, 425, 429. */
export function isPermanent(error) {
  const smtp = Number(error?.responseCode);
  if (smtp >= 500 && smtp < 600) return true;
  const http = /: HTTP (\d{3})\b/.exec(String(error?.message || ""))?.[1];
  return Boolean(http) && Number(http) >= 400 && Number(http) < 500 && ![408, 425, 429].includes(Number(http));
}

/**
 * Deliver the pending tickets that are due, within the run's time budget; returns counts by
 * outcome ("deferred": left for the next run). Each run starts at another place in the list,
 * so one slow ticket never holds back the same others every time.
 */
export async function retryPending(stores, { now = Date.now(), destination = destinationFromEnv(), budgetMs = RUN_BUDGET_MS,
  limitMs = RUN_LIMIT_MS } = {}) {
  const counts = {};
  const { blobs } = await stores.tickets.list({ prefix: "pending/" });
  const start = blobs.length ? Math.floor(Math.random() * blobs.length) : 0;
  const rotated = [...blobs.slice(start), ...blobs.slice(0, start)];
  const started = Date.now();
  const deadline = started + budgetMs;
  for (const { key } of rotated) {
    if (Date.now() >= deadline) {
      counts.deferred = (counts.deferred || 0) + 1;
      continue;
    }
    let outcome;
    try {
      outcome = await deliverTicket(stores, key.slice("pending/".length), { now, destination, deadline: started + limitMs });
    } catch (error) {
      console.error("retry", key, error); // one broken ticket must not stop the others
      outcome = "error";
    }
    counts[outcome] = (counts[outcome] || 0) + 1;
  }
  return counts;
}
