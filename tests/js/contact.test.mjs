// Unit tests of the contact function's handler and its validation, with node --test (npm test).
// The handler runs against the real @netlify/blobs client and Blobs' own local server; the form
// schema is the committed fixture fixtures/form-schema.json (the sample's mkdocs.yml, as the
// build writes it: tests/test_js_fixtures.py keeps them equal), for the tests and, through
// fixtures/use-fixtures.mjs, for the functions too, so no Python build is needed.

import "./fixtures/use-fixtures.mjs";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAtomicBlobs } from "../../netlify/dev/atomic-blobs.mjs";
import { getStore } from "@netlify/blobs";
import schemas from "./fixtures/form-schema.json" with { type: "json" };
import { validateSubmission, validateUploadStart } from "../../common/contact/validate.js";
import { bytesMatchExtension } from "../../common/contact/filetypes.js";

// Modules under netlify/ import the schema: loaded only once the fixture hooks are registered.
const { escapeHtml, ticketHtml } = await import("../../netlify/lib/destinations.mjs");

const schema = schemas.languages[schemas.default];
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const NOW = Date.parse("2026-11-25T12:00:00Z");

function valid(overrides = {}) {
  return {
    topic: "technical", subject: "Calendar stopped syncing", name: "Ana Pérez", email: "ana@example.com",
    description: "Since Monday my Airbnb calendar does not update any more.", expected: "New bookings appear",
    ...overrides,
  };
}

const asValues = (object) => new Map(Object.entries(object).map(([k, v]) => [k, [v]]));

describe("validateSubmission", () => {
  test("a complete technical request passes and keeps only the fields of its topic", () => {
    const { errors, fields } = validateSubmission(schema, asValues({ ...valid(), os: "Linux" }), [], [], NOW);
    assert.deepEqual(errors, []);
    assert.equal(fields.os, "Linux");
    const billing = validateSubmission(schema, asValues(valid({ topic: "billing", os: "Linux" })), [], [], NOW);
    assert.deepEqual(billing.errors, []);
    assert.equal(billing.fields.os, undefined, "a technical-only field is dropped for billing");
  });

  test("an upload's start is told what is wrong with it: its name, its size", () => {
    const code = (start) => validateUploadStart(schema, start).map((e) => e.code);
    for (const name of ["shot\u0000.png", "shot\r\n.png", `${"x".repeat(300)}.png`, "", 42]) {
      assert.deepEqual(code({ name, size: 100 }), ["file_name"], JSON.stringify(name));
    }
    for (const size of ["100", 1.5, 1e308, -5, null]) assert.deepEqual(code({ name: "a.png", size }), ["file_size"], String(size));
    assert.deepEqual(code({ name: "a.png", size: 0 }), ["empty_file"]);
    assert.deepEqual(code({ name: "a.exe", size: 10 }), ["file_type"]);
    assert.deepEqual(code({ name: "a.png", size: 10 }), []);
    const [sized] = validateUploadStart(schema, { name: "a.png", size: "100" });
    assert.match(sized.message, /size could not be read/);
  });

  test("each rule names its field", () => {
    const cases = [
      [{ subject: "" }, "subject", "required"],
      [{ email: "ana@", phone: "" }, "email", "invalid_email"],
      [{ email: "", phone: "" }, "email", "one_of"],
      [{ phone: "12", email: "" }, "phone", "invalid_phone"],
      [{ topic: "spam" }, "topic", "invalid_option"],
      [{ name: "Ana\r\nBcc: x@example.com" }, "name", "control_characters"],
      // A line break by other names, bytes that were not UTF-8, a header hidden in an encoded word.
      [{ subject: "Calendar\u0085Bcc: x@example.com" }, "subject", "control_characters"],
      [{ name: "Ana\u009b" }, "name", "control_characters"],
      [{ description: "My calendar \ufffd stopped syncing today." }, "description", "control_characters"],
      [{ subject: "=?utf-8?q?a=0D=0ABcc:_evil@example.com?=" }, "subject", "control_characters"],
      [{ name: "=?UTF-8?B?QW5hDQpCY2M6IGV2aWxAZXhhbXBsZS5jb20=?=" }, "name", "control_characters"],
      [{ description: "short" }, "description", "too_short"],
      [{ subject: "x".repeat(151) }, "subject", "too_long"],
    ];
    for (const [change, field, code] of cases) {
      const { errors } = validateSubmission(schema, asValues(valid(change)), [], [], NOW);
      assert.ok(errors.some((e) => e.field === field && e.code === code), `${JSON.stringify(change)} -> ${JSON.stringify(errors)}`);
    }
  });

  test("files: type by content, size and count", () => {
    const png = { name: "screen.png", size: 12, head: PNG };
    assert.deepEqual(validateSubmission(schema, asValues(valid()), [png], [], NOW).errors, []);
    const fake = { name: "screen.png", size: 12, head: new TextEncoder().encode("MZ\x90\x00 not a png") };
    assert.equal(validateSubmission(schema, asValues(valid()), [fake], [], NOW).errors[0].code, "file_content");
    const exe = { name: "run.exe", size: 12, head: PNG };
    assert.equal(validateSubmission(schema, asValues(valid()), [exe], [], NOW).errors[0].code, "file_type");
    const many = Array.from({ length: 6 }, () => png);
    assert.equal(validateSubmission(schema, asValues(valid()), many, [], NOW).errors[0].code, "too_many_files");
    const big = { ...png, size: 60 * 1024 * 1024 };
    assert.equal(validateSubmission(schema, asValues(valid()), [big], [], NOW).errors[0].code, "file_too_large");
  });

  test("spam traps: honeypot and time trap", () => {
    const trapped = validateSubmission(schema, asValues({ ...valid(), website: "http://spam" }), [], [], NOW);
    assert.equal(trapped.errors[0].field, "website");
    const fast = validateSubmission(schema, asValues({ ...valid(), started: String(NOW - 500) }), [], [], NOW);
    assert.equal(fast.errors[0].code, "too_fast");
    const human = validateSubmission(schema, asValues({ ...valid(), started: String(NOW - 60_000) }), [], [], NOW);
    assert.deepEqual(human.errors, []);
  });

  test("file signatures", () => {
    assert.ok(bytesMatchExtension(new TextEncoder().encode("\uFEFFBEGIN:VCALENDAR\r\n"), "ics"));
    assert.ok(bytesMatchExtension(new TextEncoder().encode("%PDF-1.7"), "pdf"));
    assert.ok(!bytesMatchExtension(new TextEncoder().encode("<html>"), "pdf"));
  });
});

describe("delivered text", () => {
  test("HTML escapes everything the customer typed", () => {
    const html = ticketHtml({ ref: "HC-AAAA-BBBB", createdAt: "now", attachments: [],
      fields: { subject: "<script>alert(1)</script>", description: "a & b" } });
    assert.ok(!html.includes("<script>"));
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;") && html.includes("a &amp; b"));
    assert.equal(escapeHtml(`"'`), "&quot;&#39;");
  });
});

describe("the contact handler", () => {
  let server;
  let contact;
  const waits = [];
  const context = { ip: "127.0.0.1", deploy: { context: "dev" }, waitUntil: (p) => waits.push(p) };

  before(async () => {
    const token = "unit-test-token";
    server = await startAtomicBlobs({ directory: mkdtempSync(join(tmpdir(), "blobs-")), token });
    const { url } = server;
    process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify({ siteID: "unit", token, edgeURL: url, uncachedEdgeURL: url })).toString("base64");
    process.env.HELPCENTER_DELIVERY = "none"; // every ticket stays pending here
    contact = (await import("../../netlify/functions/contact.mjs")).default;
  });
  after(async () => {
    await Promise.allSettled(waits);
    await server.stop();
  });

  const post = (form, headers = {}) => new Request("http://local/api/contact", {
    method: "POST", body: form, headers: { Accept: "application/json", ...headers },
  });
  const formOf = (object) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(object)) form.append(name, value);
    return form;
  };

  test("wrong method, content type and size", async () => {
    assert.equal((await contact(new Request("http://local/api/contact"), context)).status, 405);
    const asJSON = await contact(post(JSON.stringify(valid()), { "Content-Type": "application/json" }), context);
    assert.equal(asJSON.status, 415);
    const huge = formOf(valid());
    huge.append("attachments", new Blob([PNG, new Uint8Array(6_000_000)]), "big.png");
    const tooLarge = await contact(post(huge), context);
    assert.equal(tooLarge.status, 413);
    assert.equal((await tooLarge.json()).error.field, "attachments");
  });

  test("errors come back in the form's language, however the function learns it", async () => {
    const spanish = schemas.languages.es;
    assert.ok(spanish, "the build writes the Spanish schema");
    const email = spanish.fields.find((f) => f.name === "email");
    const expected = `${email.label}: no parece una dirección de correo (nombre@ejemplo.com).`;
    const cases = [
      ["the form's lang field", post(formOf(valid({ email: "nope", lang: "es" })))],
      ["?lang= in the form's action", new Request("http://local/api/contact?lang=es", {
        method: "POST", body: formOf(valid({ email: "nope" })), headers: { Accept: "application/json" } })],
      ["the page that posted", post(formOf(valid({ email: "nope" })), { Referer: "http://local/es/contact/" })],
      ["the browser's language", post(formOf(valid({ email: "nope" })), { "Accept-Language": "es-MX,es;q=0.9" })],
    ];
    for (const [how, request] of cases) {
      const answer = await (await contact(request, context)).json();
      assert.equal(answer.error.field, "email", how);
      assert.equal(answer.error.message, expected, how);
    }
    const english = await (await contact(post(formOf(valid({ email: "nope", lang: "en" })), { "Accept-Language": "es" }), context)).json();
    assert.match(english.error.message, /does not look like an e-mail address/, "the form's own language wins");
    const refused = await contact(post(JSON.stringify(valid()), { "Content-Type": "application/json", "Accept-Language": "es" }), context);
    assert.equal((await refused.json()).error.message, "Envía el formulario como multipart/form-data o application/x-www-form-urlencoded.");
    const noJs = await contact(new Request("http://local/api/contact?lang=es", { method: "POST", body: formOf(valid({ email: "nope" })) }), context);
    assert.equal(noJs.status, 422);
    assert.match(await noJs.text(), /<html lang="es">[\s\S]*<strong>Correo electrónico<\/strong>: no parece una dirección de correo/, "the Spanish error page");
  });

  test("a missing field is a 422 naming it, and nothing is stored", async () => {
    const store = getStore({ name: "helpcenter-tickets", consistency: "strong" });
    const before = (await store.list({ prefix: "ticket/" })).blobs.length;
    const response = await contact(post(formOf(valid({ email: "not-an-email" }))), context);
    assert.equal(response.status, 422);
    const body = await response.json();
    assert.equal(body.error.field, "email");
    assert.match(body.error.message, /e-mail/);
    assert.equal((await store.list({ prefix: "ticket/" })).blobs.length, before);
  });

  test("a flood of fields is refused before it is parsed, and any refusal answers in a few KB", async () => {
    const store = getStore({ name: "helpcenter-tickets", consistency: "strong" });
    const before = (await store.list({ prefix: "ticket/" })).blobs.length;
    const flood = `${new URLSearchParams(valid()).toString()}${"&x=".repeat(700_000)}`;
    const refused = await contact(post(flood, { "Content-Type": "application/x-www-form-urlencoded" }), context);
    assert.equal(refused.status, 413);
    const text = await refused.text();
    assert.ok(text.length < 4096, `${text.length} bytes`);
    assert.equal(JSON.parse(text).error.code, "too_many_fields");
    // Under the cap, unknown fields are listed, at most 30 of them.
    const many = new URLSearchParams(valid());
    for (let n = 0; n < 150; n += 1) many.append(`field_${n}`, "");
    const listed = await contact(post(many.toString(), { "Content-Type": "application/x-www-form-urlencoded" }), context);
    assert.equal(listed.status, 422);
    const answer = await listed.text();
    assert.ok(answer.length < 8192, `${answer.length} bytes`);
    assert.equal(JSON.parse(answer).errors.length, 30);
    assert.equal((await store.list({ prefix: "ticket/" })).blobs.length, before);
  });

  test("bytes that are not UTF-8, and headers hidden in encoded words, are refused naming the field", async () => {
    const store = getStore({ name: "helpcenter-tickets", consistency: "strong" });
    const before = (await store.list({ prefix: "ticket/" })).blobs.length;
    const fields = new URLSearchParams(valid());
    // Overlong "/" (C0 AF) and FF FE: not UTF-8 in any reading.
    const body = `${fields.toString().replace(/subject=[^&]*/, "subject=Calendar%C0%AF%FF%FE")}`;
    const latin = await contact(post(body, { "Content-Type": "application/x-www-form-urlencoded" }), context);
    assert.equal(latin.status, 422);
    assert.equal((await latin.json()).error.field, "subject");
    const encoded = await contact(post(formOf(valid({ name: "=?utf-8?q?Ana=0D=0ABcc:_evil@example.com?=" }))), context);
    assert.equal(encoded.status, 422);
    assert.equal((await encoded.json()).error.field, "name");
    assert.equal((await store.list({ prefix: "ticket/" })).blobs.length, before);
  });

  test("a valid request is stored before the 201, with its file, and stays pending when delivery fails", async () => {
    const form = formOf(valid());
    form.append("attachments", new Blob([PNG]), "screen.png");
    const response = await contact(post(form), context);
    assert.equal(response.status, 201);
    const { ref } = await response.json();
    assert.match(ref, /^HC-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const store = getStore({ name: "helpcenter-tickets", consistency: "strong" });
    const ticket = await store.get(`ticket/${ref}`, { type: "json" });
    assert.equal(ticket.fields.subject, "Calendar stopped syncing");
    assert.equal(ticket.attachments[0].name, "screen.png");
    const files = getStore({ name: "helpcenter-files", consistency: "strong" });
    assert.deepEqual(new Uint8Array(await files.get(ticket.attachments[0].key, { type: "arrayBuffer" })), PNG);
    await Promise.allSettled(waits);
    const after = await store.get(`ticket/${ref}`, { type: "json" });
    assert.equal(after.status, "pending");
    assert.equal(after.attempts, 1);
    assert.match(after.lastError, /no delivery configured/);
    assert.ok(await store.get(`pending/${ref}`));
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  });

  test("attachment names are kept as base names, never paths", async () => {
    const { baseName } = await import("../../common/contact/filetypes.js");
    assert.equal(baseName("../../../../etc/passwd.png"), "passwd.png");
    assert.equal(baseName("/etc/shadow.png"), "shadow.png");
    assert.equal(baseName("C:\\Users\\ana\\shot.png"), "shot.png");
    assert.equal(baseName("C:shot.png"), "shot.png");
    assert.equal(baseName("../"), "file");
    const form = formOf(valid());
    form.append("attachments", new Blob([PNG]), "../../../../etc/passwd.png");
    const response = await contact(post(form), context);
    assert.equal(response.status, 201);
    const { ref } = await response.json();
    const ticket = await getStore({ name: "helpcenter-tickets", consistency: "strong" }).get(`ticket/${ref}`, { type: "json" });
    assert.equal(ticket.attachments[0].name, "passwd.png");
    const files = getStore({ name: "helpcenter-files", consistency: "strong" });
    assert.equal((await files.getMetadata(ticket.attachments[0].key)).metadata.name, "passwd.png");
  });

  test("the same idempotency key twice makes one ticket", async () => {
    const key = "retry-key-0123456789";
    const first = await contact(post(formOf(valid()), { "Idempotency-Key": key }), context);
    const second = await contact(post(formOf(valid()), { "Idempotency-Key": key }), context);
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal((await first.json()).ref, (await second.json()).ref);
  });

  test("an edited retry with the same key is a 409, not the first ticket's silent replay", async () => {
    const key = "edited-key-0123456789";
    assert.equal((await contact(post(formOf(valid()), { "Idempotency-Key": key }), context)).status, 201);
    const edited = await contact(post(formOf(valid({ subject: "Calendar stopped syncing, and more" })), { "Idempotency-Key": key }), context);
    assert.equal(edited.status, 409);
    assert.equal((await edited.json()).error.field, "idempotency_key");
  });

  test("a retry with the same file name and size but other bytes is an edit, not a replay", async () => {
    const key = "file-bytes-key-0123456789";
    const withFile = (bytes) => {
      const form = formOf(valid());
      form.append("attachments", new Blob([bytes]), "screen.png");
      return form;
    };
    const other = new Uint8Array(PNG);
    other[PNG.length - 1] ^= 0xff;
    assert.equal((await contact(post(withFile(PNG), { "Idempotency-Key": key }), context)).status, 201);
    assert.equal((await contact(post(withFile(PNG), { "Idempotency-Key": key }), context)).status, 200);
    const edited = await contact(post(withFile(other), { "Idempotency-Key": key }), context);
    assert.equal(edited.status, 409);
    assert.equal((await edited.json()).error.field, "idempotency_key");
  });

  test("five sends at once with one Idempotency-Key make one ticket (the preview's Blobs writes are atomic)", async () => {
    const store = getStore({ name: "helpcenter-tickets", consistency: "strong" });
    for (let round = 0; round < 5; round += 1) {
      const key = `concurrent-key-${round}-0123456789`;
      const answers = await Promise.all(Array.from({ length: 5 }, () =>
        contact(post(formOf(valid()), { "Idempotency-Key": key }), context)));
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 201], `round ${round}`);
      const refs = new Set(await Promise.all(answers.map(async (a) => (await a.json()).ref)));
      assert.equal(refs.size, 1);
      const tickets = (await store.list({ prefix: "ticket/" })).blobs.map((b) => b.key);
      assert.equal(tickets.filter((k) => k === `ticket/${[...refs][0]}`).length, 1);
    }
    // Create-only writes of one key, at once: exactly one succeeds.
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) =>
      store.set("exclusive/probe", String(n), { onlyIfNew: true })));
    assert.equal(results.filter((r) => r.modified).length, 1);
  });

  test("two tries of one key sent at once with different files: the stored ticket keeps its own file", async () => {
    const { openStores } = await import("../../netlify/lib/store.mjs");
    const { EditedReplay, createTicket } = await import("../../netlify/lib/tickets.mjs");
    const stores = openStores("dev");
    const other = new Uint8Array(PNG);
    other[PNG.length - 1] ^= 0xff;
    const file = (bytes) => ({ name: "shot.png", size: bytes.length, bytes, type: "image/png" });
    const key = "race-key-0123456789";
    // Try B claims the key, then its file write waits (the real store behind a gate) while
    // try A, with the same key, stores its ticket and file; then B's write goes through.
    let open;
    const gate = new Promise((resolve) => { open = resolve; });
    const gated = { ...stores, files: new Proxy(stores.files, {
      get: (target, name) => (name === "set" ? async (...args) => { await gate; return target.set(...args); }
        : typeof target[name] === "function" ? target[name].bind(target) : target[name]),
    }) };
    const tryB = createTicket(gated, { fields: { subject: "race" }, files: [file(other)], uploads: [], idempotencyKey: key });
    while (!(await stores.tickets.get(`idempotency/${key}`))) await new Promise((resolve) => setTimeout(resolve, 5));
    const tryA = await createTicket(stores, { fields: { subject: "race" }, files: [file(PNG)], uploads: [], idempotencyKey: key });
    assert.equal(tryA.created, true);
    open();
    await assert.rejects(tryB, EditedReplay); // B sent other bytes: an edit, refused
    const ticket = await stores.tickets.get(`ticket/${tryA.ticket.ref}`, { type: "json" });
    const stored = new Uint8Array(await stores.files.get(ticket.attachments[0].key, { type: "arrayBuffer" }));
    assert.deepEqual(stored, PNG, "the stored ticket's file is its own, not the refused try's");
    const left = (await stores.files.list({ prefix: `file/${tryA.ticket.ref}/` })).blobs;
    assert.equal(left.length, 1, "the refused try's file is deleted");
  });

  test("a first try that claimed its key but stored nothing is finished by the retry, once", async () => {
    const { openStores } = await import("../../netlify/lib/store.mjs");
    const { createTicket } = await import("../../netlify/lib/tickets.mjs");
    const stores = openStores("dev");
    await stores.tickets.set("idempotency/half-done-key-1", JSON.stringify({ ref: "HC-HALF-DONE", at: Date.now() }));
    const args = { fields: { subject: "x" }, files: [], uploads: [], idempotencyKey: "half-done-key-1" };
    const first = await createTicket(stores, args);
    const again = await createTicket(stores, args);
    assert.equal(first.ticket.ref, "HC-HALF-DONE");
    assert.deepEqual([first.created, again.created], [true, false]);
    assert.ok(await stores.tickets.get("pending/HC-HALF-DONE"), "the retry marker is there");
  });

  test("delivery: leases are deleted, a permanent refusal stops the retries, a run keeps to its time", async () => {
    const { createServer } = await import("node:http");
    const { openStores } = await import("../../netlify/lib/store.mjs");
    const { createTicket, deliverTicket, isPermanent, retryPending } = await import("../../netlify/lib/tickets.mjs");
    const stores = openStores("dev");
    let answer = 200;
    let delay = 0;
    const receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => setTimeout(() => { res.writeHead(answer); res.end(); }, delay));
    });
    await new Promise((ready) => receiver.listen(0, "127.0.0.1", ready));
    const saved = { url: process.env.WEBHOOK_URL, secret: process.env.WEBHOOK_SECRET };
    process.env.WEBHOOK_URL = `http://127.0.0.1:${receiver.address().port}/hook`;
    process.env.WEBHOOK_SECRET = "s";
    try {
      const leases = async (ref) => (await stores.tickets.list({ prefix: `lease/${ref}` })).blobs.length;
      const delivered = (await createTicket(stores, { fields: { subject: "ok" }, files: [], uploads: [] })).ticket;
      assert.equal(await deliverTicket(stores, delivered.ref, { force: true, destination: { kind: "webhook" } }), "delivered");
      assert.equal(await leases(delivered.ref), 0, "no lease left behind");
      answer = 410; // gone: retrying cannot help
      const refused = (await createTicket(stores, { fields: { subject: "no" }, files: [], uploads: [] })).ticket;
      assert.equal(await deliverTicket(stores, refused.ref, { force: true, destination: { kind: "webhook" } }), "gave-up");
      const after = await stores.tickets.get(`ticket/${refused.ref}`, { type: "json" });
      assert.equal(after.status, "failed");
      assert.equal(await stores.tickets.get(`pending/${refused.ref}`), null);
      assert.ok(await stores.tickets.get(`failed/${refused.ref}`), "listed for a person");
      // A retry that still finds its marker (listed just before it went) leaves it alone.
      await stores.tickets.setJSON(`pending/${refused.ref}`, { ref: refused.ref, since: Date.now() });
      assert.equal(await deliverTicket(stores, refused.ref, { force: true, destination: { kind: "webhook" } }), "gave-up");
      assert.equal((await stores.tickets.get(`ticket/${refused.ref}`, { type: "json" })).attempts, 1);
      assert.equal(await leases(refused.ref), 0);
      answer = 500; // a server error: retried later
      const later = (await createTicket(stores, { fields: { subject: "later" }, files: [], uploads: [] })).ticket;
      assert.equal(await deliverTicket(stores, later.ref, { force: true, destination: { kind: "webhook" } }), "failed");
      assert.equal((await stores.tickets.get(`ticket/${later.ref}`, { type: "json" })).status, "pending");
      // A slow receiver: the run stops starting deliveries at its budget, the rest wait.
      answer = 200;
      delay = 400;
      for (let n = 0; n < 4; n += 1) await createTicket(stores, { fields: { subject: `slow ${n}` }, files: [], uploads: [] });
      const started = Date.now();
      const counts = await retryPending(stores, { now: Date.now() + 86_400_000, destination: { kind: "webhook" }, budgetMs: 500 });
      assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
      assert.ok(counts.deferred >= 2, JSON.stringify(counts));
      assert.equal(isPermanent(Object.assign(new Error("smtp"), { responseCode: 554 })), true);
      assert.equal(isPermanent(new Error("webhook: HTTP 429 slow down")), false);
      assert.equal(isPermanent(new Error("webhook: HTTP 503 ")), false);
      assert.equal(isPermanent(new Error("zendesk: HTTP 404 not found")), true);
    } finally {
      for (const [name, value] of [["WEBHOOK_URL", saved.url], ["WEBHOOK_SECRET", saved.secret]]) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      receiver.close();
    }
  });

  test("a missing attachment keeps the ticket pending instead of sending an empty file", async () => {
    const { openStores } = await import("../../netlify/lib/store.mjs");
    const { createTicket, deliverTicket } = await import("../../netlify/lib/tickets.mjs");
    const stores = openStores("dev");
    const { ticket } = await createTicket(stores, { fields: { subject: "y" }, uploads: [],
      files: [{ name: "s.png", size: PNG.length, type: "image/png", bytes: PNG }] });
    await stores.files.delete(ticket.attachments[0].key);
    assert.equal(await deliverTicket(stores, ticket.ref, { force: true, destination: { kind: "webhook" } }), "failed");
    const after = await stores.tickets.get(`ticket/${ticket.ref}`, { type: "json" });
    assert.equal(after.status, "pending");
    assert.match(after.lastError, /missing from the store/);
  });

  test("a form posted without JavaScript: a 303 to the thanks page with its reference, or the error page naming each field", async () => {
    const ok = await contact(new Request("http://local/api/contact", { method: "POST", body: formOf(valid()) }), context);
    assert.equal(ok.status, 303);
    assert.match(ok.headers.get("location"), /^\/api\/contact\/thanks\?ref=HC-[0-9A-Z]{4}-[0-9A-Z]{4}&lang=en$/);
    const bad = await contact(new Request("http://local/api/contact", { method: "POST", body: formOf(valid({ name: "", email: "nope" })) }), context);
    assert.equal(bad.status, 422);
    assert.match(bad.headers.get("content-type"), /^text\/html/);
    const page = await bad.text();
    assert.match(page, /<strong>Your name<\/strong>: please fill this in\./);
    assert.match(page, /<strong>E-mail<\/strong>: this does not look like an e-mail address/);
  });

  test("an edited resend without JavaScript is a new request: a 303 to its own reference, once", async () => {
    const plain = (fields) => new Request("http://local/api/contact", { method: "POST", body: formOf({ ...fields, idempotency_key: "plain-form-key-0123" }) });
    const first = await contact(plain(valid()), context);
    assert.equal(first.status, 303);
    const edited = await contact(plain(valid({ subject: "Calendar stopped syncing since Monday" })), context);
    assert.equal(edited.status, 303, "nobody without a script can make a new key: not a 409");
    const again = await contact(plain(valid({ subject: "Calendar stopped syncing since Monday" })), context);
    const refOf = (answer) => new URL(answer.headers.get("location"), "http://local").searchParams.get("ref");
    assert.notEqual(refOf(edited), refOf(first));
    assert.equal(refOf(again), refOf(edited), "the same edit sent twice is one ticket");
  });

  test("storage down: a 503 that says nothing was stored, never a stack trace", async () => {
    const working = process.env.NETLIFY_BLOBS_CONTEXT;
    const dead = "http://127.0.0.1:9";
    process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify({ siteID: "unit", token: "x", edgeURL: dead, uncachedEdgeURL: dead })).toString("base64");
    try {
      const response = await contact(post(formOf(valid())), context);
      assert.equal(response.status, 503);
      const body = await response.json();
      assert.match(body.error.message, /Nothing was lost/);
      assert.ok(!JSON.stringify(body).includes(" at "), "no stack trace");
    } finally {
      process.env.NETLIFY_BLOBS_CONTEXT = working;
    }
  });

  test("another origin is refused", async () => {
    const response = await contact(post(formOf(valid()), { Origin: "https://evil.example" }), context);
    assert.equal(response.status, 403);
  });
});
