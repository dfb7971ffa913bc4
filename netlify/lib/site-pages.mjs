// The site's articles and languages, as the build wrote them (site-pages.json): votes and
// article trails are counted only for real articles, so nobody can fill the store with junk.

import sitePages from "../generated/site-pages.json" with { type: "json" };

const KNOWN_ARTICLES = new Set(Object.values(sitePages.languages).flat());
export const LANGUAGES = Object.keys(sitePages.languages);

export function isKnownArticle(path) {
  return typeof path === "string" && KNOWN_ARTICLES.has(path);
}

// Each language's search page, which the no-JavaScript search answers with.
export const DEFAULT_LANGUAGE = sitePages.default;
export const SEARCH_PAGES = sitePages.search_pages || { [sitePages.default]: "/search/" };
