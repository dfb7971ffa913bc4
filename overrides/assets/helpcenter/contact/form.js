// The contact form, enhanced: fields that follow the topic, the server's own validation rules
// (common/contact/validate.js, shared with the functions) with accessible errors, a draft kept
// in the browser until the ticket is stored, an idempotency key so a retry never makes two
// tickets, large files uploaded in parts, and help articles suggested while the customer writes.
// Without this script the form still posts (multipart) and the function answers with a page.

import { fieldsFor, validateSubmission } from "../common/contact/validate.js";
import { strings } from "../strings.js";

const words = strings();
// The functions answer in the page's language (their messages are shown as they come).
const LANGUAGE = document.documentElement.lang || "en";

const DRAFT_KEY = `hc-contact-draft:${location.pathname}`;
const SUGGEST_DELAY_MS = 500;
const SUGGESTIONS = 3;

export function start() {
  const form = document.getElementById("hc-contact-form");
  const schemaElement = document.getElementById("hc-form-schema");
  if (!form || !schemaElement) return;
  const schema = JSON.parse(schemaElement.textContent);
  const contact = new ContactForm(form, schema);
  contact.start();
  return contact;
}

class ContactForm {
  constructor(form, schema) {
    this.form = form;
    this.schema = schema;
    this.fileField = schema.fields.find((f) => f.type === "file");
    this.fileInput = this.fileField ? form.elements[this.fileField.name] : null;
    this.status = form.querySelector("#hc-form-status");
    this.summary = form.querySelector("#hc-form-summary");
    this.sendButton = form.querySelector(".hc-form__send");
    this.submitted = false;
    this.sending = false;
  }

  start() {
    this.form.elements.started.value = String(Date.now());
    this.restoreDraft();
    this.aboutArticle();
    this.autofill();
    this.followTopic();
    this.form.addEventListener("input", () => this.saveDraftSoon());
    this.form.addEventListener("change", (event) => {
      if (event.target.name === this.schema.topic_field) this.followTopic();
      this.saveDraftSoon();
      if (this.submitted) this.revalidate();
    });
    // A field's change fires when the pointer presses Send: its messages must not move the
    // button before the press is released (the click would be lost), so they wait for it.
    document.addEventListener("pointerdown", () => { this.pressing = true; }, true);
    const released = () => {
      this.pressing = false;
      if (this.pendingCheck) {
        this.pendingCheck = false;
        setTimeout(() => this.validate(false));
      }
    };
    // A touch that turns into a scroll ends with pointercancel instead of pointerup.
    document.addEventListener("pointerup", released, true);
    document.addEventListener("pointercancel", released, true);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
    this.fileInput?.addEventListener("change", () => this.listFiles());
    this.showPlan();
    this.form.elements.plan?.addEventListener("change", () => this.showPlan());
    this.suggestions();
  }

  // -- fields that follow the topic ----------------------------------------------------------
  topic() {
    return this.form.elements[this.schema.topic_field].value;
  }

  followTopic() {
    const shown = new Set(fieldsFor(this.schema, this.topic()).map((f) => f.name));
    const chosen = Boolean(this.topic());
    for (const wrapper of this.form.querySelectorAll("[data-field]")) {
      const conditional = wrapper.hasAttribute("data-show-for");
      const visible = !conditional || (chosen && shown.has(wrapper.dataset.field));
      wrapper.hidden = !visible;
      // Hidden fields are disabled, so they are neither sent nor validated.
      for (const control of wrapper.querySelectorAll("input, select, textarea")) control.disabled = !visible;
    }
  }

  /** What the chosen plan includes, from the same config as the plans table. */
  showPlan() {
    const note = this.form.querySelector("#hc-plan-includes");
    const plan = note && JSON.parse(note.dataset.plans)[this.form.elements.plan.value];
    if (!note) return;
    note.hidden = !plan;
    const channels = new Intl.ListFormat(LANGUAGE, { type: "conjunction" });
    note.textContent = plan ? words("plan_includes", { plan: plan.name, channels: channels.format(plan.channels) }) +
      (plan.reply_time ? ` ${words("plan_reply", { time: plan.reply_time })}` : "") : "";
  }

  // -- operating system, browser and device, from the user agent (editable) -----------------
  autofill() {
    const agent = navigator.userAgent;
    const guesses = {
      os: /Windows NT 10/.test(agent) ? "Windows 10 or 11" : /Windows/.test(agent) ? "Windows"
        : /iPhone|iPad/.test(agent) ? `iOS ${(/OS (\d+[_.]\d+)/.exec(agent)?.[1] || "").replace("_", ".")}`.trim()
        : /Android ([\d.]+)/.test(agent) ? `Android ${/Android ([\d.]+)/.exec(agent)[1]}`
        : /Mac OS X/.test(agent) ? "macOS" : /CrOS/.test(agent) ? "ChromeOS" : /Linux/.test(agent) ? "Linux" : "",
      browser: /Edg\/([\d]+)/.test(agent) ? `Edge ${/Edg\/(\d+)/.exec(agent)[1]}`
        : /Firefox\/(\d+)/.test(agent) ? `Firefox ${/Firefox\/(\d+)/.exec(agent)[1]}`
        : /(?:Chrome|Chromium)\/(\d+)/.test(agent) ? `Chrome ${/(?:Chrome|Chromium)\/(\d+)/.exec(agent)[1]}`
        : /Version\/(\d+).*Safari/.test(agent) ? `Safari ${/Version\/(\d+)/.exec(agent)[1]}` : "",
      device: /iPhone/.test(agent) ? "iPhone" : /iPad/.test(agent) ? "iPad"
        : /Android/.test(agent) ? (/;\s*([^;)]+)\s+Build\//.exec(agent)?.[1] || "Android device") : "",
    };
    for (const input of this.form.querySelectorAll("[data-autofill]")) {
      if (!input.value && guesses[input.dataset.autofill]) input.value = guesses[input.dataset.autofill];
    }
  }

  /** Arriving from an article's "No, it did not help" (?article=/path/&title=...): the request
   * starts by naming the article, unless a draft already says something. (Without
   * JavaScript the form opens empty.) */
  aboutArticle() {
    const params = new URLSearchParams(location.search);
    const article = params.get("article");
    const title = (params.get("title") || "").slice(0, 200);
    const description = this.form.elements.description;
    if (!article || !article.startsWith("/") || article.startsWith("//")) return;
    const url = new URL(article, location.origin);
    if (!title || !description || description.value.trim()) return;
    description.value = `${words("about_article", { title, url: url.href })}\n\n`;
    const subject = this.form.elements.subject;
    if (subject && !subject.value) subject.value = title.slice(0, 150);
  }

  // -- the draft: everything typed, kept until the ticket is stored --------------------------
  draftValues() {
    const values = {};
    for (const element of this.form.elements) {
      if (!element.name || element.type === "file" || element.type === "hidden" || element.name === this.schema.honeypot) continue;
      if (element.type === "radio") {
        if (element.checked) values[element.name] = element.value;
      } else if (element.value) {
        values[element.name] = element.value;
      }
    }
    return values;
  }

  saveDraftSoon() {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.saveDraft(), 250);
  }

  saveDraft() {
    if (this.done) return; // sent: nothing left to keep
    try {
      const draft = this.loadDraft();
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, values: this.draftValues(), savedAt: Date.now() }));
    } catch {
      // Private browsing or a full storage: the form still works, without a draft.
    }
  }

  loadDraft() {
    try {
      return JSON.parse(localStorage.getItem(DRAFT_KEY) || "{}");
    } catch {
      return {};
    }
  }

  restoreDraft() {
    const { values } = this.loadDraft();
    if (!values) return;
    for (const [name, value] of Object.entries(values)) {
      const element = this.form.elements[name];
      if (!element) continue;
      if (element instanceof RadioNodeList) {
        for (const radio of element) radio.checked = radio.value === value;
      } else if (element.type !== "file") {
        element.value = value;
      }
    }
  }

  newIdempotencyKey() {
    const draft = this.loadDraft();
    delete draft.key;
    this.volatileKey = null;
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    } catch {
      // no storage: the next key is made in memory
    }
  }

  /** One key per request, kept with the draft so that a retry after a failure reuses it. */
  idempotencyKey() {
    const draft = this.loadDraft();
    if (draft.key) return draft.key;
    const key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, key }));
    } catch {
      this.volatileKey ||= key;
      return this.volatileKey;
    }
    return key;
  }

  // -- validation, with the server's rules ---------------------------------------------------
  async fileInfo() {
    const files = [...(this.fileInput?.disabled ? [] : this.fileInput?.files || [])];
    return Promise.all(files.map(async (file) => ({
      name: file.name, size: file.size, file,
      head: new Uint8Array(await file.slice(0, 64).arrayBuffer()),
    })));
  }

  values() {
    const values = new Map();
    for (const [name, value] of new FormData(this.form)) {
      if (typeof value !== "string" || name === "started") continue;
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    }
    return values;
  }

  /** Check the fields again as the reader corrects them (after a first send). */
  revalidate() {
    if (this.pressing) this.pendingCheck = true;
    else this.validate(false);
  }

  async validate(focus) {
    const files = await this.fileInfo();
    const { errors } = validateSubmission(this.schema, this.values(), files, [], Date.now());
    this.showErrors(errors, focus);
    return { errors, files };
  }

  showErrors(errors, focus) {
    const byField = new Map();
    for (const error of errors) if (!byField.has(error.field)) byField.set(error.field, error);
    for (const wrapper of this.form.querySelectorAll("[data-field]")) {
      const name = wrapper.dataset.field;
      const error = byField.get(name);
      const message = wrapper.querySelector(".hc-field__error");
      // Radios carry aria-invalid themselves: a fieldset (role group) cannot.
      const controls = wrapper.querySelectorAll("input, select, textarea");
      for (const control of controls) {
        if (error) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
      message.hidden = !error;
      message.textContent = error ? error.message : "";
    }
    // While the reader corrects fields (focus false: a change after a send), the summary at
    // the top stays as the last send left it; the next send brings it up to date.
    if (!focus) return;
    if (!errors.length) {
      this.summary.hidden = true;
      this.summary.replaceChildren();
      return;
    }
    // A summary at the top lists every problem, each a link to its field.
    const heading = document.createElement("p");
    heading.textContent = errors.length === 1 ? words("correct", { count: 1 }) : words("correct", { count: byField.size });
    const list = document.createElement("ul");
    for (const error of byField.values()) {
      const item = document.createElement("li");
      const target = this.form.querySelector(`#hc-${CSS.escape(error.field)}`);
      if (target && !target.disabled) {
        const link = document.createElement("a");
        link.href = `#${target.id}`;
        link.textContent = error.message;
        link.addEventListener("click", (event) => {
          event.preventDefault();
          target.focus();
        });
        item.append(link);
      } else {
        item.textContent = error.message;
      }
      list.append(item);
    }
    this.summary.replaceChildren(heading, list);
    this.summary.hidden = false;
    if (focus) {
      const first = errors.map((e) => this.form.querySelector(`#hc-${CSS.escape(e.field)}`)).find((el) => el && !el.disabled);
      (first || this.summary).focus();
    }
  }

  listFiles() {
    const list = this.form.querySelector(`#hc-${this.fileField.name}-list`);
    list.replaceChildren(...[...this.fileInput.files].map((file) => {
      const item = document.createElement("li");
      item.textContent = `${file.name} (${formatBytes(file.size)})`;
      return item;
    }));
  }

  // -- sending ------------------------------------------------------------------------------
  async send(edited = false) {
    if (this.sending) return;
    this.submitted = true;
    const { errors, files } = await this.validate(true);
    if (errors.length) return;
    this.sending = true;
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    this.sendButton.setAttribute("aria-disabled", "true");
    clearTimeout(this.draftTimer);
    this.saveDraft(); // whatever happens next, what they typed is kept
    this.say(words("sending"));
    try {
      const key = this.idempotencyKey();
      const data = new FormData(this.form);
      data.delete(this.fileField?.name);
      // Files that fit in the request ride along; larger ones are uploaded first, in parts.
      let room = this.schema.max_request_bytes - 64 * 1024;
      const uploadIds = [];
      for (const info of files) {
        if (info.size <= room && info.size <= this.schema.upload_part_bytes) {
          data.append(this.fileField.name, info.file, info.name);
          room -= info.size;
        } else {
          uploadIds.push(await this.upload(info.file));
        }
      }
      if (uploadIds.length) data.set("upload_ids", uploadIds.join(","));
      data.set("page", document.referrer || location.href);
      const response = await fetch(this.form.action, {
        method: "POST", body: data, headers: { Accept: "application/json", "Accept-Language": LANGUAGE, "Idempotency-Key": key },
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok && answer.ref) return this.sent(answer);
      if (response.status === 409 && !edited) {
        // An earlier try was stored, and they have since changed the request: send it as new.
        this.newIdempotencyKey();
        this.sending = false;
        return this.send(true);
      }
      if (answer.errors) {
        this.showErrors(answer.errors, true);
        this.say("");
      } else {
        this.failed(answer.error?.message || words("server_answered", { status: response.status }));
      }
    } catch (error) {
      this.failed(error.message && !/fetch/i.test(error.message) ? error.message : words("unreachable"));
    } finally {
      this.sending = false;
      this.sendButton.removeAttribute("aria-disabled");
    }
  }

  async upload(file) {
    const endpoint = this.form.dataset.upload;
    const started = await fetch(endpoint, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": LANGUAGE },
      body: JSON.stringify({ name: file.name, size: file.size }),
    });
    const upload = await started.json().catch(() => ({}));
    if (!started.ok) throw new Error(upload.error?.message || words("upload_failed", { name: file.name }));
    for (let part = 0; part < upload.parts; part++) {
      this.say(words("uploading", { name: file.name, percent: Math.round((part / upload.parts) * 100) }));
      const slice = file.slice(part * upload.partBytes, (part + 1) * upload.partBytes);
      const response = await fetch(`${endpoint}/${upload.id}/${part}`,
        { method: "PUT", body: slice, headers: { "Accept-Language": LANGUAGE } });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        throw new Error(answer.error?.message || words("upload_failed", { name: file.name }));
      }
    }
    return upload.id;
  }

  sent({ ref, reply }) {
    clearTimeout(this.draftTimer);
    this.done = true;
    try {
      localStorage.removeItem(DRAFT_KEY);
    } catch {
      // nothing to clear
    }
    const panel = document.createElement("div");
    panel.className = "hc-notice hc-notice--success hc-form__sent";
    panel.tabIndex = -1;
    panel.setAttribute("role", "status");
    const title = document.createElement("h2");
    title.textContent = words("sent_title");
    const reference = document.createElement("p");
    const [before, after] = words.around("sent_reference", "ref");
    const strong = document.createElement("strong");
    strong.className = "hc-ticket-ref";
    strong.textContent = ref;
    reference.append(before, strong, after);
    const promise = document.createElement("p");
    promise.textContent = reply || this.schema.reply_promise;
    panel.append(title, reference, promise);
    this.form.replaceWith(panel);
    panel.focus();
  }

  failed(reason) {
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "md-button hc-form__retry";
    retry.textContent = words("retry");
    retry.addEventListener("click", () => this.send());
    const text = document.createElement("p");
    text.textContent = words("not_sent", { reason });
    this.status.replaceChildren(text, retry);
    this.status.classList.add("hc-form__status--error");
  }

  say(text) {
    this.status.classList.remove("hc-form__status--error");
    this.status.textContent = text;
  }

  // -- help articles that may answer the question --------------------------------------------
  suggestions() {
    const box = this.form.querySelector("#hc-suggestions");
    const sources = ["subject", "description"].map((name) => this.form.elements[name]).filter(Boolean);
    if (!box || !sources.length || !document.querySelector('meta[name="helpcenter:search"]')) return;
    let timer = 0;
    let generation = 0;
    const update = async () => {
      const mine = ++generation;
      const query = sources.map((s) => s.value).join(" ").trim().split(/\s+/).slice(0, 12).join(" ");
      if (query.length < 3) {
        box.hidden = true;
        return;
      }
      try {
        const { getEngine, FULL_TEXT } = await import("../search/bundle.js");
        const engine = await getEngine();
        const found = await engine.search(`${query} `, { limit: SUGGESTIONS, tiers: FULL_TEXT });
        const docs = await engine.documents(found.results.map((r) => r.ref));
        if (mine !== generation) return;
        this.showSuggestions(box, docs);
      } catch {
        box.hidden = true;
      }
    };
    for (const source of sources) {
      source.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(update, SUGGEST_DELAY_MS);
      });
    }
    if (sources.some((s) => s.value)) update();
  }

  showSuggestions(box, docs) {
    if (!docs.length) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    const root = new URL(document.querySelector('meta[name="helpcenter:search"]').dataset.root || "/", location.href);
    const title = document.createElement("p");
    title.className = "hc-suggestions__title";
    title.textContent = words("suggestions");
    const list = document.createElement("ul");
    for (const doc of docs) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(doc.url, root).href;
      link.textContent = doc.title;
      link.addEventListener("click", () => this.saveDraft());
      item.append(link);
      if (doc.category) item.append(` · ${doc.category}`);
      list.append(item);
    }
    box.replaceChildren(title, list);
    box.hidden = false;
  }
}

function formatBytes(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
