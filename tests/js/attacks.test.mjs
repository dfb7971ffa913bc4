// The attack of issue 17, kept: every bad input in tests/js/support/attacks.mjs, sent to the
// local preview (netlify/dev/server.mjs, the real functions and Blobs), is refused with a
// clear error naming the field to blame, and stores nothing.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { attacks, runAttacks, runPreviewAttacks, startPreview } from "./support/attacks.mjs";

describe("bad inputs through the preview", () => {
  let preview;
  let strict;
  before(async () => {
    // Each attack plays its own client (a header only the tests are trusted to send) ...
    preview = await startPreview({ HELPCENTER_TRUST_CLIENT_IP_HEADER: "1" });
    // ... but the attacks on the preview itself meet it as it runs for a writer.
    strict = await startPreview({ HELPCENTER_TRUST_CLIENT_IP_HEADER: "", HELPCENTER_REQUEST_TIMEOUT_MS: "1000" });
  });
  after(async () => {
    await preview?.stop();
    await strict?.stop();
  });

  test("the catalog is the attack's size", () => {
    assert.ok(attacks().length >= 170, `${attacks().length} attacks`);
  });

  test("each is refused with its status and field, and stores nothing", async () => {
    const rows = [...await runAttacks(preview.url, preview.blobs), ...await runPreviewAttacks(strict.url, strict.blobs)];
    const wrong = rows.filter((row) => !row.refused || row.stored.length);
    assert.deepEqual(wrong.map(({ category, name, status, expected, field, expectedField, stored, message }) =>
      ({ category, name, status, expected, field, expectedField, stored, message: message.slice(0, 120) })), []);
  });
});
