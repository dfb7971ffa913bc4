// A test file's own Blobs: the real local server (behind the preview's atomic front), in a
// temporary folder, with the environment the @netlify/blobs client reads set to reach it.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAtomicBlobs } from "../../../netlify/dev/atomic-blobs.mjs";

export async function startTestBlobs() {
  const token = "unit-test-token";
  const server = await startAtomicBlobs({ directory: mkdtempSync(join(tmpdir(), "blobs-")), token });
  const { url } = server;
  process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify({ siteID: "unit", token, edgeURL: url, uncachedEdgeURL: url })).toString("base64");
  return server;
}

/** Set environment variables for the length of `run`, then put them back. */
export async function withEnv(values, run) {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  Object.assign(process.env, values);
  try {
    return await run();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
