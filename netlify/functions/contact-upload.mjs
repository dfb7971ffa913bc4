// The upload step for large attachments (a 40 MB screen recording): POST /api/contact/upload
// with {name, size} starts one, PUT /api/contact/upload/<id>/<n> sends each part of at most
// upload_part_bytes. The contact form then names the upload ids in `upload_ids`.

import { functionMessages, languageOf, schemaFor } from "../lib/forms.mjs";
import { crossOrigin, json, problem, readLimited } from "../lib/http.mjs";
import { deployContextOf, openStores } from "../lib/store.mjs";
import { UploadQuotaExceeded, putPart, startUpload } from "../lib/uploads.mjs";
import { messagesFor, validateUploadStart } from "../../common/contact/validate.js";

export default async function upload(request, context) {
  try {
    return await handle(request, context);
  } catch (error) {
    console.error("contact-upload:", error);
    return problem(503, "unavailable", functionMessages(languageOf(request))("upload_unavailable"), { field: "attachments" });
  }
}

async function handle(request, context) {
  // In the language of the form's page (its script sends Accept-Language).
  const schema = schemaFor(languageOf(request));
  const say = functionMessages(schema.lang);
  if (crossOrigin(request)) return problem(403, "cross_origin", say("upload_cross_origin"));
  const stores = openStores(deployContextOf(context));
  const { id, part } = context?.params || {};
  if (!id) {
    if (request.method !== "POST") return problem(405, "method_not_allowed", say("upload_method"));
    if (!(request.headers.get("content-type") || "").startsWith("application/json")) {
      return problem(415, "unsupported_media_type", say("upload_media_type"));
    }
    const body = await readLimited(request, 4096);
    if (body === null) return problem(413, "too_large", say("upload_too_large"));
    let start;
    try {
      start = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return problem(400, "malformed", say("upload_malformed"));
    }
    const errors = validateUploadStart(schema, start || {});
    if (errors.length) {
      const status = errors[0].code === "file_too_large" ? 413 : 422;
      return json(status, { error: { status, code: "invalid", field: errors[0].field, message: errors[0].message }, errors });
    }
    let started;
    try {
      started = await startUpload(stores, schema, start, { ip: context?.ip || request.headers.get("x-nf-client-connection-ip") || "" });
    } catch (error) {
      if (!(error instanceof UploadQuotaExceeded)) throw error;
      const retryAfter = Math.ceil((3_600_000 - (Date.now() % 3_600_000)) / 1000); // the next hour's quota
      return json(429, { error: { status: 429, code: "upload_quota", field: "attachments", message: say("upload_quota") } },
        { "Retry-After": String(retryAfter) });
    }
    return json(201, { id: started.id, parts: started.parts, partBytes: started.partBytes });
  }
  if (request.method !== "PUT") return problem(405, "method_not_allowed", say("part_method"));
  const bytes = await readLimited(request, schema.upload_part_bytes);
  if (bytes === null) return problem(413, "too_large", say("part_too_large", { bytes: schema.upload_part_bytes }), { field: "attachments" });
  const failure = await putPart(stores, id, Number(part), bytes);
  if (failure === "file_content") {
    const field = schema.fields.find((f) => f.type === "file");
    return json(422, { error: { status: 422, code: "invalid", field: field.name, message: messagesFor(schema)("file_content", field, say("this_file")) } });
  }
  if (failure === "part_stored") return problem(409, "part_stored", say("part_stored"), { field: "attachments" });
  if (failure === "unknown upload") return problem(404, "bad_part", say("unknown_upload"), { field: "attachments", detail: failure });
  if (failure) return problem(422, "bad_part", say("bad_part"), { field: "attachments", detail: failure });
  return json(200, { id, part: Number(part), stored: bytes.length });
}

export const config = {
  path: ["/api/contact/upload", "/api/contact/upload/:id/:part"],
  rateLimit: { windowLimit: 200, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
