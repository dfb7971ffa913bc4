// The full results page, /search/?q=...: works when linked to, and searches the full text.
import { FULL_TEXT } from "./engine.js";
import { getEngine, searchConfig } from "./load.js";
import { noteOutcome, resultContent, resultLink } from "./render.js";
import { strings } from "../strings.js";

const LIMIT = 50;

export async function start() {
  const container = document.getElementById("hc-search-page");
  const summary = container.querySelector(".hc-search-page__summary");
  const list = container.querySelector(".hc-search-page__results");
  const input = document.getElementById("hc-q");
  const text = strings();
  const config = searchConfig();
  const query = (new URLSearchParams(location.search).get("q") || "").slice(0, 500);
  if (input) input.value = query;
  container.hidden = false;
  if (!query.trim()) {
    summary.textContent = "";
    return;
  }
  summary.textContent = text("searching");
  try {
    const engine = await getEngine();
    const found = await engine.search(query, { limit: LIMIT, tiers: FULL_TEXT });
    const docs = await engine.documents(found.results.map((r) => r.ref));
    noteOutcome(query.trim(), found.total);
    list.replaceChildren();
    for (const doc of docs) {
      const { href, section } = resultLink(engine, doc, found.words, config.root);
      const item = document.createElement("li");
      item.className = "hc-search-page__result";
      const link = document.createElement("a");
      link.href = href;
      link.append(resultContent(engine, doc, found.words, section, { titleTag: "span", strings: text }));
      item.append(link);
      list.append(item);
    }
    if (docs.length) {
      summary.textContent = text("results", { count: found.total }) + (found.fuzzy ? ` ${text("typo")}` : "");
    } else {
      const [before, after] = text.around("no_results_help", "contact");
      const contact = document.createElement("a");
      contact.href = config.contactUrl;
      contact.textContent = text("contact_link");
      summary.replaceChildren(`${text("no_results", { query })} ${before}`, contact, after);
    }
  } catch (error) {
    console.warn("search:", error.message);
    summary.textContent = text("error");
  }
}
