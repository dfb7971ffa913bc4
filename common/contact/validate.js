// Server-side validation of a contact submission against the form schema that the build
// writes (plugins/helpcenter/contact/schema.py). The browser runs the same rules from the same
// schema (overrides/assets/helpcenter/contact/form.js imports this module, published at
// assets/helpcenter/common/contact/validate.js), so a customer sees the server's errors
// before sending, and the function trusts nothing it receives.
//
// Each error names its field and carries a code and a message in the schema's language:
// {field, code, message}.

import { textIn } from "../text.js";
import { bytesMatchExtension, extensionOf } from "./filetypes.js";

// WHATWG HTML's "valid e-mail address", the rule <input type=email> applies in browsers.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const PHONE = /^\+?[0-9 ().-]{6,30}$/;
// Single-line values never hold control characters: CR/LF there would let a value inject
// e-mail headers. Multi-line text may hold line breaks and tabs, nothing else.
// C1 controls (U+0085 NEL is a line break too) and U+FFFD, which stands for bytes that were
// not UTF-8 (the function never stores a guess at what was meant).
const CONTROL_SINGLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/;
const CONTROL_MULTI = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffd]/;
// An RFC 2047 encoded word ("=?utf-8?q?a=0D=0ABcc:...?="): a mail program would decode it into
// whatever it hides, line breaks included, in the Subject or Reply-To it lands in.
const ENCODED_WORD = /=\?[^?\s]*\?[bq]\?[^?\s]*\?=/i;
const SINGLE_LINE = new Set(["text", "email", "tel", "select", "radio"]);

/** True when text holds what no value may: control characters (line breaks too, on one line). */
export function hasControlCharacters(text, { multiline = false } = {}) {
  return (multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(text);
}

// The messages are the schema's own, in its language: the "validation" section of the
// language's catalog (plugins/helpcenter/i18n/locales/<lang>.yml), which the build puts in
// the schema. `field` is a schema field (its label in the same language), or a bare name.
export function messagesFor(schema) {
  const say = textIn(schema.messages || {}, schema.lang || "en");
  const asWritten = schema.messages?.label_case === "as_written";
  const inSentence = (label) => (asWritten ? label : label.charAt(0).toLowerCase() + label.slice(1));
  const list = (labels) => {
    try {
      return new Intl.ListFormat(schema.lang || "en", { type: "disjunction" }).format(labels);
    } catch {
      return labels.join(" / ");
    }
  };
  return (code, field, ...args) => {
    const f = typeof field === "string" ? { name: field, label: field } : field;
    const params = {
      label: f.label, name: code.endsWith("_field") ? f.name : args[0], min_length: f.min_length,
      max_length: f.max_length, max_files: f.max_files,
      size: megabytes(code === "files_too_large" ? f.max_total_bytes : f.max_file_bytes),
      types: (f.accept || []).map((e) => e.toUpperCase()).join(", "),
      labels: code === "one_of" ? list(args[0].map(inSentence)) : "",
    };
    return say(code, params);
  };
}

export function megabytes(bytes) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** An error recorder in the schema's language; `field` is a schema field, or a bare name for
 * fields outside the schema. */
function recorder(schema, errors) {
  const message = messagesFor(schema);
  return (field, code, ...args) =>
    errors.push({ field: typeof field === "string" ? field : field.name, code, message: message(code, field, ...args) });
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
    if ((SINGLE_LINE.has(field.type) ? CONTROL_SINGLE : CONTROL_MULTI).test(value)
        || (SINGLE_LINE.has(field.type) && ENCODED_WORD.test(value))) {
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
  if (!field) return [{ field: "attachments", code: "unknown_field", message: messagesFor(schema)("unknown_field", "attachments") }];
  if (typeof name !== "string" || !name || name.length > 200 || CONTROL_SINGLE.test(name)) error(field, "file_name");
  else if (!field.accept.includes(extensionOf(name))) error(field, "file_type");
  else if (!Number.isSafeInteger(size) || size < 0) error(field, "file_size");
  else if (size === 0) error(field, "empty_file", name);
  else if (size > field.max_file_bytes) error(field, "file_too_large");
  return errors;
}
