// Server-side validation of a contact submission against the form schema that the build
// writes (plugins/helpcenter/contact/schema.py). The browser runs the same rules from the same
// schema (overrides/assets/helpcenter/contact/form.js imports this module, published at
// assets/helpcenter/common/contact/validate.js), so a customer sees the server's errors
// before sending, and the function trusts nothing it receives.
//
// Each error names its field and carries a code and a message in the schema's language:
// {field, code, message}.

import { bestMatch } from "../language.js";
import { bytesMatchExtension, extensionOf } from "./filetypes.js";

// WHATWG HTML's "valid e-mail address", the rule <input type=email> applies in browsers.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const PHONE = /^\+?[0-9 ().-]{6,30}$/;
// Single-line values never hold control characters: CR/LF there would let a value inject
// e-mail headers. Multi-line text may hold line breaks and tabs, nothing else.
const CONTROL_SINGLE = /[\u0000-\u001f\u007f\u2028\u2029]/;
const CONTROL_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const SINGLE_LINE = new Set(["text", "email", "tel", "select", "radio"]);

// Messages per language (the schema's "lang"); every language has the keys of "en"
// (tests/test_languages.py checks). `f` is the field, whose label is in the same language.
const lower = (label) => label.charAt(0).toLowerCase() + label.slice(1);
export const MESSAGES_BY_LANGUAGE = {
  en: {
    required: (f) => `${f.label}: please fill this in.`,
    too_short: (f) => `${f.label}: please write at least ${f.min_length} characters.`,
    too_long: (f) => `${f.label}: please keep it under ${f.max_length} characters.`,
    invalid_email: (f) => `${f.label}: this does not look like an e-mail address (name@example.com).`,
    invalid_phone: (f) => `${f.label}: use digits, spaces and an optional leading +.`,
    invalid_option: (f) => `${f.label}: please choose one of the options.`,
    control_characters: (f) => `${f.label}: remove the line breaks or special characters.`,
    one_of: (f, labels) => `Please give your ${labels.map(lower).join(" or ")}, so we can answer you.`,
    too_many_files: (f) => `${f.label}: at most ${f.max_files} files.`,
    file_too_large: (f) => `${f.label}: each file can be at most ${megabytes(f.max_file_bytes)}.`,
    files_too_large: (f) => `${f.label}: all files together can be at most ${megabytes(f.max_total_bytes)}.`,
    file_type: (f) => `${f.label}: only ${f.accept.map((e) => e.toUpperCase()).join(", ")} files.`,
    file_content: (f, name) => `${f.label}: “${name}” is not the kind of file its name says.`,
    file_name: (f) => `${f.label}: a file name is too long or has special characters; rename the file.`,
    empty_file: (f, name) => `${f.label}: “${name}” is empty.`,
    upload_missing: (f, name) => `${f.label}: “${name}” did not finish uploading; please attach it again.`,
    unknown_field: (name) => `Unknown field “${name}”.`,
    duplicate_field: (name) => `The field “${name}” was sent more than once.`,
    honeypot: () => "This form was filled in by a robot.",
    too_fast: () => "That was faster than a person can type. Please wait a moment and send again.",
    invalid_started: () => "The form's start time is not valid; reload the page.",
  },
  es: {
    required: (f) => `${f.label}: rellena este campo.`,
    too_short: (f) => `${f.label}: escribe al menos ${f.min_length} caracteres.`,
    too_long: (f) => `${f.label}: no pases de ${f.max_length} caracteres.`,
    invalid_email: (f) => `${f.label}: no parece una dirección de correo (nombre@ejemplo.com).`,
    invalid_phone: (f) => `${f.label}: usa cifras, espacios y, si quieres, un + al principio.`,
    invalid_option: (f) => `${f.label}: elige una de las opciones.`,
    control_characters: (f) => `${f.label}: quita los saltos de línea o los caracteres especiales.`,
    one_of: (f, labels) => `Déjanos tu ${labels.map(lower).join(" o tu ")} para que podamos responderte.`,
    too_many_files: (f) => `${f.label}: como máximo ${f.max_files} archivos.`,
    file_too_large: (f) => `${f.label}: cada archivo puede ocupar como máximo ${megabytes(f.max_file_bytes)}.`,
    files_too_large: (f) => `${f.label}: entre todos los archivos, como máximo ${megabytes(f.max_total_bytes)}.`,
    file_type: (f) => `${f.label}: solo archivos ${f.accept.map((e) => e.toUpperCase()).join(", ")}.`,
    file_content: (f, name) => `${f.label}: «${name}» no es el tipo de archivo que indica su nombre.`,
    file_name: (f) => `${f.label}: un nombre de archivo es demasiado largo o tiene caracteres especiales; cámbialo.`,
    empty_file: (f, name) => `${f.label}: «${name}» está vacío.`,
    upload_missing: (f, name) => `${f.label}: «${name}» no terminó de subirse; vuelve a adjuntarlo.`,
    unknown_field: (name) => `Campo desconocido: «${name}».`,
    duplicate_field: (name) => `El campo «${name}» se envió más de una vez.`,
    honeypot: () => "Este formulario lo ha rellenado un robot.",
    too_fast: () => "Eso ha sido más rápido de lo que una persona escribe. Espera un momento y vuelve a enviarlo.",
    invalid_started: () => "La hora de inicio del formulario no es válida; recarga la página.",
  },
};
export const MESSAGES = MESSAGES_BY_LANGUAGE.en;

/** The messages of a language ("es", "es-MX"), English when there are none. */
export function messagesFor(lang) {
  return MESSAGES_BY_LANGUAGE[bestMatch(lang, MESSAGES_BY_LANGUAGE)] || MESSAGES;
}

export function megabytes(bytes) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** An error recorder in the schema's language; `field` is a schema field, or a bare name for
 * fields outside the schema. */
function recorder(schema, errors) {
  const messages = messagesFor(schema.lang);
  return (field, code, ...args) =>
    errors.push({ field: typeof field === "string" ? field : field.name, code, message: messages[code](field, ...args) });
}

/** The fields shown for a topic (all, when the topic is not valid yet). */
export function fieldsFor(schema, topic) {
  const valid = schema.fields.find((f) => f.name === schema.topic_field).options.some((o) => o.value === topic);
  return schema.fields.filter((f) => !f.show_for || !valid || f.show_for.includes(topic));
}

/**
 * Validate one submission.
 * @param {object} schema the form schema
 * @param {Map<string, string[]>} values text values by field name (as FormData holds them)
 * @param {Array<{name: string, size: number, head: Uint8Array}>} files attached files
 * @param {Array<{name: string, size: number, head: Uint8Array}|{missing: true, name: string}>} uploads
 *   files uploaded beforehand (see contact-upload), already looked up
 * @param {number} now epoch ms
 * @returns {{errors: object[], fields: Record<string, string>}}
 */
export function validateSubmission(schema, values, files = [], uploads = [], now = Date.now()) {
  const errors = [];
  const error = recorder(schema, errors);
  const fields = {};
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const system = new Set([schema.honeypot, "started", "upload_ids", "lang", "idempotency_key", "page"]);
  for (const [name, list] of values) {
    if (!byName.has(name) && !system.has(name)) error(name, "unknown_field");
    else if (list.length > 1 && byName.get(name)?.type !== "file") error(name, "duplicate_field");
  }
  // Spam traps first: a robot learns nothing else about the form.
  if ((values.get(schema.honeypot) || []).some((v) => v !== "")) {
    error(schema.honeypot, "honeypot");
    return { errors, fields };
  }
  const started = (values.get("started") || [])[0];
  if (started !== undefined && started !== "") {
    const at = Number(started);
    if (!Number.isFinite(at) || at > now + 60_000 || at < now - 7 * 86_400_000) error("started", "invalid_started");
    else if (now - at < schema.min_seconds * 1000) error("started", "too_fast");
    if (errors.length) return { errors, fields };
  }

  const topic = (values.get(schema.topic_field) || [""])[0];
  for (const field of fieldsFor(schema, topic)) {
    if (field.type === "file") continue;
    let value = (values.get(field.name) || [""])[0];
    value = String(value).replace(/\r\n?/g, "\n");
    if (field.type !== "textarea") value = value.trim();
    const length = [...value].length;
    if (!value) {
      if (field.required) error(field, "required");
      continue;
    }
    if ((SINGLE_LINE.has(field.type) ? CONTROL_SINGLE : CONTROL_MULTI).test(value)) {
      error(field, "control_characters");
      continue;
    }
    if (field.max_length !== undefined && length > field.max_length) error(field, "too_long");
    else if (field.min_length !== undefined && value.trim().length < field.min_length) error(field, "too_short");
    else if (field.type === "email" && !EMAIL.test(value)) error(field, "invalid_email");
    else if (field.type === "tel" && (!PHONE.test(value) || value.replace(/\D/g, "").length < 6)) error(field, "invalid_phone");
    else if (field.options && !field.options.some((o) => o.value === value)) error(field, "invalid_option");
    else fields[field.name] = value;
  }
  for (const group of schema.one_of || []) {
    const present = group.filter((name) => fields[name] || errors.some((e) => e.field === name));
    if (!present.length) error(group[0], "one_of", group.map((name) => byName.get(name)?.label || name.replace(/_/g, " ")));
  }

  const fileField = fieldsFor(schema, topic).find((f) => f.type === "file");
  const all = [...files, ...uploads];
  if (all.length && !fileField) {
    error(schema.fields.find((f) => f.type === "file")?.name || "attachments", "unknown_field");
  } else if (fileField && all.length) {
    if (all.length > fileField.max_files) error(fileField, "too_many_files");
    let total = 0;
    for (const file of all) {
      const extension = extensionOf(file.name);
      if (file.missing) error(fileField, "upload_missing", file.name);
      else if (typeof file.name !== "string" || file.name.length > 200 || CONTROL_SINGLE.test(file.name)) error(fileField, "file_name");
      else if (!fileField.accept.includes(extension)) error(fileField, "file_type");
      else if (file.size === 0) error(fileField, "empty_file", file.name);
      else if (file.size > fileField.max_file_bytes) error(fileField, "file_too_large");
      else if (!bytesMatchExtension(file.head, extension)) error(fileField, "file_content", file.name);
      total += file.size || 0;
    }
    if (total > fileField.max_total_bytes) error(fileField, "files_too_large");
  }
  return { errors, fields };
}

/** Checks on one file before its upload starts (name, size, type), as for attachments. */
export function validateUploadStart(schema, { name, size }) {
  const field = schema.fields.find((f) => f.type === "file");
  const errors = [];
  const error = recorder(schema, errors);
  if (!field) return [{ field: "attachments", code: "unknown_field", message: messagesFor(schema.lang).unknown_field("attachments") }];
  if (typeof name !== "string" || !name || name.length > 200 || CONTROL_SINGLE.test(name)) error(field, "file_type");
  else if (!field.accept.includes(extensionOf(name))) error(field, "file_type");
  else if (!Number.isSafeInteger(size) || size <= 0) error(field, "empty_file", name);
  else if (size > field.max_file_bytes) error(field, "file_too_large");
  return errors;
}
