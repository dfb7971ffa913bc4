// What the feedback and search-miss functions share: POST only, from the site itself, a
// small JSON or form body, answers in the reader's language, a 503 (never a stack trace)
// when the store fails, and the reader as the counting hash sees them (never stored).

import { crossOrigin, problem, readSmallBody } from "./http.mjs";
import { functionMessages, languageOf } from "./forms.mjs";

const BODY_LIMIT = 4096;

/** A Functions 2.0 handler around `handle({request, context, say, body, reader})`. */
export function insightEndpoint(name, handle) {
  return async function endpoint(request, context) {
    const say = functionMessages(languageOf(request));
    try {
      if (request.method !== "POST") return problem(405, "method_not_allowed", say("insight_method"));
      if (crossOrigin(request)) return problem(403, "cross_origin", say("cross_origin"));
      const body = await readSmallBody(request, BODY_LIMIT);
      if (!body.fields) {
        if (body.field) {
          const message = body.code === "file_field" ? say("insight_file", { name: body.field })
            : say("insight_duplicate", { name: body.field });
          return problem(body.status, "invalid", message, { field: body.field });
        }
        const message = { 415: say("insight_media_type"), 413: say("insight_too_large"), 400: say("insight_malformed") }[body.status];
        return problem(body.status, body.code, message);
      }
      const reader = { ip: context?.ip || request.headers.get("x-nf-client-connection-ip") || "" };
      return await handle({ request, context, say, body, reader });
    } catch (error) {
      console.error(`${name}:`, error);
      return problem(503, "unavailable", say("insight_unavailable"));
    }
  };
}
