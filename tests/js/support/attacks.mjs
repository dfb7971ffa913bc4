// Bad inputs against the functions, through the local preview (netlify/dev/server.mjs): the
// attack of issue 17 kept as a catalog. Each is refused with a clear error (a message, and the
// field when one is to blame) and stores nothing. Run by tests/js/attacks.test.mjs and
// printed as a table by benchmarks/attack_functions.mjs.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { connect } from "node:net";

const ROOT = resolve(import.meta.dirname, "../../..");
const ARTICLE = "/calendar-sync/import-ical-feed/";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(40)]);

/** The preview, with the committed fixtures for what the build would write, and its own Blobs folder. */
export async function startPreview(env = {}) {
  const blobs = mkdtempSync(join(tmpdir(), "attack-blobs-"));
  const child = spawn(process.execPath, ["--import", "./tests/js/fixtures/use-fixtures.mjs", "netlify/dev/server.mjs",
    "--port", "0", "--blobs", blobs, "--schedule-seconds", "0"], {
    cwd: ROOT, env: { ...process.env, HELPCENTER_DELIVERY: "none", ...env }, stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise((ready, fail) => {
    createInterface({ input: child.stdout }).once("line", ready);
    child.once("exit", (code) => fail(new Error(`the preview stopped (${code})`)));
  });
  if (!line.startsWith("ready ")) throw new Error(`the preview did not start: ${line}`);
  return {
    url: line.split(" ")[1].replace(/\/$/, ""),
    blobs,
    stop: () => new Promise((stopped) => {
      child.once("exit", stopped);
      child.kill();
    }),
  };
}

/** Every key in the preview's Blobs folder (its files; the server's temporary ones start with "."). */
export function storedKeys(folder) {
  const keys = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else keys.add(join(dir, entry.name).slice(folder.length));
    }
  };
  walk(folder);
  return keys;
}

// -- building requests ---------------------------------------------------------------------

const VALID = {
  topic: "technical", subject: "Calendar stopped syncing", name: "Ana Pérez", email: "ana@example.com",
  description: "Since Monday my Airbnb calendar does not update.", os: "Linux", browser: "Firefox 133",
};

/** A multipart body from [name, value] pairs; a value may be raw bytes (a Buffer), or a file {filename, bytes}. */
function multipart(pairs) {
  const boundary = "----attack-boundary-7f3a";
  const chunks = [];
  for (const [name, value] of pairs) {
    const file = value && typeof value === "object" && "filename" in value;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"`
      + (file ? `; filename="${value.filename}"\r\nContent-Type: application/octet-stream` : "") + "\r\n\r\n"));
    chunks.push(file ? value.bytes : Buffer.isBuffer(value) ? value : Buffer.from(String(value)));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

const form = (changes = {}, extra = []) => {
  const fields = { ...VALID, ...changes };
  return multipart([...Object.entries(fields).filter(([, v]) => v !== undefined), ...extra]);
};

const contact = (name, category, { body, type }, status, field, headers = {}) =>
  ({ category, name, path: "/api/contact", method: "POST", body, headers: { "Content-Type": type, Accept: "application/json", ...headers }, status, field });
const json = (path, value) => ({ body: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)), headers: { "Content-Type": "application/json", Accept: "application/json" } });
const uploadStart = (name, value, status, field = "attachments") =>
  ({ category: "upload start", name, path: "/api/contact/upload", method: "POST", ...json("", value), status, field });

// What hides a header or a terminal escape in a one-line value.
export const INJECTIONS = {
  "CR LF + Bcc": "Ana\r\nBcc: x@example.com",
  "LF": "Ana\nBcc: x@example.com",
  "CR": "Ana\rBcc: x@example.com",
  "NUL": "Ana\u0000",
  "ESC sequence": "Ana\u001b[31m",
  "DEL": "Ana\u007f",
  "NEL (U+0085)": "Ana\u0085Bcc: x@example.com",
  "C1 CSI (U+009B)": "Ana\u009b31m",
  "line separator (U+2028)": "Ana\u2028Bcc: x@example.com",
  "paragraph separator (U+2029)": "Ana\u2029Bcc: x@example.com",
  "U+FFFD": "Ana\ufffd",
  "encoded word, Q": "=?utf-8?q?a=0D=0ABcc:_evil@example.com?=",
  "encoded word, B": "=?UTF-8?B?QW5hDQpCY2M6IGV2aWxAZXhhbXBsZS5jb20=?=",
};
// Bytes that are not UTF-8 (a decoder makes them U+FFFD).
const NOT_UTF8 = {
  "overlong '/' (C0 AF)": Buffer.from([0x41, 0xc0, 0xaf, 0x42]),
  "lone surrogate (ED A0 80)": Buffer.from([0x41, 0xed, 0xa0, 0x80]),
  "FF FE": Buffer.from([0xff, 0xfe, 0x41]),
  "cut sequence (E2 82)": Buffer.from([0x41, 0xe2, 0x82]),
};
const MULTI_LINE = { "NUL": "Since Monday\u0000 nothing", "ESC sequence": "Since Monday \u001b[2J nothing",
  "C1 CSI (U+009B)": "Since Monday \u009b2J nothing", "U+FFFD": "Since Monday \ufffd nothing" };

/** The catalog: plain attacks, and `prepare(client)` ones that need a stored ticket or upload first. */
export function attacks() {
  const list = [];
  for (const field of ["subject", "name", "email", "os", "browser"]) {
    for (const [what, value] of Object.entries(INJECTIONS)) {
      const text = field === "email" ? `ana@example.com${value.replace(/^Ana/, "")}` : value;
      list.push(contact(`${what} in ${field}`, "header and control characters", form({ [field]: text }), 422, field));
    }
  }
  for (const field of ["description", "expected"]) {
    for (const [what, value] of Object.entries(MULTI_LINE)) {
      list.push(contact(`${what} in ${field}`, "header and control characters", form({ [field]: value }), 422, field));
    }
  }
  for (const field of ["subject", "description"]) {
    for (const [what, bytes] of Object.entries(NOT_UTF8)) {
      const padded = field === "description" ? Buffer.concat([Buffer.from("Since Monday nothing updates "), bytes]) : bytes;
      list.push(contact(`${what} in ${field}`, "bytes that are not UTF-8", form({ [field]: padded }), 422, field));
    }
  }
  const urlencoded = (text) => ({ body: Buffer.from(text), type: "application/x-www-form-urlencoded" });
  list.push(contact("%C0%AF in an urlencoded subject", "bytes that are not UTF-8",
    urlencoded(`${new URLSearchParams({ ...VALID, subject: "x" })}`.replace("subject=x", "subject=%C0%AF")), 422, "subject"));

  const request = [
    ["JSON body", json("", VALID), 415, ""],
    ["text body", { body: Buffer.from("hello"), headers: { "Content-Type": "text/plain" } }, 415, ""],
    ["no content type", { body: Buffer.from("topic=technical"), headers: {} }, 415, ""],
    ["broken multipart", { body: Buffer.from("--x\r\nnonsense"), headers: { "Content-Type": "multipart/form-data; boundary=x" } }, 400, ""],
    ["multipart without a boundary", { body: Buffer.from("--x\r\n"), headers: { "Content-Type": "multipart/form-data" } }, 400, ""],
    ["700,000 empty fields (5 MB)", { body: Buffer.from("a=&".repeat(700_000)), headers: { "Content-Type": "application/x-www-form-urlencoded" } }, 413, ""],
    ["300 multipart parts", { ...(({ body, type }) => ({ body, headers: { "Content-Type": type } }))(form({}, Array.from({ length: 300 }, (_, n) => [`f${n}`, "x"]))) }, 413, ""],
    ["6 MB body", { ...(({ body, type }) => ({ body, headers: { "Content-Type": type } }))(form({}, [["attachments", { filename: "big.png", bytes: Buffer.concat([PNG, Buffer.alloc(6_100_000)]) }]])) }, 413, ""],
  ];
  for (const [name, { body, headers }, status, field] of request) {
    list.push({ category: "request shape", name, path: "/api/contact", method: "POST", body, headers: { Accept: "application/json", ...headers }, status, field });
  }
  list.push({ category: "request shape", name: "GET", path: "/api/contact", method: "GET", headers: {}, status: 405, field: "" });
  list.push({ category: "request shape", name: "PUT", path: "/api/contact", method: "PUT", ...(({ body, type }) => ({ body, headers: { "Content-Type": type } }))(form()), status: 405, field: "" });

  const fields = [
    ["missing topic", form({ topic: undefined }), "topic"],
    ["unknown topic", form({ topic: "refund-now" }), "topic"],
    ["blank subject", form({ subject: "   " }), "subject"],
    ["subject of 151 characters", form({ subject: "s".repeat(151) }), "subject"],
    ["description of 5,001 characters", form({ description: "d".repeat(5001) }), "description"],
    ["neither e-mail nor phone", form({ email: undefined }), "email"],
    ["bad e-mail", form({ email: "ana at example.com" }), "email"],
    ["bad phone", form({ email: undefined, phone: "call me" }), "phone"],
    ["bad plan", form({ plan: "platinum" }), "plan"],
    ["unknown field", form({ is_admin: "yes" }), "is_admin"],
    ["a field twice", form({}, [["subject", "again"]]), "subject"],
    ["honeypot filled", form({ website: "http://cheap.example" }), "website"],
    ["sent too fast", form({ started: String(Date.now()) }), "started"],
    ["start time in the future", form({ started: String(Date.now() + 3_600_000) }), "started"],
    ["bad idempotency key field", form({ idempotency_key: "bad key!" }), "idempotency_key"],
  ];
  for (const [name, body, field] of fields) list.push(contact(name, "form fields", body, 422, field));
  for (const key of ["bad key!", "short", "k".repeat(101), "ключ-ключ-ключ"]) {
    list.push(contact(`Idempotency-Key ${JSON.stringify(key.slice(0, 12))}`, "form fields", form(), 422, "idempotency_key",
      { "Idempotency-Key": encodeURIComponent(key) === key ? key : encodeURIComponent(key) }));
  }

  const file = (filename, bytes) => form({}, [["attachments", { filename, bytes }]]);
  const files = [
    ["an .exe named .png", file("screen.png", EXE)],
    ["a .docx", file("notes.docx", Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(40)]))],
    ["an empty file", file("empty.png", Buffer.alloc(0))],
    ["six files", form({}, Array.from({ length: 6 }, (_, n) => ["attachments", { filename: `s${n}.png`, bytes: PNG }]))],
    ["a file in a text field", form({}, [["subject", { filename: "s.png", bytes: PNG }]]), "subject"],
    ["CR LF in a file name (as a browser sends it)", file("a%0D%0ABcc: x.png", PNG)],
    ["NUL in a file name", file("a\u0000.png", PNG)],
    ["a 300-character file name", file(`${"s".repeat(300)}.png`, PNG)],
    ["an unknown upload id", form({ upload_ids: "6f1c2a4e-0000-4000-8000-000000000000" })],
    ["an upload id that is not one", form({ upload_ids: "../../etc/passwd" })],
  ];
  for (const [name, body, field = "attachments"] of files) list.push(contact(name, "attachments", body, 422, field));

  for (const [name, value, status, field = "attachments"] of [
    ["not JSON", "{name", 400, ""], ["NUL in the name", { name: "shot\u0000.png", size: 100 }, 422],
    ["CR LF in the name", { name: "shot\r\n.png", size: 100 }, 422], ["a 300-character name", { name: `${"x".repeat(300)}.png`, size: 100 }, 422],
    ["size \"100\"", { name: "a.png", size: "100" }, 422], ["size 1.5", { name: "a.png", size: 1.5 }, 422],
    ["size 1e308", { name: "a.png", size: 1e308 }, 422], ["size -5", { name: "a.png", size: -5 }, 422],
    ["size 0", { name: "a.png", size: 0 }, 422], ["a .exe", { name: "a.exe", size: 100 }, 422],
    ["60 MB", { name: "a.mp4", size: 60 * 1024 * 1024 }, 413],
  ]) list.push(uploadStart(name, value, status, field));
  list.push({ category: "upload start", name: "text/plain", path: "/api/contact/upload", method: "POST", body: Buffer.from("{}"),
    headers: { "Content-Type": "text/plain" }, status: 415, field: "" });

  // Parts and tickets that need a stored upload or ticket first.
  const started = async (client, bytes = PNG) => {
    const answer = await client.send({ path: "/api/contact/upload", method: "POST", ...json("", { name: "screen.png", size: bytes.length }) });
    return answer.body.id;
  };
  const part = (name, prepare, status, field = "attachments") => ({ category: "upload parts", name, prepare, status, field });
  const put = (id, n, bytes) => ({ path: `/api/contact/upload/${id}/${n}`, method: "PUT", body: bytes, headers: {} });
  list.push(part("a part of an unknown upload", async () => put("6f1c2a4e-0000-4000-8000-000000000000", 0, PNG), 404));
  list.push(part("part number 7 of 1", async (c) => put(await started(c), 7, PNG), 422));
  list.push(part("part number -1", async (c) => put(await started(c), -1, PNG), 422));
  list.push(part("a part of the wrong size", async (c) => put(await started(c), 0, Buffer.concat([PNG, PNG])), 422));
  list.push(part("an .exe as the first part of a .png", async (c) => put(await started(c, EXE), 0, EXE), 422));
  list.push(part("other bytes for a stored part", async (c) => {
    const id = await started(c);
    await c.send(put(id, 0, PNG));
    const other = Buffer.from(PNG);
    other[other.length - 1] ^= 0xff;
    return put(id, 0, other);
  }, 409));
  list.push(part("an upload already sent with another ticket", async (c) => {
    const id = await started(c);
    await c.send(put(id, 0, PNG));
    await c.stored(await c.send(contact("", "", form({ upload_ids: id }), 0, "")));
    return contact("", "", form({ upload_ids: id, subject: "Another request" }), 0, "");
  }, 422));
  list.push({ category: "replays", name: "an edited resend under the same key (script)", status: 409, field: "idempotency_key",
    prepare: async (c) => {
      await c.stored(await c.send(contact("", "", form(), 0, "", { "Idempotency-Key": "attack-replay-key-1" })));
      return contact("", "", form({ subject: "Edited" }), 0, "", { "Idempotency-Key": "attack-replay-key-1" });
    } });

  const insight = (category, path, name, value, status, field, type) => ({ category, name, path, method: "POST",
    body: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
    headers: { "Content-Type": type || "application/json", Accept: "application/json", "User-Agent": "Mozilla/5.0 Attack" }, status, field });
  const vote = (changes) => ({ article: ARTICLE, vote: "no", ...changes });
  for (const [name, value, status, field, type] of [
    ["not JSON", "{vote", 400, ""], ["a JSON array", "[1,2]", 400, ""], ["text/plain", "vote=yes", 415, "", "text/plain"],
    ["5 KB", "x".repeat(5000), 413, ""], ["no article", { vote: "yes" }, 422, "article"],
    ["an unknown article", vote({ article: "/no/such/" }), 422, "article"], ["another site's page", vote({ article: "https://evil.example/" }), 422, "article"],
    ["a path that climbs", vote({ article: `${ARTICLE}../../` }), 422, "article"], ["vote \"maybe\"", vote({ vote: "maybe" }), 422, "vote"],
    ["vote true", vote({ vote: true }), 422, "vote"], ["a comment of 1,001 characters", vote({ comment: "x".repeat(1001) }), 422, "comment"],
    ["NUL in a comment", vote({ comment: "bad\u0000byte" }), 422, "comment"], ["C1 in a comment", vote({ comment: "bad\u009bbyte" }), 422, "comment"],
    ["U+FFFD in a comment", vote({ comment: "bad \ufffd byte" }), 422, "comment"], ["a number as comment", vote({ comment: 42 }), 422, "comment"],
    ["an unknown field", vote({ rating: 5 }), 422, "rating"], ["a language of 11 letters", vote({ lang: "x".repeat(11) }), 422, "lang"],
    ["vote twice in one form", `article=${encodeURIComponent(ARTICLE)}&vote=yes&vote=no`, 422, "vote", "application/x-www-form-urlencoded"],
  ]) list.push(insight("article votes", "/api/feedback", name, value, status, field, type));
  const miss = (changes) => ({ kind: "no_results", query: "wifi", lang: "en", ...changes });
  for (const [name, value, field] of [
    ["punctuation only", miss({ query: "- - -" }), "query"], ["emoji only", miss({ query: "😀🙏" }), "query"],
    ["an empty search", miss({ query: "" }), "query"], ["spaces only", miss({ query: "   " }), "query"],
    ["an unknown kind", miss({ kind: "spam" }), "kind"], ["an unknown language", miss({ lang: "sv" }), "lang"],
    ["articles not a list", { kind: "contacted", lang: "en", articles: "/calendar-sync/" }, "articles"],
    ["an unknown article", { kind: "contacted", lang: "en", articles: ["/nowhere/"] }, "articles"],
    ["11 articles", { kind: "contacted", lang: "en", articles: Array(11).fill(ARTICLE) }, "articles"],
    ["an address field", miss({ ip: "1.2.3.4" }), "ip"],
  ]) list.push(insight("search counts", "/api/search-miss", name, value, 422, field));
  list.push(insight("search counts", "/api/search-miss", "10,000 characters", miss({ query: "w".repeat(10_000) }), 413, ""));

  for (const path of ["/api/contact", "/api/contact/upload", "/api/feedback", "/api/search-miss"]) {
    for (const [name, headers] of [["another origin", { Origin: "https://evil.example" }], ["a sandboxed frame (Origin: null)", { Origin: "null" }],
      ["a cross-site fetch", { "Sec-Fetch-Site": "cross-site" }]]) {
      const body = path === "/api/contact" ? form() : { body: Buffer.from(JSON.stringify(path.includes("upload") ? { name: "a.png", size: 10 } : vote({}))), type: "application/json" };
      list.push({ category: "other origins", name: `${name} to ${path}`, path, method: "POST", body: body.body,
        headers: { "Content-Type": body.type, Accept: "application/json", ...headers }, status: 403, field: "" });
    }
  }
  return list;
}

/** Attacks on the preview itself (its rate limit, a stalled body): run against one that trusts no client header. */
export function previewAttacks() {
  return [
    { category: "the preview", name: "32 votes rotating X-Nf-Client-Connection-Ip", status: 429, field: "",
      async run(url) {
        let last;
        for (let n = 0; n < 32; n += 1) {
          last = await fetch(`${url}/api/feedback`, { method: "POST", body: JSON.stringify({ article: ARTICLE, vote: "maybe" }),
            headers: { "Content-Type": "application/json", "X-Nf-Client-Connection-Ip": `203.0.113.${n}` } });
        }
        return { status: last.status, body: await last.json().catch(() => null) };
      } },
    { category: "the preview", name: "a body shorter than its Content-Length", status: 408, field: "",
      async run(url) {
        const { hostname, port } = new URL(url);
        const answer = await new Promise((done) => {
          const socket = connect(Number(port), hostname, () => socket.write("POST /api/contact HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nname=Ana"));
          let text = "";
          socket.on("data", (chunk) => { text += chunk; });
          socket.on("close", () => done(text));
          socket.setTimeout(10_000, () => socket.destroy());
        });
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] || 0);
        // Node's own answer: a status line ("408 Request Timeout") and no body.
        return { status, body: { error: { message: /^HTTP\/1\.1 \d{3} (.*)/.exec(answer)?.[1] || "" } } };
      } },
  ];
}

/** Send every attack to the preview at `url`; returns one row per attack. */
export async function runAttacks(url, blobs, list = attacks()) {
  let client = 0;
  const send = async ({ path, method, body, headers }) => {
    client += 1; // a client address of its own: the per-client limits are not what is tested here
    const response = await fetch(`${url}${path}`, { method, body, headers: { "X-Nf-Client-Connection-Ip": `10.${client >> 16 & 255}.${client >> 8 & 255}.${client & 255}`, ...headers } });
    const text = await response.text();
    let parsed = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { error: { message: text } };
    }
    return { status: response.status, body: parsed };
  };
  const rows = [];
  for (const attack of list) {
    const request = attack.prepare ? await attack.prepare({ send, stored: (answer) => ticketSettled(blobs, answer) }) : attack;
    const before = storedKeys(blobs);
    const answer = await send(request);
    const after = storedKeys(blobs);
    rows.push(row(attack, answer, [...after].filter((key) => !before.has(key))));
  }
  return rows;
}

/**
 * Wait until a ticket stored while preparing an attack has had its first delivery attempt
 * (the preview makes it after answering), so that attempt's writes are not taken for the
 * attack's.
 */
async function ticketSettled(blobs, answer) {
  if (answer.status !== 201) throw new Error(`the ticket the attack needs was not stored: ${answer.status}`);
  const ref = answer.body.ref;
  for (let waited = 0; waited < 10_000; waited += 20) {
    const keys = [...storedKeys(blobs)];
    const ticket = keys.find((key) => key.startsWith("/entries/") && key.endsWith(`/ticket/${ref}`));
    const attempted = ticket && JSON.parse(readFileSync(join(blobs, ticket), "utf8")).attempts >= 1;
    if (attempted && !keys.some((key) => key.includes(`/lease/${ref}/`))) return;
    await new Promise((wait) => setTimeout(wait, 20));
  }
  throw new Error(`the ticket ${ref} was never attempted`);
}

export async function runPreviewAttacks(url, blobs) {
  const rows = [];
  for (const attack of previewAttacks()) {
    const before = storedKeys(blobs);
    const answer = await attack.run(url);
    rows.push(row(attack, answer, [...storedKeys(blobs)].filter((key) => !before.has(key))));
  }
  return rows;
}

function row(attack, answer, stored) {
  const error = answer.body?.error || {};
  return {
    category: attack.category, name: attack.name, expected: attack.status, status: answer.status,
    field: error.field || "", expectedField: attack.field, message: String(error.message || ""),
    stored,
    refused: answer.status === attack.status && Boolean(error.message) && (!attack.field || error.field === attack.field)
      && !/\bat .*\.m?js:\d+/.test(JSON.stringify(answer.body)), // a clear error, never a stack trace
  };
}
