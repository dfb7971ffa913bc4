// Responses of the help center's functions: JSON (or a 303 for forms posted without
// JavaScript) with the security headers Netlify's [[headers]] do not add to functions.

export const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Strict-Transport-Security": "max-age=31536000",
  "Cache-Control": "no-store",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...SECURITY_HEADERS, "Content-Type": "application/json; charset=utf-8", ...headers },
  });
}

/** A failure the customer can act on: {error: {status, code, field?, message}, errors?: [...]} */
export function problem(status, code, message, extra = {}) {
  return json(status, { error: { status, code, message, ...extra } }, status === 405 ? { Allow: "POST" } : {});
}

export function redirect(location) {
  return new Response(null, { status: 303, headers: { ...SECURITY_HEADERS, Location: location } });
}

/**
 * No CORS: a request from another origin is refused (browsers send Origin and
 * Sec-Fetch-Site on POSTs; neither is a non-browser client, which CORS does not concern).
 */
export function crossOrigin(request) {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (origin === "null") return true; // a sandboxed frame or data: page, on any site
  if (!origin) return false;
  const site = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") || request.headers.get("host") || site.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The body, read up to `limit` bytes; null when it is longer (never buffers more). */
export async function readLimited(request, limit) {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const chunks = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** True when the client wants JSON back (our script), false for a plain HTML form post. */
export function wantsJSON(request) {
  return (request.headers.get("accept") || "").includes("application/json");
}

/** The request's media type, lower case and without parameters ("multipart/form-data"). */
export function mediaTypeOf(request) {
  return (request.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
}

/**
 * A body already read (readLimited) as the form its content type says (multipart/form-data or
 * application/x-www-form-urlencoded): a FormData, or null when it cannot be parsed.
 */
/**
 * How many fields a form body holds, counted on its bytes before any parsing: parsing
 * 700,000 empty fields (5 MB) would take hundreds of MB before anything could refuse them.
 */
export function countFormParts(request, body) {
  const type = mediaTypeOf(request);
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (type === "application/x-www-form-urlencoded") return bytes.length ? occurrences(bytes, "&") + 1 : 0;
  const boundary = /boundary="?([^";]+)"?/i.exec(request.headers.get("content-type") || "")?.[1];
  return boundary ? Math.max(0, occurrences(bytes, `--${boundary}`) - 1) : 0;
}

function occurrences(bytes, text) {
  let count = 0;
  for (let at = bytes.indexOf(text); at !== -1; at = bytes.indexOf(text, at + text.length)) count += 1;
  return count;
}

export async function parseForm(request, body) {
  try {
    return await new Response(body, { headers: { "content-type": request.headers.get("content-type") } }).formData();
  } catch {
    return null;
  }
}

const SMALL_FORM_TYPES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * A small request body as an object: JSON from our scripts, a form from a page without
 * JavaScript. Returns {fields} or {status, code} for a body that cannot be read.
 */
export async function readSmallBody(request, limit) {
  const type = mediaTypeOf(request);
  if (!SMALL_FORM_TYPES.includes(type)) return { status: 415, code: "unsupported_media_type" };
  const body = await readLimited(request, limit);
  if (body === null) return { status: 413, code: "too_large" };
  try {
    if (type === "application/json") {
      const fields = JSON.parse(new TextDecoder().decode(body));
      if (!fields || typeof fields !== "object" || Array.isArray(fields)) throw new Error("not an object");
      return { fields, json: true };
    }
    const form = await parseForm(request, body);
    if (!form) return { status: 400, code: "malformed" };
    const fields = {};
    for (const [name, value] of form) {
      // Named: the field that cannot be taken, and why.
      if (typeof value !== "string") return { status: 422, code: "file_field", field: name.slice(0, 40) };
      if (name in fields) return { status: 422, code: "duplicate_field", field: name.slice(0, 40) };
      fields[name] = value;
    }
    return { fields, json: false };
  } catch {
    return { status: 400, code: "malformed" };
  }
}
