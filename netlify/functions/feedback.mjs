// POST /api/feedback: "Was this article helpful?" A vote (yes/no) on one of the site's
// articles, and optionally what was missing. Counted once per reader per article per day,
// without storing who voted (netlify/lib/insights.mjs). A vote posted without JavaScript
// gets a 303 back to the article: to its thanks, to "what was missing?" after a "no", or,
// when it cannot be counted, to a note saying so.

import { json, problem, redirect, wantsJSON } from "../lib/http.mjs";
import { insightEndpoint } from "../lib/insight-requests.mjs";
import { deployContextOf } from "../lib/store.mjs";
import { languageOf } from "../lib/forms.mjs";
import { COMMENT_MAX, openInsights, recordVote } from "../lib/insights.mjs";
import { isKnownArticle } from "../lib/site-pages.mjs";
import { hasControlCharacters } from "../../common/contact/validate.js";

// `step: "more"` comes from the "what was missing?" form: it ends with thanks, even empty.
const FIELDS = new Set(["article", "vote", "comment", "lang", "step"]);

export default insightEndpoint("feedback", async ({ request, context, say, body, reader }) => {
  const { article, vote, comment = "", lang, step } = body.fields;
  const formPost = !body.json && !wantsJSON(request);
  // A page without JavaScript shows a note instead of JSON (the article's own, if known).
  const invalid = (field, message) => formPost && isKnownArticle(article)
    ? redirect(`${article}#hc-feedback-failed`) : problem(422, "invalid", message, { field });
  const unknown = Object.keys(body.fields).find((name) => !FIELDS.has(name));
  if (unknown) return invalid(unknown, say("unknown_insight_field", { name: unknown }));
  if (!isKnownArticle(article)) return invalid("article", say("unknown_article"));
  if (vote !== "yes" && vote !== "no") return invalid("vote", say("invalid_vote"));
  if (typeof comment !== "string") return invalid("comment", say("comment_characters"));
  const text = comment.replace(/\r\n?/g, "\n").trim();
  if (text.length > COMMENT_MAX) return invalid("comment", say("comment_too_long", { max: COMMENT_MAX }));
  if (hasControlCharacters(text, { multiline: true })) return invalid("comment", say("comment_characters"));
  if (lang !== undefined && (typeof lang !== "string" || lang.length > 10)) return invalid("lang", say("invalid_language"));
  if (step !== undefined && step !== "more") return invalid("step", say("unknown_insight_field", { name: "step" }));

  await recordVote(openInsights(deployContextOf(context)), {
    article, vote, comment: text, lang: languageOf(request, lang), ...reader });
  if (formPost) {
    return redirect(`${article}${vote === "no" && !text && step !== "more" ? "#hc-feedback-more" : "#hc-feedback-thanks"}`);
  }
  return json(201, { status: "counted", vote });
});

export const config = {
  path: "/api/feedback",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
