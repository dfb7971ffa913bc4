// A static server for the search benchmark that answers the way Netlify's CDN does: HTTP/2
// over TLS (every request of a page multiplexed on one connection, no six-connections-per-
// host queue), gzip for text, files kept in memory. It prints "ready <url>", then one JSON
// line per response: [epoch seconds, path, bytes on the wire], the benchmark's log of what
// was fetched before the first results.
//
//   node benchmarks/h2server.mjs SITE_DIR CERT.pem KEY.pem

import { createSecureServer } from "node:http2";
import { readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const [site, cert, key] = process.argv.slice(2);
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".png": "image/png", ".ico": "image/x-icon", ".woff2": "font/woff2", ".txt": "text/plain; charset=utf-8",
  ".pf_meta": "application/octet-stream", ".pf_fragment": "application/octet-stream", ".pf_index": "application/octet-stream",
  ".wasm": "application/wasm",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt"]);
const cache = new Map();

function file(path) {
  if (cache.has(path)) return cache.get(path);
  let target = normalize(join(site, decodeURIComponent(path)));
  if (!target.startsWith(normalize(site))) return null;
  try {
    if (statSync(target).isDirectory()) target = join(target, "index.html");
    const raw = readFileSync(target);
    const type = TYPES[extname(target)] || "application/octet-stream";
    const entry = COMPRESSIBLE.has(extname(target)) ? { body: gzipSync(raw, { level: 6 }), raw, type, gzip: true }
      : { body: raw, raw, type, gzip: false };
    cache.set(path, entry);
    return entry;
  } catch {
    return null;
  }
}

const server = createSecureServer({ cert: readFileSync(cert), key: readFileSync(key), allowHTTP1: true }, (req, res) => {
  const started = Date.now() / 1000;
  const path = new URL(req.url, "https://local").pathname;
  const found = file(path);
  if (!found) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    console.log(JSON.stringify([started, path, 0]));
    return;
  }
  const gzip = found.gzip && /\bgzip\b/.test(req.headers["accept-encoding"] || "");
  const headers = { "content-type": found.type };
  if (gzip) headers["content-encoding"] = "gzip";
  const out = gzip ? found.body : found.raw;
  headers["content-length"] = out.length;
  res.writeHead(200, headers);
  res.end(out);
  console.log(JSON.stringify([started, path, out.length]));
});
server.listen(0, "127.0.0.1", () => console.log(`ready https://127.0.0.1:${server.address().port}/`));
