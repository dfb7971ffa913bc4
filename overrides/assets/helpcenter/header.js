// What the header does with a script: search boxes answer in the browser, a phone's search
// button unfolds the header's box, and the menu button works from the keyboard. Without a
// script each of these still leads somewhere (the search function, the search page, the
// links of the page itself).

/** Search boxes go to the search page, which answers in the browser with the cached index. */
export function searchInTheBrowser() {
  for (const form of document.querySelectorAll("form[data-results-page]")) {
    form.action = form.dataset.resultsPage;
    form.querySelector('input[type="hidden"][name="lang"]')?.remove();
  }
}

/**
 * On a phone the header's search box is folded into a button (a link to the search page
 * without a script): the button unfolds it over the header, Escape or Close folds it back.
 */
export function foldingSearch() {
  const open = document.querySelector(".hc-header-search-open");
  const form = document.getElementById("hc-header-search");
  if (!open || !form) return;
  const input = form.querySelector("input[type=search]");
  const close = form.querySelector(".hc-header-search-close");
  const header = form.closest(".md-header");
  open.setAttribute("role", "button");
  open.setAttribute("aria-expanded", "false");
  open.setAttribute("aria-controls", form.id);
  close.hidden = false;

  const unfold = () => {
    header.classList.add("hc-header--searching");
    open.setAttribute("aria-expanded", "true");
    input.focus();
  };
  const fold = () => {
    if (!header.classList.contains("hc-header--searching")) return;
    header.classList.remove("hc-header--searching");
    open.setAttribute("aria-expanded", "false");
    open.focus();
  };
  open.addEventListener("click", (event) => {
    event.preventDefault();
    unfold();
  });
  open.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      unfold();
    }
  });
  close.addEventListener("click", fold);
  form.addEventListener("keydown", (event) => {
    // The drop-down's own Escapes come first (closing the list, then clearing the box): one
    // it leaves alone folds the box.
    if (event.key === "Escape" && !event.defaultPrevented) fold();
  });
  // The unfolded box covers the header: focus leaving it (Tab, Shift+Tab) folds it, so
  // nothing with focus is ever hidden under it.
  form.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !form.contains(event.relatedTarget)) {
      header.classList.remove("hc-header--searching");
      open.setAttribute("aria-expanded", "false");
    }
  });
  // A wider window shows the box in the header itself.
  matchMedia("(min-width: 45em)").addEventListener("change", (event) => {
    if (event.matches) {
      header.classList.remove("hc-header--searching");
      open.setAttribute("aria-expanded", "false");
    }
  });
}

/**
 * Material's menu button is a <label> for a hidden checkbox: a mouse or finger can use it,
 * a keyboard cannot reach it. Make it a button; the drawer takes focus when it opens and
 * gives it back on Escape.
 */
export function keyboardMenu() {
  const drawer = document.getElementById("__drawer");
  const button = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (!drawer || !button) return;
  const navigation = document.querySelector(".md-sidebar--primary nav");
  navigation?.setAttribute("tabindex", "-1");
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  const sync = () => button.setAttribute("aria-expanded", String(drawer.checked));
  sync();
  drawer.addEventListener("change", () => {
    sync();
    if (drawer.checked && navigation) {
      // The drawer itself takes focus, not its first link: the key that opened it must not
      // follow that link. Tab goes on to the links (visible now: helpcenter.css hides them
      // while the drawer is closed).
      requestAnimationFrame(() => navigation.focus());
    }
  });
  // Some browsers follow a key on a role="button" with a click of their own, which would
  // toggle the drawer a second time: the key's own toggle is the only one.
  let byKey = false;
  button.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      byKey = true;
      drawer.click();
    }
  });
  // The key's release may land elsewhere (the drawer takes focus): any release, or a press of
  // the pointer, ends it.
  document.addEventListener("keyup", () => { byKey = false; }, true);
  document.addEventListener("pointerdown", () => { byKey = false; }, true);
  button.addEventListener("click", (event) => {
    if (byKey) event.preventDefault();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.checked) {
      drawer.click();
      button.focus();
    }
  });
}
