// The chat launcher: our own button (bottom-left by default) that loads the vendor's widget
// only when a reader asks for it (or once the page is idle, when the site says so), so
// readers who never chat download no vendor code. Outside support hours it says so and
// offers the contact form instead of a chat nobody answers.
//
// Each vendor's embed is its documented snippet, written as code (the site's CSP allows no
// inline script): settings on window, then the script from the vendor's host, with the
// vendor's own option for left placement and the page language where it takes one.

import { strings } from "../strings.js";
import { isOpen, statusText } from "./hours.js";

const PROVIDERS = {
  intercom: {
    prepare(chat) {
      window.intercomSettings = { api_base: "https://api-iam.intercom.io", app_id: chat.ids.app_id,
        alignment: chat.position, horizontal_padding: 20, vertical_padding: 20, language_override: chat.language };
      if (!window.Intercom) {
        const queue = (...args) => queue.q.push(args);
        queue.q = [];
        window.Intercom = queue;
      }
    },
    open() {
      window.Intercom("show");
    },
  },
  crisp: {
    prepare(chat) {
      window.$crisp = window.$crisp || [];
      window.CRISP_WEBSITE_ID = chat.ids.website_id;
      window.CRISP_RUNTIME_CONFIG = { locale: chat.language };
      if (chat.position === "left") window.$crisp.push(["config", "position:reverse", [true]]);
    },
    open() {
      window.$crisp.push(["do", "chat:open"]);
    },
  },
  tawk: {
    prepare(chat) {
      const corner = chat.position === "left" ? "bl" : "br";
      window.Tawk_API = window.Tawk_API || {};
      window.Tawk_LoadStart = new Date();
      window.Tawk_API.customStyle = { visibility: { desktop: { position: corner }, mobile: { position: corner } } };
    },
    open() {
      if (window.Tawk_API.maximize) window.Tawk_API.maximize();
      else window.Tawk_API.onLoad = () => window.Tawk_API.maximize();
    },
  },
  zendesk: {
    scriptId: "ze-snippet", // Zendesk's snippet looks itself up by this id
    open(chat) {
      window.zE?.("messenger:set", "locale", chat.language);
      window.zE?.("messenger", "open");
    },
  },
  chatwoot: {
    prepare(chat) {
      window.chatwootSettings = { position: chat.position, locale: chat.language, type: "standard" };
    },
    loaded(chat) {
      window.chatwootSDK.run({ websiteToken: chat.ids.website_token, baseUrl: chat.ids.base_url });
    },
    open() {
      if (window.$chatwoot) window.$chatwoot.toggle("open");
      else window.addEventListener("chatwoot:ready", () => window.$chatwoot.toggle("open"), { once: true });
    },
  },
  hubspot: {
    scriptId: "hs-script-loader",
    prepare() {
      window.hsConversationsSettings = { loadImmediately: true };
    },
    open() {
      if (window.HubSpotConversations?.widget) window.HubSpotConversations.widget.open();
      else (window.hsConversationsOnReady = window.hsConversationsOnReady || []).push(() => window.HubSpotConversations.widget.open());
    },
  },
  custom: {
    open() {
      window.dispatchEvent(new CustomEvent("helpcenter:chat-open"));
    },
  },
};

let loading = null;

function loadVendor(chat) {
  if (!loading) {
    const provider = PROVIDERS[chat.provider];
    provider.prepare?.(chat);
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = chat.script;
      script.async = true;
      if (provider.scriptId) script.id = provider.scriptId;
      script.onload = () => {
        try {
          provider.loaded?.(chat);
          resolve(provider);
        } catch (error) {
          reject(error);
        }
      };
      script.onerror = () => reject(new Error(`could not load ${chat.script}`));
      document.head.append(script);
    });
    loading.catch(() => { loading = null; }); // a later click may retry
  }
  return loading;
}

export function start() {
  const launcher = document.getElementById("hc-chat-launcher");
  if (!launcher) return;
  const chat = JSON.parse(launcher.dataset.chat);
  const hours = launcher.dataset.hours ? JSON.parse(launcher.dataset.hours) : null;
  const text = strings();
  const panel = document.getElementById("hc-chat-panel");
  const label = launcher.querySelector(".hc-chat-launcher__label");
  const message = panel.querySelector(".hc-chat-panel__message");
  const open = () => !hours || isOpen(hours, Date.now());

  const showPanel = (content) => {
    message.textContent = content;
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    panel.querySelector("a")?.focus();
  };
  const hidePanel = () => {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
  };

  launcher.addEventListener("click", async () => {
    if (!panel.hidden) return hidePanel();
    if (!open() && chat.offline === "contact_form") {
      const { reopen } = statusText(hours, Date.now(), { strings: text });
      return showPanel(reopen ? text.chatOffline(reopen) : text.closed);
    }
    launcher.setAttribute("aria-busy", "true");
    label.textContent = text.chatLoading;
    try {
      const provider = await loadVendor(chat);
      provider.open(chat);
      launcher.setAttribute("aria-expanded", "true");
      // The vendor's own launcher takes over from here.
      launcher.hidden = true;
      document.documentElement.classList.add("hc-chat-vendor-open");
    } catch {
      showPanel(text.chatFailed);
    } finally {
      launcher.removeAttribute("aria-busy");
      label.textContent = text.chat;
    }
  });
  panel.querySelector(".hc-chat-panel__close").addEventListener("click", () => {
    hidePanel();
    launcher.focus();
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hidePanel();
      launcher.focus();
    }
  });

  // Outside hours the launcher says so before anyone clicks.
  const refresh = () => {
    const available = open();
    launcher.classList.toggle("hc-chat-launcher--offline", !available);
    label.textContent = available || chat.offline === "vendor" ? text.chat : `${text.chat} (${text.closed.toLowerCase()})`;
  };
  refresh();
  setInterval(refresh, 60_000);
  launcher.hidden = false;

  if (chat.load === "idle" && open()) {
    const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 2000));
    idle(() => loadVendor(chat).catch(() => {}));
  }
}
