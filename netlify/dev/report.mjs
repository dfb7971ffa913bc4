// The insights report as JSON, from Netlify Blobs: the site's store through the Blobs API
// (--site: NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN, a personal access token, from the
// environment, where `ps` does not show them), or a local folder written by
// netlify/dev/server.mjs (--blobs, read through Blobs' own local server). build.py report
// runs this and prints the tables.
//
//   node netlify/dev/report.mjs --blobs .netlify/blobs-local [--days 30] [--min-votes 3]
//   NETLIFY_SITE_ID=... NETLIFY_AUTH_TOKEN=... node netlify/dev/report.mjs --site [--context production]

import { resolve } from "node:path";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { getStore } from "@netlify/blobs";
import { BlobsServer } from "@netlify/blobs/server";
import { buildReport } from "../lib/insights.mjs";

const { values: args } = parseArgs({
  options: {
    blobs: { type: "string" },
    site: { type: "boolean" },
    context: { type: "string", default: "production" },
    days: { type: "string", default: "30" },
    "min-votes": { type: "string", default: "3" },
    limit: { type: "string", default: "10" },
  },
});

const suffix = args.context === "production" || args.context === "dev" ? "" : `-${args.context}`;
const name = `helpcenter-insights${suffix}`;
const ticketsName = `helpcenter-tickets${suffix}`;
let store;
let tickets;
let server;
if (args.blobs) {
  if (!existsSync(args.blobs)) {
    console.error(`no local store at ${args.blobs} (run the preview, build.py serve, to make one)`);
    process.exit(2);
  }
  const token = "report";
  server = new BlobsServer({ directory: resolve(args.blobs), token, port: 0 });
  const { port } = await server.start();
  const url = `http://127.0.0.1:${port}`;
  // The site id the local stand-in writes under (netlify/dev/server.mjs).
  store = getStore({ name, siteID: "local-helpcenter", token, edgeURL: url, uncachedEdgeURL: url, consistency: "strong" });
  tickets = getStore({ name: ticketsName, siteID: "local-helpcenter", token, edgeURL: url, uncachedEdgeURL: url,
    consistency: "strong" });
} else if (args.site && process.env.NETLIFY_SITE_ID && process.env.NETLIFY_AUTH_TOKEN) {
  store = getStore({ name, siteID: process.env.NETLIFY_SITE_ID, token: process.env.NETLIFY_AUTH_TOKEN });
  tickets = getStore({ name: ticketsName, siteID: process.env.NETLIFY_SITE_ID, token: process.env.NETLIFY_AUTH_TOKEN });
} else {
  console.error("give --blobs DIR, or --site with NETLIFY_SITE_ID and NETLIFY_AUTH_TOKEN set");
  process.exit(2);
}
try {
  const report = await buildReport(store, {
    days: Number(args.days), minVotes: Number(args["min-votes"]), limit: Number(args.limit) });
  // Tickets whose delivery was given up (a permanent refusal, or too many attempts): a person
  // must send them on by hand; their text and files are still in the store.
  const failed = await tickets.list({ prefix: "failed/" });
  report.undelivered_tickets = (await Promise.all(failed.blobs.map(({ key }) => tickets.get(key, { type: "json" }))))
    .filter(Boolean).sort((a, b) => b.at - a.at);
  process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
} catch (error) {
  console.error(`could not read the insights store: ${error.message}`);
  process.exitCode = 1;
} finally {
  await server?.stop();
}
