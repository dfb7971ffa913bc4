// Where tickets live: Netlify Blobs, read and written with strong consistency, so a ticket
// answered with 201 is stored for good and the next reader (the retry job) sees it.
//
// Store "helpcenter-tickets" (JSON):  ticket/<ref>, pending/<ref> (a marker per ticket not
//   yet delivered), idempotency/<key> -> {ref}, upload/<id> (a large file's parts so far).
// Store "helpcenter-files" (bytes):    file/<ref>/<n> attached files, part/<id>/<n> upload parts.
// Deploy previews get their own stores (a suffix), so tests on a preview never mix with
// production tickets.

import { getStore } from "@netlify/blobs";
import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ticket reference a customer can read out on the phone: HC-7K4M-2QX9 (40 random bits). */
export function newReference() {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let text = "";
  for (let i = 0; i < 8; i++) {
    text = CROCKFORD[Number(bits & 31n)] + text;
    bits >>= 5n;
  }
  return `HC-${text.slice(0, 4)}-${text.slice(4)}`;
}

export function openStores(deployContext) {
  const suffix = !deployContext || deployContext === "production" || deployContext === "dev" ? "" : `-${deployContext}`;
  return {
    tickets: getStore({ name: `helpcenter-tickets${suffix}`, consistency: "strong" }),
    files: getStore({ name: `helpcenter-files${suffix}`, consistency: "strong" }),
  };
}

/** The deploy context of a Functions 2.0 request ("production", "deploy-preview", ...). */
export function deployContextOf(context) {
  return context?.deploy?.context || process.env.CONTEXT || "production";
}
