// Interface text of the help center's scripts, per page language (<html lang>).
const STRINGS = {
  en: {
    results: (n) => (n === 1 ? "1 article found" : `${n} articles found`),
    noResults: (q) => `No articles match “${q}”.`,
    contactUs: "Contact us",
    noResultsHelp: "Try other words, or",
    seeAll: (q) => `See all results for “${q}”`,
    searching: "Searching…",
    error: "Search is unavailable right now. Browse the categories or contact us.",
    typo: "Showing results for similar words.",
    section: "Section",
  },
  es: {
    results: (n) => (n === 1 ? "1 artículo encontrado" : `${n} artículos encontrados`),
    noResults: (q) => `Ningún artículo coincide con «${q}».`,
    contactUs: "Contáctanos",
    noResultsHelp: "Prueba con otras palabras o",
    seeAll: (q) => `Ver todos los resultados de «${q}»`,
    searching: "Buscando…",
    error: "La búsqueda no está disponible ahora. Explora las categorías o contáctanos.",
    typo: "Mostrando resultados de palabras parecidas.",
    section: "Sección",
  },
};

export function strings(lang = document.documentElement.lang) {
  return STRINGS[String(lang).toLowerCase().split("-")[0]] || STRINGS.en;
}
