// Large files uploaded in parts (netlify/lib/uploads.mjs, functions/contact-upload.mjs): an
// upload serves one ticket, as it was when the ticket was sent; one client cannot park files
// without end; what no ticket took is deleted within the hour. Issue 17, item 10.

import "./fixtures/use-fixtures.mjs";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import schemas from "./fixtures/form-schema.json" with { type: "json" };
import { startTestBlobs } from "./support/blobs.mjs";

const schema = schemas.languages[schemas.default];
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4]);
const OTHER = PNG.map((byte, n) => (n === PNG.length - 1 ? byte ^ 0xff : byte));

describe("uploads", () => {
  let server;
  let contact;
  let upload;
  let stores;
  let lib;
  const waits = [];
  const context = (ip = "192.0.2.1", params) => ({ ip, params, deploy: { context: "dev" }, waitUntil: (p) => waits.push(p) });

  before(async () => {
    server = await startTestBlobs();
    process.env.HELPCENTER_DELIVERY = "none";
    contact = (await import("../../netlify/functions/contact.mjs")).default;
    upload = (await import("../../netlify/functions/contact-upload.mjs")).default;
    lib = await import("../../netlify/lib/uploads.mjs");
    stores = (await import("../../netlify/lib/store.mjs")).openStores("dev");
  });
  after(async () => {
    await Promise.allSettled(waits);
    await server.stop();
  });

  const start = async (name, size, ip) => upload(new Request("http://local/api/contact/upload", {
    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify({ name, size }),
  }), context(ip));
  const put = (id, part, bytes) => upload(new Request(`http://local/api/contact/upload/${id}/${part}`, { method: "PUT", body: bytes }),
    context("192.0.2.1", { id, part: String(part) }));
  const uploaded = async (bytes = PNG) => {
    const answer = await (await start("screen.png", bytes.length)).json();
    assert.equal((await put(answer.id, 0, bytes)).status, 200);
    return answer.id;
  };
  const send = (uploadIds, key, fields = {}) => {
    const form = new FormData();
    const values = { topic: "technical", subject: "Calendar stopped syncing", name: "Ana", email: "ana@example.com",
      description: "Since Monday my calendar does not update any more.", upload_ids: uploadIds.join(","), ...fields };
    for (const [name, value] of Object.entries(values)) form.append(name, value);
    return contact(new Request("http://local/api/contact", { method: "POST", body: form,
      headers: { Accept: "application/json", ...(key ? { "Idempotency-Key": key } : {}) } }), context());
  };

  test("a part is written once: the same bytes again are a retry, other bytes are refused", async () => {
    const answer = await (await start("screen.png", PNG.length)).json();
    assert.equal((await put(answer.id, 0, PNG)).status, 200);
    assert.equal((await put(answer.id, 0, PNG)).status, 200, "a client retrying after a lost answer");
    const refused = await put(answer.id, 0, OTHER);
    assert.equal(refused.status, 409);
    const body = await refused.json();
    assert.equal(body.error.field, "attachments");
    assert.match(body.error.message, /already stored/);
  });

  test("an upload serves one ticket, frozen as it was sent", async () => {
    const id = await uploaded();
    const first = await send([id], "first-ticket-key-1");
    assert.equal(first.status, 201);
    const { ref } = await first.json();
    assert.equal((await send([id], "first-ticket-key-1")).status, 200, "the same ticket again is a replay");
    const second = await send([id], "second-ticket-key-1");
    assert.equal(second.status, 422);
    const refusal = await second.json();
    assert.equal(refusal.error.field, "attachments");
    assert.equal(refusal.errors[0].code, "upload_taken");
    assert.equal((await put(id, 0, OTHER)).status, 409, "a sent file cannot be replaced");
    const ticket = await stores.tickets.get(`ticket/${ref}`, { type: "json" });
    const { attachmentBytes } = await import("../../netlify/lib/tickets.mjs");
    assert.deepEqual([...(await attachmentBytes(stores, ticket))[0].bytes], [...PNG]);
  });

  test("five tickets sent at once naming one upload: one is stored", async () => {
    const id = await uploaded();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, n) => send([id], `racing-ticket-key-${n}`)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [201, 422, 422, 422, 422]);
  });

  test("one client starts at most two forms' worth of files an hour; another client is not held up", async () => {
    const perHour = lib.uploadBytesPerHour(schema);
    const big = schema.fields.find((f) => f.type === "file").max_file_bytes;
    let accepted = 0;
    let refusal;
    for (let n = 0; n < 10 && !refusal; n += 1) {
      const answer = await start("video.mp4", big, "198.51.100.7");
      if (answer.status === 201) accepted += big;
      else refusal = answer;
    }
    assert.ok(accepted <= perHour && accepted > perHour - big, `${accepted} of ${perHour}`);
    assert.equal(refusal.status, 429);
    assert.ok(Number(refusal.headers.get("retry-after")) > 0);
    const body = await refusal.json();
    assert.equal(body.error.field, "attachments");
    assert.equal(body.error.code, "upload_quota");
    assert.equal((await start("video.mp4", big, "198.51.100.8")).status, 201);
    const keys = (await stores.tickets.list({ prefix: "upload-quota/" })).blobs.map((b) => b.key).join(" ");
    assert.ok(!keys.includes("198.51.100"), "the address itself is never stored");
  });

  test("uploads no ticket took within the hour are deleted with their parts; a ticket's are kept", async () => {
    const kept = await uploaded();
    const dropped = await uploaded();
    assert.equal((await send([kept], "kept-upload-key-1")).status, 201);
    assert.equal(await lib.deleteAbandonedUploads(stores, Date.now()), 0, "nothing is an hour old yet");
    const later = Date.now() + 61 * 60 * 1000;
    assert.ok(await lib.deleteAbandonedUploads(stores, later) >= 1);
    assert.equal(await stores.tickets.get(`upload/${dropped}`), null);
    assert.equal(await stores.files.get(`part/${dropped}/0`), null);
    assert.ok(await stores.files.get(`part/${kept}/0`));
    assert.equal((await stores.tickets.list({ prefix: "upload-quota/" })).blobs.length, 0, "past hours' counts go too");
  });
});
