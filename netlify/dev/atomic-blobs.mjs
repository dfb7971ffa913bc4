// Blobs' own local server (BlobsServer, from @netlify/blobs) behind a small front that makes
// its writes to one key happen one at a time. Its create-only and compare-and-swap writes
// check, then rename: two writes of one key at once both pass the check (five concurrent
// sends with one Idempotency-Key made five tickets). Netlify's service is atomic; the
// preview, the tests and the benchmarks stand on this one, so it must be too, or a test could
// never prove that a write is exclusive. Reads are not held.

import { createServer, request as httpRequest } from "node:http";
import { BlobsServer } from "@netlify/blobs/server";

/** Start BlobsServer and its front; `url` is the front's (what clients use). */
export async function startAtomicBlobs({ directory, token }) {
  const inner = new BlobsServer({ directory, token, port: 0 });
  const { port: innerPort } = await inner.start();
  const queues = new Map(); // URL path -> the tail of its writes
  const front = createServer((req, res) => {
    const path = new URL(req.url, "http://local").pathname;
    const writes = req.method === "PUT" || req.method === "DELETE";
    const forward = () => new Promise((done) => {
      const outgoing = httpRequest({ host: "127.0.0.1", port: innerPort, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode || 502, answer.headers);
          answer.pipe(res);
          answer.on("end", done);
          answer.on("error", done);
        });
      outgoing.on("error", () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
        done();
      });
      req.pipe(outgoing);
    });
    if (!writes) return void forward();
    const previous = queues.get(path) || Promise.resolve();
    const mine = previous.then(forward);
    queues.set(path, mine);
    mine.finally(() => { if (queues.get(path) === mine) queues.delete(path); });
  });
  await new Promise((ready) => front.listen(0, "127.0.0.1", ready));
  const url = `http://127.0.0.1:${front.address().port}`;
  return {
    url,
    async stop() {
      await new Promise((closed) => front.close(closed));
      await inner.stop();
    },
  };
}
