// The contact form's schema in each language of the site (the build writes
// form-schema.json: {default, languages: {en: {...}, es: {...}}}), and the functions' own
// messages in those languages. Fields and rules are the same in every language; labels,
// messages and the thank-you and error pages are the customer's.

import schemas from "../generated/form-schema.json" with { type: "json" };
import { bestMatch } from "../../common/language.js";

export const defaultSchema = schemas.languages[schemas.default];

const known = (code) => bestMatch(code, schemas.languages);

/**
 * The language to answer in: the form's own (`lang` in the query or the form data), then the
 * language of the page that posted (its path, /es/...), then the browser's preference.
 */
export function languageOf(request, formLang = null) {
  const url = new URL(request.url);
  const chosen = known(url.searchParams.get("lang")) || known(formLang);
  if (chosen) return chosen;
  try {
    // /es/contact/, or /help/es/contact/ on a site served under a path.
    const parts = new URL(request.headers.get("referer") || "").pathname.split("/").slice(1, 3);
    const page = parts.find((part) => known(part) && part !== schemas.default);
    if (page) return known(page);
  } catch { /* no referer */ }
  for (const part of (request.headers.get("accept-language") || "").split(",")) {
    const code = known(part.split(";")[0]);
    if (code) return code;
  }
  return schemas.default;
}

export function schemaFor(lang) {
  return schemas.languages[known(lang) || schemas.default];
}

// The functions' own answers (validation messages are in common/contact/validate.js), per
// language; every language has the keys of "en" (tests/test_languages.py checks).
export const FUNCTION_MESSAGES = {
  en: {
    unavailable: "We could not store your request just now. Nothing was lost: please try again in a minute.",
    upload_unavailable: "The file could not be stored just now; please try again in a minute.",
    method_not_allowed: "Send the form with POST.",
    upload_method: "Start an upload with POST.",
    part_method: "Send a part with PUT.",
    cross_origin: "This form only takes requests from its own site.",
    upload_cross_origin: "Uploads only come from this site.",
    unsupported_media_type: "Send the form as multipart/form-data or application/x-www-form-urlencoded.",
    upload_media_type: "Start an upload with a JSON body {name, size}.",
    too_large: (size) => `The request is larger than ${size}; attach large files one by one.`,
    upload_too_large: "Start an upload with a small JSON body {name, size}.",
    part_too_large: (bytes) => `A part can be at most ${bytes} bytes.`,
    malformed: "The form data could not be read.",
    upload_malformed: "The upload request is not JSON.",
    invalid_key: "The idempotency key must be 8 to 100 letters, digits, - or _.",
    edited_replay: "This request was already received with different content; send it again as a new request.",
    // The contact outcome pages when the site's own cannot be fetched (contact.mjs).
    page_not_sent: "Your request was not sent",
    page_check: "Something in the form needs your attention, so we did not send it.",
    page_back: "Use your browser's Back button: the form still holds what you wrote. Check the fields, then send it again.",
    page_thanks: "Thank you",
    page_received: "We have received your request.",
    page_reference: (ref) => `Your reference is ${ref}. Keep it: it helps us find your request if you write again.`,
    page_another: "Send another request",
    page_method: "Open this page with GET.",
    unknown_upload: "This upload is unknown or has expired; attach the file again.",
    bad_part: "This part does not fit the upload; attach the file again.",
    this_file: "this file",
    insight_method: "Send it with POST.",
    insight_media_type: "Send JSON or a form.",
    insight_too_large: "This request is too large.",
    insight_malformed: "This request could not be read.",
    unknown_article: "This page is not an article of this help center.",
    invalid_vote: "Choose yes or no.",
    comment_too_long: (max) => `Please keep it under ${max} characters.`,
    comment_characters: "Remove the special characters.",
    invalid_kind: "The kind must be no_results or contacted.",
    invalid_query: "The search is empty or not text.",
    invalid_articles: "Articles must be a list of at most 10 of this help center's articles.",
    invalid_language: "This is not a language of this help center.",
    unknown_insight_field: (name) => `Unknown field “${name}”.`,
    insight_unavailable: "This could not be counted just now; nothing else is affected.",
  },
  es: {
    unavailable: "No hemos podido guardar tu solicitud en este momento. No se ha perdido nada: vuelve a intentarlo en un minuto.",
    upload_unavailable: "No hemos podido guardar el archivo en este momento; vuelve a intentarlo en un minuto.",
    method_not_allowed: "Envía el formulario con POST.",
    upload_method: "Empieza la subida con POST.",
    part_method: "Envía cada parte con PUT.",
    cross_origin: "Este formulario solo acepta solicitudes de su propio sitio.",
    upload_cross_origin: "Las subidas solo pueden venir de este sitio.",
    unsupported_media_type: "Envía el formulario como multipart/form-data o application/x-www-form-urlencoded.",
    upload_media_type: "Empieza la subida con un cuerpo JSON {name, size}.",
    too_large: (size) => `La solicitud ocupa más de ${size}; adjunta los archivos grandes de uno en uno.`,
    upload_too_large: "Empieza la subida con un cuerpo JSON pequeño {name, size}.",
    part_too_large: (bytes) => `Cada parte puede ocupar como máximo ${bytes} bytes.`,
    malformed: "No hemos podido leer los datos del formulario.",
    upload_malformed: "La solicitud de subida no es JSON.",
    invalid_key: "La clave de idempotencia debe tener de 8 a 100 letras, cifras, - o _.",
    edited_replay: "Ya recibimos esta solicitud con otro contenido; envíala de nuevo como una solicitud nueva.",
    page_not_sent: "No hemos enviado tu solicitud",
    page_check: "Hay algo en el formulario que necesita tu atención, así que no lo hemos enviado.",
    page_back: "Usa el botón Atrás del navegador: el formulario conserva lo que escribiste. Revisa los campos y vuelve a enviarlo.",
    page_thanks: "Gracias",
    page_received: "Hemos recibido tu solicitud.",
    page_reference: (ref) => `Tu número de referencia es ${ref}. Guárdalo: nos ayuda a encontrar tu solicitud si vuelves a escribirnos.`,
    page_another: "Enviar otra solicitud",
    page_method: "Abre esta página con GET.",
    unknown_upload: "Esta subida no existe o ha caducado; vuelve a adjuntar el archivo.",
    bad_part: "Esta parte no encaja con la subida; vuelve a adjuntar el archivo.",
    this_file: "este archivo",
    insight_method: "Envíalo con POST.",
    insight_media_type: "Envía JSON o un formulario.",
    insight_too_large: "Esta solicitud es demasiado grande.",
    insight_malformed: "No hemos podido leer esta solicitud.",
    unknown_article: "Esta página no es un artículo de este centro de ayuda.",
    invalid_vote: "Elige sí o no.",
    comment_too_long: (max) => `No pases de ${max} caracteres.`,
    comment_characters: "Quita los caracteres especiales.",
    invalid_kind: "El tipo debe ser no_results o contacted.",
    invalid_query: "La búsqueda está vacía o no es texto.",
    invalid_articles: "Los artículos deben ser una lista de como máximo 10 artículos de este centro de ayuda.",
    invalid_language: "No es un idioma de este centro de ayuda.",
    unknown_insight_field: (name) => `Campo desconocido: «${name}».`,
    insight_unavailable: "No hemos podido contarlo ahora mismo; no afecta a nada más.",
  },
};

export function functionMessages(lang) {
  return FUNCTION_MESSAGES[known(lang) || bestMatch(lang, FUNCTION_MESSAGES)] || FUNCTION_MESSAGES.en;
}
