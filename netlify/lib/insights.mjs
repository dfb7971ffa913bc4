// What readers miss, counted without personal data: article votes ("Was this article
// helpful?"), searches that found nothing, searches and articles that came before a visit
// to the contact form. No cookies, no third party; the IP address is never stored.
//
// One reader counts once per article (or query) per day (UTC): each count is a Blobs key
// named with a keyed hash of the reader's IP address, whose key (the "salt") is
// random, made afresh every day and deleted as soon as the next day's is made. Once it is
// gone, nobody (us included) can tell which reader a hash was. Counts are key names, so the
// report lists keys and reads none. Comments keep only their day, and lose what identifies
// a person, as searches do:
//
//   vote/<day>/<yes|no>/<article>/<reader>         one vote; a change of mind replaces it
//   comment/<day>/<article>/<reader>               {comment, lang}: what was missing
//   search/<day>/<no_results|contacted>/<query>/<lang>/<reader>
//   contact-from/<day>/<article>/<reader>          an article read before the contact form
//   salt/<day>                                     the day's hash key
// (<article> and <query> are URI-encoded: no "/" inside a part.)

import { createHmac, randomBytes } from "node:crypto";
import { getStore } from "@netlify/blobs";

export const QUERY_MAX = 80;
const QUERY_KEY_BYTES = 300; // Blobs keys hold at most 600 bytes; a query's part, URI-encoded
export const COMMENT_MAX = 1000;

export function openInsights(deployContext) {
  const suffix = !deployContext || deployContext === "production" || deployContext === "dev" ? "" : `-${deployContext}`;
  return getStore({ name: `helpcenter-insights${suffix}`, consistency: "strong" });
}

export const dayOf = (now) => new Date(now).toISOString().slice(0, 10);
const part = (text) => encodeURIComponent(text);

/**
 * A search as counted: lower case, words only, single spaces, and nothing that identifies a person
 * (e-mail addresses, links, long numbers such as phone or booking numbers are replaced).
 */
/** Text with e-mail addresses, links and long numbers (phone, card, booking) replaced. */
export function redact(text) {
  return String(text ?? "")
    .normalize("NFKC")
    .replace(/\S+@\S+\.\S+/g, " [email] ")
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, " [link] ")
    .replace(/\+?(?:\d[\s.()/-]*){5,}/g, " [number] ")
    .replace(/[ \t]+/g, " ")
    .replace(/ ([,.;:!?])/g, "$1");
}

export function normalizeQuery(text) {
  let query = redact(text)
    .replace(/[^\p{L}\p{N}\s'’\[\]-]/gu, " ") // punctuation and symbols say nothing about the question
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, QUERY_MAX)
    .trim();
  while (encodeURIComponent(query).length > QUERY_KEY_BYTES) query = query.slice(0, -1).trim();
  return /[\p{L}\p{N}]/u.test(query) ? query : ""; // "-" or "'" alone is not a search
}

async function dailySalt(store, day) {
  const key = `salt/${day}`;
  const existing = await store.get(key);
  if (existing) return existing;
  await store.set(key, randomBytes(32).toString("base64"), { onlyIfNew: true });
  await forgetOldSalts(store, Date.parse(`${day}T12:00:00Z`)); // a new day: the past days' hashes go anonymous
  return store.get(key); // whoever wrote first, everyone uses the same salt
}

/** A reader's hash for one subject (an article, a query) on one day. */
async function readerHash(store, { ip, subject, day }) {
  const salt = await dailySalt(store, day);
  // The address alone: a browser's name is the client's to choose, and 25 names from one
  // address are one reader voting 25 times (readers behind one office address count once).
  return createHmac("sha256", salt).update(`${ip}\n${subject}`).digest("base64url").slice(0, 22);
}

export async function recordVote(store, { article, vote, comment, lang, ip, now = Date.now() }) {
  const day = dayOf(now);
  const reader = await readerHash(store, { ip, subject: `vote ${article}`, day });
  const other = vote === "yes" ? "no" : "yes";
  await store.delete(`vote/${day}/${other}/${part(article)}/${reader}`);
  await store.set(`vote/${day}/${vote}/${part(article)}/${reader}`, "1");
  if (comment) await store.setJSON(`comment/${day}/${part(article)}/${reader}`, { comment: redact(comment).trim(), lang });
  else if (vote === "yes") await store.delete(`comment/${day}/${part(article)}/${reader}`);
}

export async function recordSearch(store, { kind, query, lang, ip, now = Date.now() }) {
  const day = dayOf(now);
  const reader = await readerHash(store, { ip, subject: `${kind} ${query}`, day });
  await store.set(`search/${day}/${kind}/${part(query)}/${part(lang)}/${reader}`, "1");
}

export async function recordContactFrom(store, { articles, ip, now = Date.now() }) {
  const day = dayOf(now);
  for (const article of new Set(articles)) {
    const reader = await readerHash(store, { ip, subject: `contact ${article}`, day });
    await store.set(`contact-from/${day}/${part(article)}/${reader}`, "1");
  }
}

/** Delete the salts of past days: from then on, their hashes belong to no one. */
export async function forgetOldSalts(store, now = Date.now()) {
  const today = dayOf(now);
  let deleted = 0;
  for (const { key } of (await store.list({ prefix: "salt/" })).blobs) {
    if (key.slice("salt/".length) < today) {
      await store.delete(key);
      deleted++;
    }
  }
  return deleted;
}

const bump = (map, key, field = "count") => {
  const entry = map.get(key) || {};
  entry[field] = (entry[field] || 0) + 1;
  map.set(key, entry);
};

/**
 * The report: the least helpful articles (with what readers said was missing), the top
 * searches that found nothing, searches followed by the contact form, and the articles
 * readers read before contacting support, over the last `days` days.
 */
export async function buildReport(store, { days = 30, now = Date.now(), minVotes = 3, limit = 10 } = {}) {
  const since = dayOf(now - (days - 1) * 86_400_000);
  const keys = (await store.list()).blobs.map((b) => b.key.split("/"))
    .filter((parts) => parts[0] !== "salt" && parts[1] >= since);
  const votes = new Map();
  const misses = new Map();
  const contacted = new Map();
  const before = new Map();
  const comments = new Map();
  for (const [kind, day, ...rest] of keys) {
    if (kind === "vote" && rest.length === 3) bump(votes, decodeURIComponent(rest[1]), rest[0]);
    else if (kind === "search" && rest.length === 4) {
      const key = JSON.stringify([decodeURIComponent(rest[1]), decodeURIComponent(rest[2])]);
      bump(rest[0] === "no_results" ? misses : contacted, key);
    } else if (kind === "contact-from" && rest.length === 2) bump(before, decodeURIComponent(rest[0]));
    else if (kind === "comment" && rest.length === 2) {
      const article = decodeURIComponent(rest[0]);
      comments.set(article, [...(comments.get(article) || []), `comment/${day}/${rest.join("/")}`]);
    }
  }
  const helpfulness = [...votes].map(([article, { yes = 0, no = 0 }]) => ({
    article, yes, no, votes: yes + no, helpful: Math.round((yes / (yes + no)) * 100) / 100,
  })).filter((row) => row.votes >= minVotes)
    .sort((a, b) => a.helpful - b.helpful || b.no - a.no || a.article.localeCompare(b.article))
    .slice(0, limit);
  for (const row of helpfulness) {
    const latest = (comments.get(row.article) || []).sort().reverse().slice(0, 3);
    row.missing = (await Promise.all(latest.map((key) => store.get(key, { type: "json" }))))
      .filter(Boolean).map((c) => c.comment);
  }
  const searches = (map) => [...map].map(([key, { count }]) => {
    const [query, lang] = JSON.parse(key);
    return { query, lang, count };
  }).sort((a, b) => b.count - a.count || a.query.localeCompare(b.query)).slice(0, limit);
  return {
    since, days,
    least_helpful: helpfulness,
    zero_result_searches: searches(misses),
    searches_before_contact: searches(contacted),
    articles_before_contact: [...before].map(([article, { count }]) => ({ article, count }))
      .sort((a, b) => b.count - a.count || a.article.localeCompare(b.article)).slice(0, limit),
  };
}
