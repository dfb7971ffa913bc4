// Bad inputs against the functions through the local preview: the attack table of issue 17.
//
//     node benchmarks/attack_functions.mjs [--verbose]
//
// Sends every attack of tests/js/support/attacks.mjs (header injection, control characters,
// bytes that are not UTF-8, request shapes, form fields, attachments, uploads and their parts,
// replays, article votes, search counts, other origins, the preview's own limits) and prints,
// per kind: how many were tried, refused with the expected status and a clear error naming
// the field to blame, and how many stored anything. --verbose lists every attack.

import { parseArgs } from "node:util";
import { runAttacks, runPreviewAttacks, startPreview } from "../tests/js/support/attacks.mjs";

const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false } } });
const preview = await startPreview({ HELPCENTER_TRUST_CLIENT_IP_HEADER: "1" });
const strict = await startPreview({ HELPCENTER_TRUST_CLIENT_IP_HEADER: "", HELPCENTER_REQUEST_TIMEOUT_MS: "1000" });
const rows = [...await runAttacks(preview.url, preview.blobs), ...await runPreviewAttacks(strict.url, strict.blobs)];
await preview.stop();
await strict.stop();

const kinds = new Map();
for (const row of rows) {
  const kind = kinds.get(row.category) || { tried: 0, refused: 0, stored: 0 };
  kind.tried += 1;
  kind.refused += row.refused ? 1 : 0;
  kind.stored += row.stored.length ? 1 : 0;
  kinds.set(row.category, kind);
}
console.log("| kind of bad input | tried | refused, clear error, field named | stored anything |");
console.log("|---|---|---|---|");
for (const [category, { tried, refused, stored }] of kinds) console.log(`| ${category} | ${tried} | ${refused} | ${stored} |`);
const total = [...kinds.values()].reduce((sum, k) => ({ tried: sum.tried + k.tried, refused: sum.refused + k.refused, stored: sum.stored + k.stored }), { tried: 0, refused: 0, stored: 0 });
console.log(`| **all** | **${total.tried}** | **${total.refused}** | **${total.stored}** |`);
for (const row of rows) {
  if (values.verbose || !row.refused || row.stored.length) {
    console.log(`${row.refused && !row.stored.length ? "ok " : "BAD"} ${row.category}: ${row.name} -> ${row.status}${row.field ? ` (${row.field})` : ""}`
      + `${row.stored.length ? ` stored ${row.stored.join(", ")}` : ""}: ${row.message.slice(0, 100)}`);
  }
}
process.exit(0);
