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

// Each vendor's widget replaces our launcher while it is open (it has its own close button),
// and ours comes back when it closes: `watch` registers, once and the way the vendor documents
// it, `events.opened` and `events.closed` on the vendor's own open and close events. Where a
// vendor announces that it opened (announcesOpen), ours hides only then, so a widget that
// never opens (or a vendor version without the events) leaves ours in place, never a dead end.
const PROVIDERS = {
  intercom: {
    announcesOpen: true,
    prepare(chat) {
      window.intercomSettings = { api_base: "https://api-iam.intercom.io", app_id: chat.ids.app_id,
        alignment: chat.position, horizontal_padding: 20, vertical_padding: 20, language_override: chat.language };
      if (!window.Intercom) {
        const queue = (...args) => queue.q.push(args);
        queue.q = [];
        window.Intercom = queue;
      }
    },
    watch(events) { // queued by the stub until the Messenger loads
      window.Intercom("onShow", events.opened);
      window.Intercom("onHide", events.closed);
    },
    open() {
      window.Intercom("show");
    },
  },
  crisp: {
    announcesOpen: true,
    prepare(chat) {
      window.$crisp = window.$crisp || [];
      window.CRISP_WEBSITE_ID = chat.ids.website_id;
      window.CRISP_RUNTIME_CONFIG = { locale: chat.language };
      if (chat.position === "left") window.$crisp.push(["config", "position:reverse", [true]]);
    },
    watch(events) {
      window.$crisp.push(["on", "chat:opened", events.opened]);
      window.$crisp.push(["on", "chat:closed", events.closed]);
    },
    open() {
      window.$crisp.push(["do", "chat:open"]);
    },
  },
  tawk: {
    announcesOpen: true,
    prepare(chat) {
      const corner = chat.position === "left" ? "bl" : "br";
      window.Tawk_API = window.Tawk_API || {};
      window.Tawk_LoadStart = new Date();
      window.Tawk_API.customStyle = { visibility: { desktop: { position: corner }, mobile: { position: corner } } };
    },
    watch(events) { // minimized back to its bubble, or hidden altogether
      window.Tawk_API.onChatMaximized = events.opened;
      window.Tawk_API.onChatMinimized = events.closed;
      window.Tawk_API.onChatHidden = events.closed;
    },
    open() {
      const api = window.Tawk_API;
      const maximize = () => {
        if (api.isChatHidden?.()) api.showWidget();
        api.maximize();
      };
      if (api.maximize) maximize();
      else api.onLoad = maximize;
    },
  },
  zendesk: {
    announcesOpen: true,
    scriptId: "ze-snippet", // Zendesk's snippet looks itself up by this id
    loaded(chat, events) { // zE exists once the snippet has run
      window.zE?.("messenger:on", "open", events.opened);
      window.zE?.("messenger:on", "close", events.closed);
    },
    open(chat) {
      window.zE?.("messenger:set", "locale", chat.language);
      window.zE?.("messenger", "open");
    },
  },
  chatwoot: {
    announcesOpen: true,
    prepare(chat) {
      window.chatwootSettings = { position: chat.position, locale: chat.language, type: "standard" };
    },
    watch(events) { // window events since Chatwoot 4.2; an older server sends neither, and ours stays
      window.addEventListener("chatwoot:opened", events.opened);
      window.addEventListener("chatwoot:closed", events.closed);
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
    watch(events) { // HubSpot has no "opened" event: ours hides when we open it
      (window.hsConversationsOnReady = window.hsConversationsOnReady || [])
        .push(() => window.HubSpotConversations.on("widgetClosed", events.closed));
    },
    open() {
      if (window.HubSpotConversations?.widget) window.HubSpotConversations.widget.open();
      else (window.hsConversationsOnReady = window.hsConversationsOnReady || []).push(() => window.HubSpotConversations.widget.open());
    },
  },
  // The site's own script, told by an event. It shows its chat beside our launcher (the
  // sample's demo uses our panel); it may dispatch "helpcenter:chat-closed" when its chat closes.
  custom: {
    keepsLauncher: true,
    watch(events) {
      window.addEventListener("helpcenter:chat-closed", events.closed);
    },
    open() {
      window.dispatchEvent(new CustomEvent("helpcenter:chat-open"));
    },
  },
};

let loading = null;

function loadVendor(chat, events) {
  if (!loading) {
    const provider = PROVIDERS[chat.provider];
    provider.prepare?.(chat);
    provider.watch?.(events);
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = chat.script;
      script.async = true;
      if (provider.scriptId) script.id = provider.scriptId;
      script.onload = () => {
        try {
          provider.loaded?.(chat, events);
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

  // The vendor's widget, opened and closed (by us, by the reader in it, or by the vendor).
  const provider = PROVIDERS[chat.provider];
  let handedOver = false; // the reader opened the vendor's chat with our launcher
  const vendorOpened = () => {
    launcher.setAttribute("aria-expanded", "true");
    if (provider.keepsLauncher) return;
    launcher.hidden = true;
    document.documentElement.classList.add("hc-chat-vendor-open");
  };
  const vendorClosed = () => {
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    document.documentElement.classList.remove("hc-chat-vendor-open");
    // Focus left with the vendor's widget (on the page body, or in its frame now gone): back
    // to the launcher that opened it. Focus the vendor put somewhere itself stays there.
    const focused = document.activeElement;
    if (handedOver && (!focused || focused === document.body || !focused.getClientRects().length)) launcher.focus();
    handedOver = false;
  };
  const events = { opened: vendorOpened, closed: vendorClosed };

  launcher.addEventListener("click", async () => {
    if (!panel.hidden) return hidePanel();
    if (!open() && chat.offline === "contact_form") {
      const { reopen } = statusText(hours, Date.now(), { strings: text });
      return showPanel(reopen ? text("chat_offline", { reopen }) : text("closed"));
    }
    launcher.setAttribute("aria-busy", "true");
    label.textContent = text("chat_loading");
    try {
      await loadVendor(chat, events);
      handedOver = true;
      provider.open(chat);
      if (!provider.announcesOpen) vendorOpened();
    } catch {
      showPanel(text("chat_failed"));
    } finally {
      launcher.removeAttribute("aria-busy");
      label.textContent = text("chat");
    }
  });
  // Our panel (off hours, a failed load, the sample's demo chat) closes back to the launcher.
  panel.querySelector(".hc-chat-panel__close").addEventListener("click", () => {
    hidePanel();
    launcher.focus();
  });
  panel.parentElement.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      hidePanel();
      launcher.focus();
    }
  });

  // Outside hours the launcher says so before anyone clicks.
  const refresh = () => {
    const available = open();
    launcher.classList.toggle("hc-chat-launcher--offline", !available);
    label.textContent = available || chat.offline === "vendor" ? text("chat") : text("chat_closed");
  };
  refresh();
  setInterval(refresh, 60_000);
  launcher.hidden = false;

  if (chat.load === "idle" && open()) {
    const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 2000));
    idle(() => loadVendor(chat, events).catch(() => {}));
  }
}
