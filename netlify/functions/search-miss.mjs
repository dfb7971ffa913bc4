// POST /api/search-miss: a search that found nothing ({kind: "no_results", query}), or the
// contact form opened after a search or after reading articles ({kind: "contacted", query?,
// articles?}). Queries are counted normalized and stripped of anything personal (e-mail
// addresses, links, long numbers), once per reader per query per day, without storing who
// searched (netlify/lib/insights.mjs). Sent by the search box and the contact page.

import { json, problem } from "../lib/http.mjs";
import { insightEndpoint } from "../lib/insight-requests.mjs";
import { deployContextOf } from "../lib/store.mjs";
import { normalizeQuery, openInsights, recordContactFrom, recordSearch } from "../lib/insights.mjs";
import { isCountableQuery } from "../../common/insights.js";
import { LANGUAGES, isKnownArticle } from "../lib/site-pages.mjs";

const FIELDS = new Set(["kind", "query", "lang", "articles"]);

export default insightEndpoint("search-miss", async ({ context, say, body, reader }) => {
  const { kind, query, lang, articles = [] } = body.fields;
  const invalid = (field, message) => problem(422, "invalid", message, { field });
  const unknown = Object.keys(body.fields).find((name) => !FIELDS.has(name));
  if (unknown) return invalid(unknown, say("unknown_insight_field", { name: unknown }));
  if (kind !== "no_results" && kind !== "contacted") return invalid("kind", say("invalid_kind"));
  const normalized = isCountableQuery(query) ? normalizeQuery(query) : null;
  const queryGiven = query !== undefined && query !== null && query !== "";
  if ((kind === "no_results" || queryGiven) && !normalized) return invalid("query", say("invalid_query"));
  if (!LANGUAGES.includes(lang)) return invalid("lang", say("invalid_language"));
  if (!Array.isArray(articles) || articles.length > 10 || !articles.every(isKnownArticle)) {
    return invalid("articles", say("invalid_articles"));
  }
  if (kind === "contacted" && !normalized && !articles.length) return invalid("query", say("invalid_query"));

  const store = openInsights(deployContextOf(context));
  if (normalized) await recordSearch(store, { kind, query: normalized, lang, ...reader });
  if (articles.length) await recordContactFrom(store, { articles, ...reader });
  return json(201, { status: "counted", query: normalized || null });
});

export const config = {
  path: "/api/search-miss",
  rateLimit: { windowLimit: 30, windowSize: 60, aggregateBy: ["ip", "domain"] },
};
