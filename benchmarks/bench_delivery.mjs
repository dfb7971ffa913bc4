// Exactly-once delivery under faults: the table for issue 17's note.
//
//     node benchmarks/bench_delivery.mjs [--tickets 20] [--timeout-ms 500]
//
// For each receiver (an HTTP webhook, an SMTP server; both real, on loopback) and each fault
// (down, 500, an answer after the timeout, a hang, a permanent refusal, five retry runs at
// once), `--tickets` tickets are stored and delivered at once while the receiver is faulty;
// then it recovers (but a permanent refusal) and the scheduled retry runs until nothing is
// due. Printed: what the receiver got (copies), what it acted on (by the ticket's identity:
// Idempotency-Key, Message-ID), and the tickets' final states. The "ok" row is the baseline.

import "../tests/js/fixtures/use-fixtures.mjs";
import { parseArgs } from "node:util";
import { startTestBlobs, withEnv } from "../tests/js/support/blobs.mjs";
import { FAULTS, runFault, startSmtpReceiver, startWebhookReceiver } from "../tests/js/support/delivery-faults.mjs";

const { values } = parseArgs({ options: { tickets: { type: "string", default: "20" }, "timeout-ms": { type: "string", default: "500" } } });
const count = Number(values.tickets);
const timeoutMs = Number(values["timeout-ms"]);

const blobs = await startTestBlobs();
const stores = (await import("../netlify/lib/store.mjs")).openStores("dev");
const lib = await import("../netlify/lib/tickets.mjs");
const rows = [];
for (const [kind, start] of [["webhook", startWebhookReceiver], ["smtp", startSmtpReceiver]]) {
  const receiver = await start();
  const cases = [...Object.keys(FAULTS).map((fault) => [fault, 1]), ["down", 5]];
  for (const [fault, parallelRuns] of cases) {
    const result = await withEnv({ ...receiver.env, HELPCENTER_DELIVERY_TIMEOUT_MS: String(timeoutMs) },
      () => runFault({ stores, lib, receiver, fault, count, parallelRuns, timeoutMs }));
    rows.push({ kind, ...result });
  }
  await receiver.stop();
}
await blobs.stop();

const header = ["receiver", "fault", "retry runs at once", "tickets", "copies received", "most copies of one",
  "acted on once", "identities", "delivered", "failed (listed)", "pending", "seconds"];
const table = rows.map((r) => [r.kind, r.fault, r.parallelRuns, r.tickets, r.copies, r.maxCopies, r.processed, r.identities,
  r.delivered, `${r.failed} (${r.listedFailed})`, r.pending, r.seconds.toFixed(1)].map(String));
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map(() => "---").join("|")}|`);
for (const row of table) console.log(`| ${row.join(" | ")} |`);
console.log(`\nFaults: ${Object.entries(FAULTS).map(([name, what]) => `${name}: ${what}`).join("; ")}.`);
process.exit(0);
