// Which searches are worth counting, for the page (which sends them) and the search-miss
// function (which refuses the others): text a person could have meant, of a sane length.
// A search of only punctuation or emoji says nothing about a question.

export const MAX_QUERY_CHARS = 500;

/** Whether the function will count `query` (the page sends nothing else). */
export function isCountableQuery(query) {
  return typeof query === "string" && query.length <= MAX_QUERY_CHARS && /[\p{L}\p{N}]/u.test(query);
}
