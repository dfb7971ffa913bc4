// Local stand-in for Netlify's edge, for development and tests: runs the functions in
// netlify/functions with the Functions 2.0 contract (Request in, Response out; context with
// ip, requestId, params, deploy, waitUntil), enforces each function's config.rateLimit as
// Netlify would, gives them the real @netlify/blobs client against Blobs' own local server
// (BlobsServer), runs scheduled functions on a timer (or on POST /.netlify/functions/<name>,
// as `netlify dev` does), and proxies every other request to the static site server.
//
//   node netlify/dev/server.mjs --proxy http://127.0.0.1:8001 [--proxy /es/=http://127.0.0.1:8002]
//                               [--port 8000] [--blobs .netlify/blobs-local]
//
// A site in several languages is previewed by one server per language: `--proxy PREFIX=URL`
// sends the pages under PREFIX (and their live-reload polls) to that language's server.
//
// It prints "ready <url>" once listening. netlify-cli does the same job but weighs 200-300 MB
// and wants a Netlify account for some of it; this file is the part we need.

import { createServer, request as httpRequest } from "node:http";
import { readdir } from "node:fs/promises";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve, basename, extname } from "node:path";
import { pathToFileURL } from "node:url";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { startAtomicBlobs } from "./atomic-blobs.mjs";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8000" },
    host: { type: "string", default: "127.0.0.1" },
    proxy: { type: "string", multiple: true },
    functions: { type: "string", default: resolve(import.meta.dirname, "../functions") },
    blobs: { type: "string", default: ".netlify/blobs-local" },
    "schedule-seconds": { type: "string", default: "60" },
    "exit-with": { type: "string" }, // a parent process id: stop when it is gone
    // Files the functions import, written by the preview's first build: wait until they exist.
    // build.py serve runs this file with `node --watch`, which restarts it when one changes.
    "wait-for": { type: "string", multiple: true },
  },
});

for (const file of args["wait-for"] || []) {
  while (!existsSync(file)) await new Promise((done) => setTimeout(done, 200));
}

// -- Blobs: the real client, against the real local server --------------------------------
mkdirSync(args.blobs, { recursive: true });
const blobsToken = randomUUID();
// Its writes to one key one at a time: create-only writes are exclusive here too (atomic-blobs.mjs).
const blobs = await startAtomicBlobs({ directory: resolve(args.blobs), token: blobsToken });
const blobsURL = blobs.url;
process.env.NETLIFY_BLOBS_CONTEXT = Buffer.from(JSON.stringify({
  siteID: "local-helpcenter", token: blobsToken, edgeURL: blobsURL, uncachedEdgeURL: blobsURL, deployID: "local",
})).toString("base64");
process.env.CONTEXT ||= "dev";

// -- Functions ------------------------------------------------------------------------------
const functions = [];
for (const file of (await readdir(args.functions)).sort()) {
  if (![".mjs", ".js"].includes(extname(file))) continue;
  const module = await import(pathToFileURL(join(args.functions, file)).href);
  const config = module.config || {};
  const paths = [config.path || `/.netlify/functions/${basename(file, extname(file))}`].flat();
  functions.push({ name: basename(file, extname(file)), handler: module.default, config,
    patterns: paths.map(compilePath), hits: new Map() });
}

/** "/api/contact/upload/:id/:part" -> matcher returning params or null. */
function compilePath(path) {
  const names = [];
  const source = path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/:([A-Za-z_]+)/g, (_, name) => {
    names.push(name);
    return "([^/]+)";
  });
  const pattern = new RegExp(`^${source}/?$`);
  return (pathname) => {
    const match = pattern.exec(pathname);
    return match && Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  };
}

function route(pathname) {
  for (const fn of functions) {
    if (pathname === `/.netlify/functions/${fn.name}`) return { fn, params: {} };
    for (const match of fn.patterns) {
      const params = match(pathname);
      if (params) return { fn, params };
    }
  }
  return null;
}

/** Netlify's rateLimit: at most windowLimit requests per windowSize seconds per client. */
function rateLimited(fn, ip) {
  const limit = fn.config.rateLimit;
  if (!limit) return false;
  const now = Date.now();
  const window = limit.windowSize * 1000;
  const recent = (fn.hits.get(ip) || []).filter((t) => now - t < window);
  recent.push(now);
  fn.hits.set(ip, recent);
  return recent.length > limit.windowLimit;
}

const pending = new Set(); // waitUntil work, awaited on shutdown
const TRUST_CLIENT_IP_HEADER = process.env.HELPCENTER_TRUST_CLIENT_IP_HEADER === "1";
const PLATFORM_BODY_LIMIT = 6 * 1024 * 1024;

async function runFunction(fn, params, req, res) {
  // The client is its connection's address, as Netlify sees it: a header the client sends
  // (x-nf-client-connection-ip) is overwritten, never trusted. Only the tests, which play
  // many clients from one address, say otherwise (HELPCENTER_TRUST_CLIENT_IP_HEADER=1).
  const socketIp = req.socket.remoteAddress?.replace(/^::ffff:/, "") || "127.0.0.1";
  const claimed = TRUST_CLIENT_IP_HEADER ? req.headers["x-nf-client-connection-ip"] : undefined;
  const ip = typeof claimed === "string" && claimed ? claimed : socketIp;
  if (rateLimited(fn, ip)) {
    res.writeHead(429, { "Content-Type": "application/json", "Retry-After": String(fn.config.rateLimit.windowSize) });
    res.end(JSON.stringify({ error: { status: 429, code: "rate_limited", message: "Too many requests; please wait a minute and try again." } }));
    return;
  }
  const url = new URL(req.url, `http://${req.headers.host}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) headers.set(name, [value].flat().join(", "));
  headers.set("x-nf-client-connection-ip", ip);
  // Like Netlify, buffer the whole request before the function runs, and refuse one over
  // the platform's 6 MB limit without invoking it (reading it all, so the client hears why).
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= PLATFORM_BODY_LIMIT) chunks.push(chunk);
  }
  if (size > PLATFORM_BODY_LIMIT) {
    res.writeHead(413, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: { status: 413, code: "too_large", message: "The request is larger than 6 MB." } }));
    return;
  }
  const hasBody = !["GET", "HEAD"].includes(req.method);
  const request = new Request(url, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
  const context = {
    ip, requestId: randomUUID(), params, deploy: { context: "dev", id: "local" }, site: { id: "local-helpcenter" },
    waitUntil(promise) {
      const tracked = Promise.resolve(promise).catch((error) => console.error(`${fn.name}: waitUntil`, error));
      pending.add(tracked);
      tracked.finally(() => pending.delete(tracked));
    },
  };
  let response;
  try {
    response = await fn.handler(request, context);
  } catch (error) {
    console.error(`${fn.name}:`, error);
    response = new Response(JSON.stringify({ error: { status: 500, code: "internal", message: "Something went wrong on our side." } }),
      { status: 500, headers: { "Content-Type": "application/json" } });
  }
  response ||= new Response(null, { status: 204 });
  const out = {};
  response.headers.forEach((value, name) => { out[name] = value; });
  res.writeHead(response.status, out);
  if (response.body) {
    for await (const chunk of response.body) res.write(chunk);
  }
  res.end();
}

// [prefix, url], longest prefix first; the entry without a prefix serves "/".
const upstreams = (args.proxy || []).map((entry) => {
  const match = /^(\/[^=]*\/)=(.+)$/.exec(entry);
  return match ? [match[1], match[2]] : ["/", entry];
}).sort((a, b) => b[0].length - a[0].length);

function upstreamFor(req) {
  let { pathname } = new URL(req.url, "http://local");
  // mkdocs' live-reload script polls /livereload/... from every page: ask the server of the
  // page that polls.
  if (pathname.startsWith("/livereload/") && req.headers.referer) {
    try { pathname = new URL(req.headers.referer).pathname; } catch { /* keep the path */ }
  }
  return upstreams.find(([prefix]) => pathname.startsWith(prefix) || `${pathname}/` === prefix)?.[1];
}

function proxy(req, res) {
  const upstream = upstreamFor(req);
  if (!upstream) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
    return;
  }
  const target = new URL(req.url, upstream);
  const outgoing = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  outgoing.on("error", () => {
    if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
    res.end("the site server is not answering");
  });
  req.pipe(outgoing);
}

// A request whose body never arrives whole (shorter than its Content-Length, a client that
// stalls) is answered 408 and its connection closed, instead of holding the preview forever.
const REQUEST_TIMEOUT_MS = Number(process.env.HELPCENTER_REQUEST_TIMEOUT_MS || 60_000);
const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 500 }, (req, res) => {
  const pathname = new URL(req.url, "http://local").pathname;
  const found = route(pathname);
  if (!found) return proxy(req, res);
  if (found.fn.config.schedule && req.method !== "POST") {
    res.writeHead(405, { Allow: "POST" });
    return res.end();
  }
  runFunction(found.fn, found.params, req, res).catch((error) => {
    if (error?.code === "ECONNRESET") return res.destroy(); // the client went (or timed out): nobody to answer
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.keepAliveTimeout = 5000;
server.listen(Number(args.port), args.host, () => {
  const { port } = server.address();
  console.log(`ready http://${args.host}:${port}/ functions: ${functions.map((f) => f.name).join(", ")}`);
});

// Scheduled functions run on a timer here (Netlify runs them from their cron expression).
const every = Number(args["schedule-seconds"]) * 1000;
if (every > 0) {
  setInterval(() => {
    for (const fn of functions.filter((f) => f.config.schedule)) {
      Promise.resolve(fn.handler(new Request("http://local/"), {})).catch((error) => console.error(fn.name, error));
    }
  }, every).unref();
}

async function shutdown(code = 0) {
  server.close();
  await Promise.allSettled([...pending]);
  await blobs.stop();
  process.exit(code);
}
process.on("SIGTERM", () => shutdown());
if (args["exit-with"]) {
  setInterval(() => {
    try {
      process.kill(Number(args["exit-with"]), 0);
    } catch {
      // Run by `node --watch` (build.py serve), the watcher would wait for the next change and
      // start this server again: it goes too.
      if (process.env.WATCH_REPORT_DEPENDENCIES) process.kill(process.ppid, "SIGTERM");
      shutdown();
    }
  }, 1000).unref();
}
process.on("SIGINT", () => shutdown());
