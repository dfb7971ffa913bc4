// Turning search hits into what a reader sees: title, category, a highlighted snippet and,
// when a section heading matches better than the title, a link straight to that section.
// Text is always inserted as text (never as HTML): articles and queries are not markup.

const WORD = /[\p{L}\p{N}]+/gu;

/** The heading whose words match most query words, if it matches any. */
export function bestSection(engine, doc, words) {
  let best = null;
  let bestCount = 0;
  for (const [text, anchor] of doc.headings) {
    const count = countMatches(engine, text, words);
    if (count > bestCount) {
      best = { text, anchor };
      bestCount = count;
    }
  }
  // Link to the section when it says something the title does not.
  return best && bestCount > countMatches(engine, doc.title, words) - 1 ? best : null;
}

function countMatches(engine, text, words) {
  const found = new Set();
  for (const [word] of text.matchAll(WORD)) {
    for (const w of words) {
      if (!found.has(w) && engine.matches(word.toLowerCase(), [w])) found.add(w);
    }
  }
  return found.size;
}

/**
 * A text cut where the query's words match: [[text, matched], ...]. The browser wraps the
 * matched parts in <mark> elements, the no-JavaScript search function in <mark> tags: one rule.
 */
export function matchedParts(engine, text, words) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    if (!engine.matches(match[0].toLowerCase(), words)) continue;
    parts.push([text.slice(last, match.index), false], [match[0], true]);
    last = match.index + match[0].length;
  }
  parts.push([text.slice(last), false]);
  return parts.filter(([part]) => part);
}

/** Text with the words that match the query wrapped in <mark>. */
export function highlighted(engine, text, words) {
  const fragment = document.createDocumentFragment();
  for (const [part, matched] of matchedParts(engine, text, words)) {
    if (!matched) {
      fragment.append(part);
      continue;
    }
    const mark = document.createElement("mark");
    mark.textContent = part;
    fragment.append(mark);
  }
  return fragment;
}

/** A short excerpt of the summary, starting near its first matching word. */
export function snippet(engine, text, words, length = 160) {
  if (text.length <= length) return text;
  let start = 0;
  for (const match of text.matchAll(WORD)) {
    if (engine.matches(match[0].toLowerCase(), words)) {
      start = Math.max(0, match.index - 40);
      break;
    }
  }
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  const end = Math.min(text.length, start + length);
  const cut = text.slice(start, end);
  const clean = end < text.length ? cut.slice(0, cut.lastIndexOf(" ")) : cut;
  return (start > 0 ? "…" : "") + clean + (end < text.length ? "…" : "");
}

/** Where a result links to: the article, or its best-matching section. */
export function resultLink(engine, doc, words, siteRoot) {
  const section = bestSection(engine, doc, words);
  const url = new URL(doc.url, siteRoot);
  if (section) url.hash = section.anchor;
  return { href: url.href, section };
}

/** The inside of a result: title, category, section and snippet, with highlights. */
export function resultContent(engine, doc, words, section, { titleTag = "span", strings }) {
  const fragment = document.createDocumentFragment();
  const title = document.createElement(titleTag);
  title.className = "hc-result__title";
  title.append(highlighted(engine, doc.title, words));
  const meta = document.createElement("span");
  meta.className = "hc-result__meta";
  meta.textContent = doc.category;
  if (section) {
    const part = document.createElement("span");
    part.className = "hc-result__section";
    part.append(` › `, highlighted(engine, section.text, words));
    part.setAttribute("aria-label", `${strings("section")}: ${section.text}`);
    meta.append(part);
  }
  const text = document.createElement("span");
  text.className = "hc-result__snippet";
  text.append(highlighted(engine, snippet(engine, doc.summary, words), words));
  fragment.append(title, meta, text);
  return fragment;
}

/** Tell the insights trail what a finished search found: nothing found is counted once the
 * reader stops typing (insights/trail.js); loaded only after the answer is on screen. */
export function noteOutcome(query, total) {
  if (!document.querySelector('meta[name="helpcenter:insights"]')) return;
  import("../insights/trail.js").then((trail) => (total ? trail.searched(query) : trail.missed(query))).catch(() => {});
}
