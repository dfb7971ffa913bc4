// The upload step for large attachments (a 40 MB screen recording): POST /api/contact/upload
// with {name, size} starts one, PUT /api/contact/upload/<id>/<n> sends each part of at most
// upload_part_bytes. The contact form then names the upload ids in `upload_ids`.

import schema from "../lib/form-schema.json" with { type: "json" };
import { crossOrigin, json, problem, readLimited } from "../lib/http.mjs";
import { deployContextOf, openStores } from "../lib/store.mjs";
import { putPart, startUpload } from "../lib/uploads.mjs";
import { MESSAGES, validateUploadStart } from "../../overrides/assets/helpcenter/contact/validate.js";

export default async function upload(request, context) {
  try {
    return await handle(request, context);
  } catch (error) {
    console.error("contact-upload:", error);
    return problem(503, "unavailable", "The file could not be stored just now; please try again in a minute.", { field: "attachments" });
  }
}

async function handle(request, context) {
  if (crossOrigin(request)) return problem(403, "cross_origin", "Uploads only come from this site.");
  const stores = openStores(deployContextOf(context));
  const { id, part } = context?.params || {};
  if (!id) {
    if (request.method !== "POST") return problem(405, "method_not_allowed", "Start an upload with POST.");
    if (!(request.headers.get("content-type") || "").startsWith("application/json")) {
      return problem(415, "unsupported_media_type", "Start an upload with a JSON body {name, size}.");
    }
    const body = await readLimited(request, 4096);
    if (body === null) return problem(413, "too_large", "Start an upload with a small JSON body {name, size}.");
    let start;
    try {
      start = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return problem(400, "malformed", "The upload request is not JSON.");
    }
    const errors = validateUploadStart(schema, start || {});
    if (errors.length) {
      const status = errors[0].code === "file_too_large" ? 413 : 422;
      return json(status, { error: { status, code: "invalid", field: errors[0].field, message: errors[0].message }, errors });
    }
    const started = await startUpload(stores, schema, start);
    return json(201, { id: started.id, parts: started.parts, partBytes: started.partBytes });
  }
  if (request.method !== "PUT") return problem(405, "method_not_allowed", "Send a part with PUT.");
  const bytes = await readLimited(request, schema.upload_part_bytes);
  if (bytes === null) return problem(413, "too_large", `A part can be at most ${schema.upload_part_bytes} bytes.`, { field: "attachments" });
  const failure = await putPart(stores, id, Number(part), bytes);
  if (failure === "file_content") {
    const field = schema.fields.find((f) => f.type === "file");
    return json(422, { error: { status: 422, code: "invalid", field: field.name, message: MESSAGES.file_content(field, "this file") } });
  }
  if (failure) return problem(failure === "unknown upload" ? 404 : 422, "bad_part", failure, { field: "attachments" });
  return json(200, { id, part: Number(part), stored: bytes.length });
}

export const config = {
  path: ["/api/contact/upload", "/api/contact/upload/:id/:part"],
  rateLimit: { windowLimit: 200, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
