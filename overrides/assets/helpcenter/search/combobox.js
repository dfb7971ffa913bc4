// The search box as an ARIA combobox (WAI-ARIA APG "list autocomplete" pattern): results
// appear in a listbox as the reader types; arrow keys move, Enter opens, Escape closes, and
// the number of results is announced. Without JavaScript the box is a plain form that
// submits to the search function (header.js points it at the search page once scripts run).

import { FULL_TEXT } from "./engine.js";
import { getEngine, searchConfig } from "./load.js";
import { noteOutcome, resultContent, resultLink } from "./render.js";
import { strings } from "../strings.js";

const DEBOUNCE_MS = 60;
const LIMIT = 6;
let counter = 0;

export function enhance(input) {
  if (input.dataset.hcCombobox) return;
  input.dataset.hcCombobox = "on";
  const config = searchConfig();
  const text = strings();
  const id = `hc-listbox-${++counter}`;
  const form = input.form;
  const listbox = document.createElement("ul");
  listbox.id = id;
  listbox.className = "hc-results";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", input.labels?.[0]?.textContent.trim() || "Search results");
  listbox.hidden = true;
  // Busy from a keystroke until the answer to the words typed last is shown: results that
  // arrive for words typed earlier may still be replaced (and with them a highlighted option).
  listbox.setAttribute("aria-busy", "false");
  const status = document.createElement("div");
  status.className = "md-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  (form || input.parentElement).append(listbox, status);
  (form || input.parentElement).classList.add("hc-combobox");

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id);

  let active = -1;
  let timer = 0;
  let scheduled = false; // a search waits for the typing to pause
  let generation = 0;
  let dismissed = false; // closed by the reader: answers still update it, hidden, until they type
  const settle = (mine) => {
    if (mine === generation && !scheduled) listbox.setAttribute("aria-busy", "false");
  };

  const options = () => [...listbox.querySelectorAll('[role="option"]')];
  const open = () => {
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  // The reader closed the list (Escape, Tab, focus elsewhere): an answer still on its way,
  // or the full-text pass that follows one, updates it without opening it, so that ArrowDown
  // reopens it on the answer to what is in the box.
  const dismiss = () => {
    dismissed = true;
    close();
  };
  // The reader cleared the box: nothing still on its way may fill the list again.
  const cancel = () => {
    generation++;
    clearTimeout(timer);
    scheduled = false;
    listbox.setAttribute("aria-busy", "false");
    close();
    listbox.replaceChildren();
    status.textContent = "";
  };
  const reopen = () => {
    dismissed = false;
    open();
  };
  // Show an answer and announce it, unless the reader closed the list: then it only waits
  // there for ArrowDown.
  const show = (announcement) => {
    if (dismissed) return;
    status.textContent = announcement;
    open();
  };
  const activate = (index) => {
    const all = options();
    if (!all.length) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  };

  // Each option is the link itself (an option holding a link would nest interactive
  // elements); its list item is presentational.
  const option = (content, href, extraClass) => {
    const item = document.createElement("li");
    item.setAttribute("role", "none");
    item.className = `hc-result ${extraClass || ""}`.trim();
    const link = document.createElement("a");
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    link.id = `${id}-${listbox.children.length}`;
    link.href = href;
    link.tabIndex = -1;
    link.append(content);
    item.append(link);
    listbox.append(item);
    return link;
  };

  async function run(query) {
    const mine = ++generation;
    const trimmed = query.trim();
    if (trimmed.length < 2) {
      close();
      listbox.replaceChildren();
      status.textContent = "";
      settle(mine);
      return;
    }
    let found; // the first answer
    try {
      const engine = await getEngine();
      found = await engine.search(query, { limit: LIMIT, typos: "if-none" });
      if (mine !== generation) return; // the reader typed on
      const refs = found.results.map((r) => r.ref);
      // Titles at hand show at once; snippets follow when their display data arrives.
      const quick = engine.documentsAtHand(await engine.ready(), refs);
      if (quick) {
        render(engine, found, quick, trimmed);
        settle(mine); // the snippets that may follow change no option
      }
      if (!quick || quick.some((doc) => doc.partial)) {
        const docs = await engine.documents(refs);
        if (mine !== generation || (quick && active >= 0)) return;
        render(engine, found, docs, trimmed);
        settle(mine);
      }
    } catch (error) {
      if (mine !== generation) return;
      console.warn("search:", error.message);
      listbox.replaceChildren();
      option(document.createTextNode(text("error")), config.contactUrl, "hc-result--empty");
      show(text("error"));
      settle(mine);
      return;
    }
    // Then the full text, fetched once the first answer is painted (not in the same task,
    // where its downloads and parsing would hold up that paint): it may find more. If it
    // cannot be had (the network dropped), the first answer stays.
    try {
      await afterPaint();
      if (mine !== generation) return;
      const engine = await getEngine();
      const full = await engine.search(query, { limit: LIMIT, tiers: FULL_TEXT });
      if (mine === generation) noteOutcome(trimmed, full.total);
      if (mine !== generation || active >= 0) return; // typed on, or already navigating
      const same = (a, b) => a.results.map((r) => r.ref).join() === b.results.map((r) => r.ref).join();
      if (same(full, found) && full.total === found.total) return;
      const fullDocs = await engine.documents(full.results.map((r) => r.ref));
      if (mine === generation && active < 0) render(engine, full, fullDocs, trimmed);
    } catch (error) {
      if (mine === generation) console.warn("search (full text):", error.message);
    }
  }

  function render(engine, found, docs, query) {
    listbox.replaceChildren();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    const root = config.root;
    for (const doc of docs) {
      const { href, section } = resultLink(engine, doc, found.words, root);
      option(resultContent(engine, doc, found.words, section, { strings: text }), href);
    }
    const seeAll = new URL(config.searchUrl);
    seeAll.searchParams.set("q", query);
    let announcement;
    if (docs.length) {
      option(document.createTextNode(text("see_all", { query })), seeAll.href, "hc-result--all");
      announcement = text("results", { count: found.total });
    } else {
      // The whole option is the link to the contact page: "contact us" is its text here.
      const empty = document.createDocumentFragment();
      const strong = document.createElement("strong");
      strong.textContent = text("no_results", { query });
      const help = text("no_results_help", { contact: text("contact_link") });
      empty.append(strong, ` ${help}`);
      option(empty, config.contactUrl, "hc-result--empty");
      announcement = `${text("no_results", { query })} ${help}`;
    }
    show(announcement);
  }

  input.addEventListener("focus", () => getEngine().then((e) => e.ready()).catch(() => {}));
  // The first keystroke after a pause searches at once; keystrokes that follow within
  // DEBOUNCE_MS wait for the typing to pause.
  let last = 0;
  input.addEventListener("input", () => {
    dismissed = false;
    clearTimeout(timer);
    scheduled = false;
    listbox.setAttribute("aria-busy", "true");
    const now = performance.now();
    if (now - last > DEBOUNCE_MS) run(input.value);
    else {
      scheduled = true;
      timer = setTimeout(() => {
        scheduled = false;
        run(input.value);
      }, DEBOUNCE_MS);
    }
    last = now;
  });
  input.addEventListener("keydown", (event) => {
    const expanded = !listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!expanded && options().length) reopen();
        activate(active + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!expanded && options().length) reopen();
        activate(active < 0 ? -1 : active - 1);
        break;
      case "Enter":
        if (expanded && active >= 0) {
          event.preventDefault();
          location.assign(options()[active].href);
        }
        break;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          dismiss();
        } else if (input.value) {
          event.preventDefault();
          cancel();
          input.value = "";
        }
        break;
      case "Tab":
        dismiss();
        break;
      default:
    }
  });
  // Keep the list open while the pointer is on it; close when focus leaves the box.
  listbox.addEventListener("mousedown", (event) => event.preventDefault());
  input.addEventListener("blur", () => setTimeout(() => {
    if (document.activeElement !== input) dismiss();
  }, 150));
  if (document.activeElement === input && input.value.trim()) run(input.value);
}

/** Resolves after the next frame is painted (or soon, in a tab that does not paint). */
function afterPaint() {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => {
      clearTimeout(fallback);
      resolve();
    }, 0));
  });
}
