// Where a stored ticket goes: the support team's e-mail (SMTP, Postmark or Resend), a
// helpdesk (Zendesk, Freshdesk, Help Scout) or any JSON webhook. Chosen and configured by
// environment variables only (secrets never live in the repository): see the README's
// "Contact form" section. Every value the customer typed is escaped in HTML and kept out
// of headers (validation already refused line breaks in single-line fields).

import nodemailer from "nodemailer";
import { createHmac } from "node:crypto";
// The support team reads tickets with the labels of the site's default language.
import { defaultSchema as schema } from "./forms.mjs";

const env = (name, fallback = "") => process.env[name] || fallback;

// A destination that never answers must not hold a delivery (and its lease) forever; nor a
// scheduled run, which Netlify stops at 30 s. HELPCENTER_DELIVERY_TIMEOUT_MS overrides it.
//
// A destination that took a ticket but answered too late gets it again on the next attempt,
// always under the same identity, so that it can drop the copy: the webhook, Zendesk and
// Resend get `Idempotency-Key: <ref>`, e-mail the Message-ID `<ref@helpcenter>` and the
// X-Helpcenter-Ticket header, every destination the reference in the subject.
export const REQUEST_TIMEOUT_MS = 25_000;
const configuredTimeoutMs = () => Number(env("HELPCENTER_DELIVERY_TIMEOUT_MS")) || REQUEST_TIMEOUT_MS;

/** One delivery's time limits: each request's timeout, never past the run's deadline. */
function limitsUntil(deadline) {
  const timeoutMs = () => Math.max(1, Math.min(configuredTimeoutMs(), deadline ? deadline - Date.now() : Infinity));
  return { timeoutMs, fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs()) }) };
}

export function destinationFromEnv() {
  return { kind: env("HELPCENTER_DELIVERY", "none").toLowerCase() };
}

const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

function labelled(ticket) {
  const labels = new Map(schema.fields.map((f) => [f.name, f]));
  return Object.entries(ticket.fields).map(([name, value]) => {
    const field = labels.get(name);
    const option = field?.options?.find((o) => o.value === value);
    return [field?.label || name, option ? option.label : value];
  });
}

export function ticketSubject(ticket) {
  return `[${ticket.ref}] ${ticket.fields.subject || "Help request"}`;
}

export function ticketText(ticket, files = ticket.attachments) {
  const lines = labelled(ticket).map(([label, value]) => `${label}:\n${value}\n`);
  if (files.length) lines.push(`Attachments:\n${files.map((f) => `- ${f.name} (${f.size} bytes)`).join("\n")}\n`);
  lines.push(`Reference: ${ticket.ref}\nReceived: ${ticket.createdAt}${ticket.page ? `\nSent from: ${ticket.page}` : ""}`);
  return lines.join("\n");
}

export function ticketHtml(ticket, files = ticket.attachments) {
  const rows = labelled(ticket).map(([label, value]) =>
    `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td style="white-space:pre-wrap">${escapeHtml(value)}</td></tr>`);
  if (files.length) rows.push(`<tr><th align="left">Attachments</th><td>${files.map((f) => escapeHtml(f.name)).join("<br>")}</td></tr>`);
  return `<!doctype html><html><body><h1>${escapeHtml(ticketSubject(ticket))}</h1><table>${rows.join("")}</table>` +
    `<p>Reference ${escapeHtml(ticket.ref)}, received ${escapeHtml(ticket.createdAt)}.</p></body></html>`;
}

const customerName = (ticket) => ticket.fields.name || "Customer";
const customerEmail = (ticket) => ticket.fields.email || ticket.fields.account_email || "";

async function checked(response, what) {
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 200)}`);
  }
  return response;
}

const basicAuth = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const base64 = (bytes) => Buffer.from(bytes).toString("base64");

const SENDERS = {
  none() {
    throw new Error("no delivery configured: set HELPCENTER_DELIVERY (tickets stay stored and pending)");
  },

  async smtp(ticket, files, limits) {
    const transport = nodemailer.createTransport({
      host: env("SMTP_HOST"), port: Number(env("SMTP_PORT", "587")), secure: env("SMTP_SECURE") === "true",
      auth: env("SMTP_USER") ? { user: env("SMTP_USER"), pass: env("SMTP_PASSWORD") } : undefined,
      connectionTimeout: Math.min(10_000, limits.timeoutMs()), greetingTimeout: Math.min(10_000, limits.timeoutMs()),
      socketTimeout: limits.timeoutMs(),
    });
    const info = await transport.sendMail({
      from: env("SUPPORT_EMAIL_FROM"), to: env("SUPPORT_EMAIL_TO"),
      replyTo: customerEmail(ticket) ? { name: customerName(ticket), address: customerEmail(ticket) } : undefined,
      subject: ticketSubject(ticket), text: ticketText(ticket, files), html: ticketHtml(ticket, files),
      messageId: `<${ticket.ref}@helpcenter>`, // the same ticket always has the same Message-ID
      headers: { "X-Helpcenter-Ticket": ticket.ref },
      attachments: files.map((f) => ({ filename: f.name, content: Buffer.from(f.bytes), contentType: f.type })),
    });
    return { messageId: info.messageId };
  },

  async webhook(ticket, files, limits) {
    const body = JSON.stringify({
      type: "helpcenter.ticket", ref: ticket.ref, createdAt: ticket.createdAt, lang: ticket.lang, page: ticket.page,
      fields: ticket.fields,
      attachments: files.map((f) => ({ name: f.name, type: f.type, size: f.size, content_base64: base64(f.bytes) })),
    });
    const signature = createHmac("sha256", env("WEBHOOK_SECRET")).update(body).digest("hex");
    await checked(await limits.fetch(env("WEBHOOK_URL"), {
      method: "POST", body,
      headers: { "Content-Type": "application/json", "Idempotency-Key": ticket.ref, "X-Helpcenter-Signature": `sha256=${signature}` },
    }), "webhook");
    return {};
  },

  async zendesk(ticket, files, limits) {
    const base = env("ZENDESK_URL").replace(/\/$/, "");
    const auth = basicAuth(`${env("ZENDESK_EMAIL")}/token`, env("ZENDESK_API_TOKEN"));
    const uploads = [];
    for (const file of files) {
      const response = await checked(await limits.fetch(`${base}/api/v2/uploads.json?filename=${encodeURIComponent(file.name)}`, {
        method: "POST", body: file.bytes, headers: { Authorization: auth, "Content-Type": file.type || "application/binary" },
      }), "zendesk upload");
      uploads.push((await response.json()).upload.token);
    }
    const response = await checked(await limits.fetch(`${base}/api/v2/requests.json`, {
      method: "POST",
      headers: { Authorization: auth, "Content-Type": "application/json", "Idempotency-Key": ticket.ref },
      body: JSON.stringify({ request: {
        requester: { name: customerName(ticket), email: customerEmail(ticket) || undefined },
        subject: ticketSubject(ticket), comment: { body: ticketText(ticket, files), uploads },
      } }),
    }), "zendesk request");
    return { id: (await response.json()).request?.id ?? null };
  },

  async freshdesk(ticket, files, limits) {
    const form = new FormData();
    form.set("email", customerEmail(ticket) || env("SUPPORT_EMAIL_FROM"));
    form.set("name", customerName(ticket));
    if (ticket.fields.phone) form.set("phone", ticket.fields.phone);
    form.set("subject", ticketSubject(ticket));
    form.set("description", ticketHtml(ticket, files));
    form.set("status", "2");
    form.set("priority", "1");
    for (const file of files) form.append("attachments[]", new Blob([file.bytes], { type: file.type }), file.name);
    const response = await checked(await limits.fetch(`${env("FRESHDESK_URL").replace(/\/$/, "")}/api/v2/tickets`, {
      method: "POST", body: form, headers: { Authorization: basicAuth(env("FRESHDESK_API_KEY"), "X") },
    }), "freshdesk");
    return { id: (await response.json()).id ?? null };
  },

  async helpscout(ticket, files, limits) {
    const base = env("HELPSCOUT_API_URL", "https://api.helpscout.net").replace(/\/$/, "");
    const token = await checked(await limits.fetch(`${base}/v2/oauth2/token`, {
      method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: env("HELPSCOUT_APP_ID"), client_secret: env("HELPSCOUT_APP_SECRET") }),
    }), "help scout token");
    const { access_token: accessToken } = await token.json();
    const customer = { email: customerEmail(ticket) || undefined, firstName: customerName(ticket) };
    const response = await checked(await limits.fetch(`${base}/v2/conversations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        subject: ticketSubject(ticket), mailboxId: Number(env("HELPSCOUT_MAILBOX_ID")), type: "email", status: "active", customer,
        threads: [{ type: "customer", customer, text: ticketHtml(ticket, files),
          attachments: files.map((f) => ({ fileName: f.name, mimeType: f.type, data: base64(f.bytes) })) }],
      }),
    }), "help scout");
    return { id: response.headers.get("resource-id") };
  },

  async postmark(ticket, files, limits) {
    const response = await checked(await limits.fetch(`${env("POSTMARK_API_URL", "https://api.postmarkapp.com").replace(/\/$/, "")}/email`, {
      method: "POST",
      headers: { "X-Postmark-Server-Token": env("POSTMARK_SERVER_TOKEN"), "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        From: env("SUPPORT_EMAIL_FROM"), To: env("SUPPORT_EMAIL_TO"), ReplyTo: customerEmail(ticket) || undefined,
        Subject: ticketSubject(ticket), TextBody: ticketText(ticket, files), HtmlBody: ticketHtml(ticket, files),
        Headers: [{ Name: "X-Helpcenter-Ticket", Value: ticket.ref }],
        Attachments: files.map((f) => ({ Name: f.name, Content: base64(f.bytes), ContentType: f.type })),
      }),
    }), "postmark");
    return { id: (await response.json()).MessageID ?? null };
  },

  async resend(ticket, files, limits) {
    const response = await checked(await limits.fetch(`${env("RESEND_API_URL", "https://api.resend.com").replace(/\/$/, "")}/emails`, {
      method: "POST",
      headers: { Authorization: `Bearer ${env("RESEND_API_KEY")}`, "Content-Type": "application/json", "Idempotency-Key": ticket.ref },
      body: JSON.stringify({
        from: env("SUPPORT_EMAIL_FROM"), to: [env("SUPPORT_EMAIL_TO")], reply_to: customerEmail(ticket) || undefined,
        subject: ticketSubject(ticket), text: ticketText(ticket, files), html: ticketHtml(ticket, files),
        attachments: files.map((f) => ({ filename: f.name, content: base64(f.bytes) })),
      }),
    }), "resend");
    return { id: (await response.json()).id ?? null };
  },
};

export const DESTINATIONS = Object.keys(SENDERS);

/** Send one ticket (with its files' bytes); throws when the destination did not take it. */
export async function sendTicket(destination, ticket, files, { deadline } = {}) {
  const send = SENDERS[destination.kind];
  if (!send) throw new Error(`unknown HELPCENTER_DELIVERY "${destination.kind}"; one of ${DESTINATIONS.join(", ")}`);
  return send(ticket, files, limitsUntil(deadline));
}
