// POST /api/contact: a customer's request from the contact form. Validates it against the
// form schema the build wrote, stores the ticket (and its files) in Netlify Blobs, answers
// 201 with the ticket reference, then delivers it (context.waitUntil); a failed delivery
// stays pending for the retry-tickets schedule.
//
// A form posted without JavaScript gets pages instead of JSON, in the form's language: a
// refusal is answered at once (its status) with the site's error page naming every field to
// correct (Back returns to the filled-in form); a stored request gets a 303 (Post/Redirect/
// Get) to GET /api/contact/thanks?ref=..., the site's thank-you page with the reference in it.

import { defaultSchema, functionMessages, languageOf, schemaFor } from "../lib/forms.mjs";
import { countFormParts, crossOrigin, json, mediaTypeOf, parseForm, problem, readLimited, redirect, wantsJSON } from "../lib/http.mjs";
import { escapeHTML, fillSlots, html, plainPage, sitePage } from "../lib/pages.mjs";
import { deployContextOf, openStores } from "../lib/store.mjs";
import { EditedReplay, contentHash, createTicket, deliverTicket } from "../lib/tickets.mjs";
import { megabytes, messagesFor, validateSubmission } from "../../common/contact/validate.js";
import { MEDIA_TYPES, extensionOf } from "../../common/contact/filetypes.js";
import { UploadTaken, findUploads } from "../lib/uploads.mjs";

// Multipart framing and field text come on top of the files' bytes.
const BODY_LIMIT = defaultSchema.max_request_bytes + 512 * 1024;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];
// A ticket reference as store.mjs makes them (Crockford's base 32: no I, L, O or U).
// The form has about 25 fields and 5 files; a request with many more is not a customer's.
const MAX_FORM_PARTS = 200;
const MAX_ERRORS = 30;
const REFERENCE = /^HC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export default async function contact(request, context) {
  try {
    return await handle(request, context);
  } catch (error) {
    // Blobs unreachable, or a bug: the customer hears that nothing was stored (their draft
    // is still in the page) and never sees a stack trace; the log keeps the details.
    console.error("contact:", error);
    const lang = languageOf(request);
    const message = functionMessages(lang)("unavailable");
    if (!wantsJSON(request)) return errorPage(request, schemaFor(lang), 503, [{ code: "unavailable", message }]);
    return problem(503, "unavailable", message);
  }
}

async function handle(request, context) {
  if (/\/thanks\/?$/.test(new URL(request.url).pathname)) return thanks(request);
  // Answers before the form is read are in the language of the page that posted it.
  let schema = schemaFor(languageOf(request));
  let say = functionMessages(schema.lang);
  const refused = (status, code, message, extra) =>
    wantsJSON(request) || status === 405 ? problem(status, code, message, extra)
      : errorPage(request, schema, status, [{ field: extra?.field, code, message }]);
  if (request.method !== "POST") return problem(405, "method_not_allowed", say("method_not_allowed"));
  if (crossOrigin(request)) return refused(403, "cross_origin", say("cross_origin"));
  if (!FORM_TYPES.includes(mediaTypeOf(request))) {
    return refused(415, "unsupported_media_type", say("unsupported_media_type"));
  }
  const body = await readLimited(request, BODY_LIMIT);
  if (body === null) {
    return refused(413, "too_large", say("too_large", { size: megabytes(BODY_LIMIT) }), { field: "attachments" });
  }
  if (countFormParts(request, body) > MAX_FORM_PARTS) {
    return refused(413, "too_many_fields", say("too_many_fields", { max: MAX_FORM_PARTS }));
  }
  const form = await parseForm(request, body);
  if (!form) return refused(400, "malformed", say("malformed"));

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
      message: messagesFor(schema)("unknown_field", strayFile.field) }]);
  }

  const idempotencyKey = request.headers.get("idempotency-key") || (values.get("idempotency_key") || [])[0] || "";
  if (idempotencyKey && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return invalid(request, schema, [{ field: "idempotency_key", code: "invalid_key", message: say("invalid_key") }]);
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
  const store = (key) => createTicket(stores, { fields, files, uploads, idempotencyKey: key, lang, page });
  try {
    try {
      ({ ticket, created } = await store(idempotencyKey));
    } catch (error) {
      if (!(error instanceof EditedReplay) || wantsJSON(request)) throw error;
      // Without JavaScript nobody can mint a new key: what differs is a new request, stored
      // once under a key of its own (the same edit posted twice is still one ticket).
      ({ ticket, created } = await store(`${idempotencyKey}-${contentHash(fields, files, uploads)}`));
    }
  } catch (error) {
    if (error instanceof UploadTaken) {
      const field = schema.fields.find((f) => f.type === "file");
      return invalid(request, schema, [{ field: field.name, code: "upload_taken", message: messagesFor(schema)("upload_taken", field, error.message) }]);
    }
    if (!(error instanceof EditedReplay)) throw error;
    // The first send was stored, but what the customer sends now differs: their script asks
    // for a new key.
    return refused(409, "edited_replay", say("edited_replay"), { field: "idempotency_key", ref: error.message });
  }
  // Deliver after answering: the ticket is stored, so the customer need not wait for e-mail.
  const delivery = deliverTicket(stores, ticket.ref, { force: true }).catch((error) => console.error("delivery", ticket.ref, error));
  if (context?.waitUntil) context.waitUntil(delivery);

  if (!wantsJSON(request)) {
    // Post/Redirect/Get: a reload or a bookmark of the thank-you page sends nothing again.
    const endpoint = new URL(schema.endpoint, request.url).pathname.replace(/\/$/, "");
    return redirect(`${endpoint}/thanks?${new URLSearchParams({ ref: ticket.ref, lang: schema.lang })}`);
  }
  return json(created ? 201 : 200, { ref: ticket.ref, status: "received", replayed: !created, reply: schema.reply_promise });
}

function invalid(request, schema, allErrors) {
  // A few KB whatever was sent: the first errors say what to fix.
  const errors = allErrors.slice(0, MAX_ERRORS);
  const tooLarge = errors.some((e) => e.code === "file_too_large" || e.code === "files_too_large");
  const status = tooLarge ? 413 : 422;
  if (!wantsJSON(request)) return errorPage(request, schema, status, errors);
  return json(status, { error: { status, code: "invalid", field: errors[0].field, message: errors[0].message }, errors });
}

/**
 * A refusal, for a form posted without JavaScript: the site's error page (its `hc:` slots,
 * overrides/contact-error.html) with the status the JSON answer would have. Every error is
 * listed; one about a form field starts with the field's label. The labels are not links: a
 * link would open an empty form, while the browser's Back button returns to the one they
 * filled in (the page says so). A refusal of the whole request is said in the lead.
 */
async function errorPage(request, schema, status, errors) {
  const say = functionMessages(schema.lang);
  const labels = new Map(schema.fields.map((field) => [field.name, field.label]));
  const items = [];
  const seen = new Set();
  for (const { field, message } of errors) {
    if (seen.has(`${field}\n${message}`)) continue;
    seen.add(`${field}\n${message}`);
    const label = labels.get(field);
    if (!label) {
      items.push(`<li>${escapeHTML(message)}</li>`);
      continue;
    }
    // The messages start with the label ("Your name: please fill this in."): it is set in bold.
    const rest = message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
    items.push(`<li><strong>${escapeHTML(label)}</strong>: ${escapeHTML(rest)}</li>`);
  }
  const aboutFields = errors.some((error) => labels.has(error.field));
  const slots = aboutFields
    ? { errors: `<ul class="hc-form-errors">${items.join("")}</ul>` }
    : { lead: escapeHTML([...new Set(errors.map((error) => error.message))].join(" ")), errors: "" };
  const page = await sitePage(request, schema.error_page);
  if (page) return html(status, fillSlots(page.html, slots), { csp: page.csp });
  // The site's page cannot be had: a plain one, which still says what to correct.
  return html(status, plainPage({ lang: schema.lang, title: say("page_not_sent"),
    body: `<p>${slots.lead ?? escapeHTML(say("page_check"))}</p>${slots.errors}<p>${escapeHTML(say("page_back"))}</p>` }));
}

/** GET /api/contact/thanks?ref=HC-...&lang=es: the site's thank-you page with the reference. */
async function thanks(request) {
  const schema = schemaFor(languageOf(request));
  const say = functionMessages(schema.lang);
  if (request.method !== "GET" && request.method !== "HEAD") {
    return json(405, { error: { status: 405, code: "method_not_allowed", message: say("page_method") } }, { Allow: "GET, HEAD" });
  }
  const ref = new URL(request.url).searchParams.get("ref") || "";
  // Anything but a reference shows the page without one: the URL is not the site's to write.
  const slots = REFERENCE.test(ref) ? { ref: escapeHTML(ref) } : {};
  const page = await sitePage(request, schema.thanks_page);
  if (page) return html(200, fillSlots(page.html, slots), { csp: page.csp });
  const contactPage = new URL("../contact/", new URL(schema.thanks_page, request.url)).pathname;
  const reference = slots.ref
    ? `<p>${escapeHTML(say("page_reference", { ref: "\u0000" })).replace("\u0000", () => `<strong class="hc-ticket-ref">${slots.ref}</strong>`)}</p>` : "";
  return html(200, plainPage({ lang: schema.lang, title: say("page_thanks"),
    body: `<p>${escapeHTML(`${say("page_received")} ${schema.reply_promise}`)}</p>${reference}`
      + `<p><a href="${escapeHTML(contactPage)}">${escapeHTML(say("page_another"))}</a></p>` }));
}

export const config = {
  // The thank-you page is the function's too: it writes the reference in without a script.
  path: ["/api/contact", "/api/contact/thanks"],
  // Per client: a person sends a few requests an hour; a script hammering the form is cut off.
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
