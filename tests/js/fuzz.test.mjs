// The validator and the request parsing, fuzzed (fast-check): what no input may do, whatever
// it is. Kept in the suite from the attack of issue 17; a failure prints its seed and the
// smallest input that shows it.

import "./fixtures/use-fixtures.mjs";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import schemas from "./fixtures/form-schema.json" with { type: "json" };
import { hasControlCharacters, validateSubmission, validateUploadStart } from "../../common/contact/validate.js";
import { baseName } from "../../common/contact/filetypes.js";
import { countFormParts, parseForm } from "../../netlify/lib/http.mjs";
import { startTestBlobs } from "./support/blobs.mjs";

const schema = schemas.languages[schemas.default];
const NOW = Date.parse("2026-11-25T12:00:00Z");
const VALID = { topic: "technical", subject: "Calendar stopped syncing", name: "Ana Pérez", email: "ana@example.com",
  description: "Since Monday my Airbnb calendar does not update any more." };
const SINGLE_LINE = schema.fields.filter((f) => ["text", "email", "tel"].includes(f.type)).map((f) => f.name);
const KNOWN = new Set([...schema.fields.map((f) => f.name), schema.honeypot, "started", "upload_ids", "lang", "idempotency_key", "page"]);
// Any text: every code point, controls and lone surrogates included, biased towards the dangerous ones.
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(fc.constantFrom("\r", "\n", "\u0085", "\u2028", "\u0000", "\u001b", "\u009b", "\ufffd", "=?utf-8?q?", "?=", "Bcc: ", "a", " ", "é", "\ud800"), { maxLength: 30 }).map((parts) => parts.join("")),
);
const values = (object) => new Map(Object.entries(object).map(([k, v]) => [k, [v]]));
const RUNS = { numRuns: 400 };

describe("the validator, fuzzed", () => {
  test("a one-line value it accepts holds no line break, control character or encoded word", () => {
    fc.assert(fc.property(fc.constantFrom(...SINGLE_LINE), anyText, (field, text) => {
      const { fields } = validateSubmission(schema, values({ ...VALID, [field]: text }), [], [], NOW);
      if (field in fields) {
        assert.ok(!hasControlCharacters(fields[field]), JSON.stringify(fields[field]));
        assert.ok(!/=\?[^?\s]*\?[bq]\?[^?\s]*\?=/i.test(fields[field]), "a whole encoded word");
      }
    }), RUNS);
  });

  test("any form: it never throws, and every error names a field and says something in full", () => {
    const form = fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN), fc.string({ maxLength: 20 })), anyText, { maxKeys: 30 });
    fc.assert(fc.property(form, (object) => {
      const { errors, fields } = validateSubmission(schema, values(object), [], [], NOW);
      for (const error of errors) {
        assert.equal(typeof error.field, "string");
        // (a field name the sender made up is quoted as it is, braces and all)
        assert.ok(error.message && !/\{\w+\}/.test(error.message.replaceAll(error.field, "")), error.message);
      }
      for (const value of Object.values(fields)) assert.ok(!hasControlCharacters(value, { multiline: true }));
    }), RUNS);
  });

  test("an upload's start: any name and size is refused naming the file field, or is a safe name and a whole size", () => {
    fc.assert(fc.property(anyText, fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)), (name, size) => {
      const errors = validateUploadStart(schema, { name, size });
      if (errors.length) assert.ok(errors.every((e) => e.field === "attachments" && e.message));
      else assert.ok(Number.isSafeInteger(size) && size > 0 && !hasControlCharacters(name));
    }), RUNS);
  });

  test("a file's kept name is a base name: no folder, no control character, never . or ..", () => {
    fc.assert(fc.property(anyText, (name) => {
      const kept = baseName(name);
      assert.ok(kept && !/[\\/]/.test(kept) && !hasControlCharacters(kept) && kept !== "." && kept !== "..", JSON.stringify(kept));
    }), RUNS);
  });
});

describe("form bodies, fuzzed", () => {
  test("the parts counted before parsing are never fewer than the fields parsed (the cap cannot be slipped)", async () => {
    const urlencoded = fc.array(fc.tuple(anyText, anyText), { maxLength: 40 })
      .map((pairs) => ({ type: "application/x-www-form-urlencoded", body: pairs.map(([k, v]) => `${encodeURIComponent(k.toWellFormed())}=${encodeURIComponent(v.toWellFormed())}`).join(fc.sample(fc.constantFrom("&", "&&", ";"), 1)[0]) }));
    const raw = fc.string({ unit: "binary", maxLength: 300 }).map((text) => ({ type: "application/x-www-form-urlencoded", body: text }));
    const multipart = fc.array(fc.tuple(fc.string({ maxLength: 10 }), anyText), { maxLength: 40 }).map((pairs) => {
      const boundary = "b0undary";
      return { type: `multipart/form-data; boundary=${boundary}`, body: `${pairs.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, "")}"\r\n\r\n${v}\r\n`).join("")}--${boundary}--\r\n` };
    });
    await fc.assert(fc.asyncProperty(fc.oneof(urlencoded, raw, multipart), async ({ type, body }) => {
      const request = new Request("http://local/", { method: "POST", headers: { "content-type": type } });
      const bytes = new TextEncoder().encode(body);
      const form = await parseForm(request, bytes);
      if (form) assert.ok([...form].length <= countFormParts(request, bytes), body);
    }), RUNS);
  });
});

describe("the contact function, fuzzed", () => {
  let server;
  let contact;
  let stores;
  before(async () => {
    server = await startTestBlobs();
    process.env.HELPCENTER_DELIVERY = "none";
    contact = (await import("../../netlify/functions/contact.mjs")).default;
    stores = (await import("../../netlify/lib/store.mjs")).openStores("dev");
  });
  after(() => server.stop());

  test("any body, any form: refused with a short answer naming what to fix, never a 500, nothing stored", async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ type: fc.sample(fc.constantFrom("multipart/form-data; boundary=x", "application/x-www-form-urlencoded"), 1)[0], bytes })),
      fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN), fc.string({ maxLength: 12 })), anyText, { maxKeys: 25 }).map((object) => {
        const form = new FormData();
        for (const [k, v] of Object.entries({ ...object, description: object.description ?? "" })) form.append(k, v);
        return { form };
      }),
    );
    await fc.assert(fc.asyncProperty(body, async (input) => {
      const request = new Request("http://local/api/contact", { method: "POST", body: input.form || input.bytes,
        headers: { Accept: "application/json", ...(input.type ? { "Content-Type": input.type } : {}) } });
      const response = await contact(request, { ip: "127.0.0.1", deploy: { context: "dev" }, waitUntil() {} });
      const text = await response.text();
      assert.ok([400, 413, 415, 422].includes(response.status), `${response.status} ${text.slice(0, 200)}`);
      assert.ok(text.length < 8192, `${text.length} bytes`);
      assert.ok(JSON.parse(text).error.message);
    }), { numRuns: 150 });
    assert.equal((await stores.tickets.list({ prefix: "ticket/" })).blobs.length, 0);
  });
});
