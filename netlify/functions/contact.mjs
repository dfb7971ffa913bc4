// POST /api/contact: a customer's request from the contact form. Validates it against the
// form schema the build wrote, stores the ticket (and its files) in Netlify Blobs, answers
// 201 with the ticket reference, then delivers it (context.waitUntil); a failed delivery
// stays pending for the retry-tickets schedule. A form posted without JavaScript gets a
// 303 to the thank-you or error page instead of JSON.

import { defaultSchema, functionMessages, languageOf, schemaFor } from "../lib/forms.mjs";
import { crossOrigin, json, mediaTypeOf, parseForm, problem, readLimited, redirect, wantsJSON } from "../lib/http.mjs";
import { deployContextOf, openStores } from "../lib/store.mjs";
import { EditedReplay, createTicket, deliverTicket } from "../lib/tickets.mjs";
import { megabytes, messagesFor, validateSubmission } from "../../common/contact/validate.js";
import { MEDIA_TYPES, extensionOf } from "../../common/contact/filetypes.js";
import { findUploads } from "../lib/uploads.mjs";

// Multipart framing and field text come on top of the files' bytes.
const BODY_LIMIT = defaultSchema.max_request_bytes + 512 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

export default async function contact(request, context) {
  try {
    return await handle(request, context);
  } catch (error) {
    // Blobs unreachable, or a bug: the customer hears that nothing was stored (their draft
    // is still in the page) and never sees a stack trace; the log keeps the details.
    console.error("contact:", error);
    const lang = languageOf(request);
    if (!wantsJSON(request)) return outcomePage(request, schemaFor(lang).error_page, { code: "unavailable" });
    return problem(503, "unavailable", functionMessages(lang).unavailable);
  }
}

async function handle(request, context) {
  // Answers before the form is read are in the language of the page that posted it.
  let schema = schemaFor(languageOf(request));
  let say = functionMessages(schema.lang);
  const refused = (status, code, message, extra) =>
    wantsJSON(request) || status === 405 ? problem(status, code, message, extra)
      : outcomePage(request, schema.error_page, { code, field: extra?.field });
  if (request.method !== "POST") return problem(405, "method_not_allowed", say.method_not_allowed);
  if (crossOrigin(request)) return refused(403, "cross_origin", say.cross_origin);
  if (!FORM_TYPES.includes(mediaTypeOf(request))) {
    return refused(415, "unsupported_media_type", say.unsupported_media_type);
  }
  const body = await readLimited(request, BODY_LIMIT);
  if (body === null) {
    return refused(413, "too_large", say.too_large(megabytes(BODY_LIMIT)), { field: "attachments" });
  }
  const form = await parseForm(request, body);
  if (!form) return refused(400, "malformed", say.malformed);

  const values = new Map();
  const files = [];
  for (const [name, value] of form) {
    if (typeof value === "string") {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    } else if (value.size > 0 || value.name) {
      const bytes = new Uint8Array(await value.arrayBuffer());
      files.push({ field: name, name: value.name, size: bytes.length, head: bytes.subarray(0, 64), bytes,
        type: MEDIA_TYPES[extensionOf(value.name)] || "application/octet-stream" });
    }
  }
  // From here on, the form's own language.
  schema = schemaFor(languageOf(request, (values.get("lang") || [])[0]));
  say = functionMessages(schema.lang);
  const fileField = schema.fields.find((f) => f.type === "file")?.name;
  const strayFile = files.find((f) => f.field !== fileField);
  if (strayFile) {
    return invalid(request, schema, [{ field: strayFile.field, code: "unknown_field",
      message: messagesFor(schema.lang).unknown_field(strayFile.field) }]);
  }

  const idempotencyKey = request.headers.get("idempotency-key") || (values.get("idempotency_key") || [])[0] || "";
  if (idempotencyKey && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return invalid(request, schema, [{ field: "idempotency_key", code: "invalid_key", message: say.invalid_key }]);
  }

  const stores = openStores(deployContextOf(context));
  const uploadIds = (values.get("upload_ids") || []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const uploads = await findUploads(stores, uploadIds);
  const { errors, fields } = validateSubmission(schema, values, files, uploads);
  if (errors.length) return invalid(request, schema, errors);

  const lang = ((values.get("lang") || [])[0] || "").slice(0, 10).replace(/[^A-Za-z-]/g, "") || null;
  const page = ((values.get("page") || [])[0] || "").slice(0, 300).replace(/[\u0000-\u001f\u007f]/g, "") || null;
  let ticket;
  let created;
  try {
    ({ ticket, created } = await createTicket(stores, { fields, files, uploads, idempotencyKey, lang, page }));
  } catch (error) {
    if (!(error instanceof EditedReplay)) throw error;
    // The first send was stored, but what the customer sends now differs: ask for a new key.
    return problem(409, "edited_replay", say.edited_replay,
      { field: "idempotency_key", ref: error.message });
  }
  // Deliver after answering: the ticket is stored, so the customer need not wait for e-mail.
  const delivery = deliverTicket(stores, ticket.ref, { force: true }).catch((error) => console.error("delivery", ticket.ref, error));
  if (context?.waitUntil) context.waitUntil(delivery);

  if (!wantsJSON(request)) return outcomePage(request, schema.thanks_page, { ref: ticket.ref });
  return json(created ? 201 : 200, { ref: ticket.ref, status: "received", replayed: !created, reply: schema.reply_promise });
}

/** A form posted without JavaScript goes to the thank-you or error page (a 303), with `params`. */
function outcomePage(request, page, params) {
  const url = new URL(page, request.url);
  for (const [name, value] of Object.entries(params)) if (value) url.searchParams.set(name, value);
  return redirect(url.pathname + url.search);
}

function invalid(request, schema, errors) {
  const tooLarge = errors.some((e) => e.code === "file_too_large" || e.code === "files_too_large");
  const status = tooLarge ? 413 : 422;
  if (!wantsJSON(request)) return outcomePage(request, schema.error_page, { field: errors[0].field, code: errors[0].code });
  return json(status, { error: { status, code: "invalid", field: errors[0].field, message: errors[0].message }, errors });
}

export const config = {
  path: "/api/contact",
  // Per client: a person sends a few requests an hour; a script hammering the form is cut off.
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
