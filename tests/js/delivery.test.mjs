// Delivery exactly once under faults (issue 17, item 4): a receiver that is down, fails,
// answers after the timeout, hangs or refuses for good, and retry runs at the same time. Real
// receivers on loopback (HTTP webhook, SMTP), the real Blobs client and local server. A ticket
// a receiver took but answered late is sent again, always with the same identity
// (Idempotency-Key, Message-ID), so the receiver acts on it once.

import "./fixtures/use-fixtures.mjs";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startTestBlobs, withEnv } from "./support/blobs.mjs";
import { runFault, startSmtpReceiver, startWebhookReceiver } from "./support/delivery-faults.mjs";

const TIMEOUT_MS = 300;

for (const [kind, startReceiver] of [["webhook", startWebhookReceiver], ["smtp", startSmtpReceiver]]) {
  describe(`delivery to ${kind} under faults`, () => {
    let blobs;
    let receiver;
    let stores;
    let lib;
    before(async () => {
      blobs = await startTestBlobs();
      receiver = await startReceiver();
      stores = (await import("../../netlify/lib/store.mjs")).openStores("dev");
      lib = await import("../../netlify/lib/tickets.mjs");
    });
    after(async () => {
      await receiver.stop();
      await blobs.stop();
    });
    const run = (fault, options = {}) => withEnv({ ...receiver.env, HELPCENTER_DELIVERY_TIMEOUT_MS: String(TIMEOUT_MS) },
      () => runFault({ stores, lib, receiver, fault, timeoutMs: TIMEOUT_MS, ...options }));

    for (const fault of ["ok", "down", "error", "slow", "hang"]) {
      test(`${fault}: every ticket delivered, each taken once, one identity on every copy`, async () => {
        const result = await run(fault);
        assert.equal(result.delivered, result.tickets, JSON.stringify(result));
        assert.equal(result.processed, result.tickets, "each ticket acted on by the receiver");
        assert.equal(result.identities, result.tickets, "the same identity on every try");
        // The first try counts as a copy whenever it reached the receiver (refused or not).
        assert.equal(result.maxCopies, fault === "ok" ? 1 : 2, JSON.stringify(result));
      });
    }

    test("refused for good: one try, marked failed and listed for a person, never retried", async () => {
      const result = await run("refuse");
      assert.equal(result.failed, result.tickets, JSON.stringify(result));
      assert.equal(result.listedFailed, result.tickets);
      assert.equal(result.maxAttempts, 1);
      assert.equal(result.copies, result.tickets);
      assert.equal(result.processed, 0);
    });

    test("five retry runs at once deliver each ticket once", async () => {
      const result = await run("down", { parallelRuns: 5, count: 6 });
      assert.equal(result.delivered, result.tickets, JSON.stringify(result));
      assert.equal(result.maxCopies, 2, "the refused first try, then exactly one delivery");
      assert.equal(result.copies, 2 * result.tickets);
    });
  });
}

describe("a retry run keeps to Netlify's 30 seconds", () => {
  test("a hanging receiver: each delivery under way stops at the run's limit", async () => {
    const blobs = await startTestBlobs();
    const receiver = await startWebhookReceiver();
    try {
      const stores = (await import("../../netlify/lib/store.mjs")).openStores("dev");
      const { createTicket, retryPending } = await import("../../netlify/lib/tickets.mjs");
      receiver.fault = "hang";
      // The destination's own timeout (25 s by default) is longer than what is left of the run.
      await withEnv({ ...receiver.env, HELPCENTER_DELIVERY_TIMEOUT_MS: "60000" }, async () => {
        for (let n = 0; n < 3; n += 1) await createTicket(stores, { fields: { subject: `hang ${n}` }, files: [], uploads: [] });
        const started = Date.now();
        const counts = await retryPending(stores, { now: Date.now() + 86_400_000, budgetMs: 200, limitMs: 800 });
        const took = Date.now() - started;
        assert.ok(took < 2000, `${took} ms`);
        assert.equal(counts.failed, 1, JSON.stringify(counts));
        assert.equal(counts.deferred, 2, JSON.stringify(counts));
      });
    } finally {
      await receiver.stop();
      await blobs.stop();
    }
  });
});
