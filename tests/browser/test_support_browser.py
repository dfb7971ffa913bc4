"""Hours, plans and the chat launcher in real Chromium, with a fixed clock and the reader in
other time zones. Each chat vendor's script is answered by a stand-in on loopback (Playwright
fulfils the vendor URL locally), so nothing leaves the machine; the page's CSP, written by the
build from the chat config, must still let that vendor's host through."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT, run_build_py, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OPEN = "2026-11-27T15:00:00Z"  # Friday 10:00 in New York
CLOSED = "2026-11-28T23:30:00Z"  # Saturday 18:30 in New York; reopens Sunday 9:00 (14:00Z)

PROVIDERS = {
    "intercom": ("app_id: vd4x9k2p", "https://widget.intercom.io/widget/vd4x9k2p"),
    "crisp": ("website_id: 1c2f3e4d-0000-4000-8000-123456789abc", "https://client.crisp.chat/l.js"),
    "tawk": ("property_id: 64f0a1b2c3d4e5f6a7b8c9d0\n        widget_id: 1h9abc123",
             "https://embed.tawk.to/64f0a1b2c3d4e5f6a7b8c9d0/1h9abc123"),
    "zendesk": ("key: 0a1b2c3d-4e5f-6789-abcd-ef0123456789",
                "https://static.zdassets.com/ekr/snippet.js?key=0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
    "chatwoot": ("base_url: https://chat.villadesk.example\n        website_token: Tk7pQ2xY",
                 "https://chat.villadesk.example/packs/js/sdk.js"),
    "hubspot": ("hub_id: '4912345'", "https://js.hs-scripts.com/4912345.js"),
    "custom": ("script: https://widgets.villadesk.example/chat.js", "https://widgets.villadesk.example/chat.js"),
}
# What each stand-in does, like the vendor's script: records that it ran and what the launcher
# called, and answers with the vendor's documented API: how the launcher opens the chat, and
# the open and close events, registered the way the vendor documents and fired as its widget
# opens and closes (closing it through the vendor's API, as its own close button does).
STAND_IN = """
window.__standIn = {src: document.currentScript && document.currentScript.src,
                    id: document.currentScript && document.currentScript.id, calls: [], open: false};
window.__record = (...args) => window.__standIn.calls.push(args.map((a) => typeof a === "function" ? "fn" : a));
"""
VENDOR_APIS = {
    # The Messenger replaces the page's queueing Intercom stub and runs what was queued:
    # Intercom('onShow', fn), Intercom('onHide', fn), Intercom('show'), Intercom('hide').
    "intercom": """{
  const queued = (window.Intercom && window.Intercom.q) || [];
  const listeners = {onShow: [], onHide: []};
  const state = window.__standIn;
  window.Intercom = (command, ...args) => {
    __record(command, ...args);
    if (command in listeners) listeners[command].push(args[0]);
    else if (command === "show" && !state.open) { state.open = true; listeners.onShow.forEach((f) => f()); }
    else if (command === "hide" && state.open) { state.open = false; listeners.onHide.forEach((f) => f()); }
  };
  queued.forEach((args) => window.Intercom(...args));
}""",
    # l.js takes over the page's $crisp array: what was pushed before and each push after;
    # ["on", "chat:opened" | "chat:closed", fn], ["do", "chat:open" | "chat:close"].
    "crisp": """{
  const crisp = window.$crisp;
  const listeners = {};
  const state = window.__standIn;
  const emit = (event) => (listeners[event] || []).forEach((f) => f());
  const run = ([verb, name, value]) => {
    if (verb === "on") (listeners[name] = listeners[name] || []).push(value);
    else if (verb === "do" && name === "chat:open" && !state.open) { state.open = true; emit("chat:opened"); }
    else if (verb === "do" && name === "chat:close" && state.open) { state.open = false; emit("chat:closed"); }
  };
  crisp.forEach(run);
  crisp.push = (...items) => { Array.prototype.push.apply(crisp, items); items.forEach(run); return crisp.length; };
}""",
    # The embed adds its methods to the page's Tawk_API once the widget is rendered, then calls
    # Tawk_API.onLoad; it calls Tawk_API.onChatMaximized / onChatMinimized / onChatHidden.
    "tawk": """{
  const api = window.Tawk_API;
  let state = "minimized";
  const become = (next, callback) => {
    if (state === next) return;
    state = next;
    window.__standIn.open = state === "maximized";
    if (typeof api[callback] === "function") api[callback]();
  };
  setTimeout(() => {
    Object.assign(api, {
      maximize: () => { __record("maximize"); if (state !== "hidden") become("maximized", "onChatMaximized"); },
      minimize: () => { if (state !== "hidden") become("minimized", "onChatMinimized"); },
      hideWidget: () => become("hidden", "onChatHidden"),
      showWidget: () => { __record("showWidget"); if (state === "hidden") state = "minimized"; },
      isChatHidden: () => state === "hidden",
    });
    if (typeof api.onLoad === "function") api.onLoad();
  }, 50);
}""",
    # The snippet defines zE: zE('messenger:on', 'open' | 'close', fn), zE('messenger', 'open' | 'close').
    "zendesk": """{
  const listeners = {open: [], close: []};
  const state = window.__standIn;
  window.zE = (api, command, ...args) => {
    __record(api, command, ...args);
    if (api === "messenger:on") {
      listeners[command].push(args[0]);
      return () => { listeners[command] = listeners[command].filter((f) => f !== args[0]); };
    }
    if (api !== "messenger" || !(command in listeners) || (command === "open") === state.open) return;
    state.open = command === "open";
    listeners[command].forEach((f) => f({type: state.open ? "messagingOpened" : "messagingClosed"}));
  };
}""",
    # sdk.js: chatwootSDK.run() makes $chatwoot and the bubble; toggle() dispatches
    # "chatwoot:opened" / "chatwoot:closed" on window, and closing focuses Chatwoot's own bubble.
    "chatwoot": """{
  window.chatwootSDK = {run: (options) => {
    window.__standIn.run = options;
    const bubble = document.createElement("button");
    bubble.className = "woot-widget-bubble";
    bubble.textContent = "Chatwoot";
    document.body.append(bubble);
    window.$chatwoot = {isOpen: false, toggle(state) {
      __record("toggle", state);
      const next = state === undefined ? !this.isOpen : state === "open";
      if (next === this.isOpen) return;
      this.isOpen = window.__standIn.open = next;
      bubble.hidden = next;
      window.dispatchEvent(new CustomEvent(next ? "chatwoot:opened" : "chatwoot:closed"));
      if (!next) bubble.focus();
    }};
    setTimeout(() => window.dispatchEvent(new CustomEvent("chatwoot:ready")), 50);
  }};
}""",
    # The loader makes HubSpotConversations when ready and runs window.hsConversationsOnReady:
    # HubSpotConversations.on('widgetClosed', fn), .widget.open(), .widget.close().
    "hubspot": """{
  const listeners = {};
  const state = window.__standIn;
  setTimeout(() => {
    window.HubSpotConversations = {
      on: (event, f) => { __record("on", event, f); (listeners[event] = listeners[event] || []).push(f); },
      off: (event, f) => { listeners[event] = (listeners[event] || []).filter((g) => g !== f); },
      widget: {
        open: () => { __record("widget.open"); state.open = true; },
        close: () => {
          if (!state.open) return;
          state.open = false;
          (listeners.widgetClosed || []).forEach((f) => f({message: "widgetClosed"}));
        },
        status: () => ({loaded: true}),
      },
    };
    (window.hsConversationsOnReady || []).forEach((f) => f());
  }, 50);
}""",
    # A site's own chat script: told by "helpcenter:chat-open", says "helpcenter:chat-closed".
    "custom": """
window.addEventListener("helpcenter:chat-open", () => { __record("custom-open"); window.__standIn.open = true; });
""",
}
# The vendor closing its widget (as its close button does), through its documented API.
CLOSES = [
    pytest.param("intercom", "Intercom('hide')", id="intercom-onHide"),
    pytest.param("crisp", "$crisp.push(['do', 'chat:close'])", id="crisp-chat:closed"),
    pytest.param("tawk", "Tawk_API.minimize()", id="tawk-onChatMinimized"),
    pytest.param("tawk", "Tawk_API.hideWidget()", id="tawk-onChatHidden"),
    pytest.param("zendesk", "zE('messenger', 'close')", id="zendesk-messenger:on-close"),
    pytest.param("chatwoot", "$chatwoot.toggle('close')", id="chatwoot-chatwoot:closed"),
    pytest.param("hubspot", "HubSpotConversations.widget.close()", id="hubspot-widgetClosed"),
    pytest.param("custom", "__standIn.open = false, window.dispatchEvent(new CustomEvent('helpcenter:chat-closed'))",
                 id="custom-helpcenter:chat-closed"),
]


def stand_in(provider: str) -> str:
    return STAND_IN + VENDOR_APIS[provider]


def fake_vendor(page, provider: str) -> None:
    page.route(PROVIDERS[provider][1], lambda route: route.fulfill(
        status=200, content_type="text/javascript", body=stand_in(provider)))


def build_site(tmp: Path, chat_yaml: str) -> Path:
    text = (ROOT / "mkdocs.yml").read_text()
    start, end = text.index("      chat:\n"), text.index("\nmarkdown_extensions:")
    text = text[:start] + chat_yaml + text[end:]
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = tmp / "mkdocs.yml"
    config.write_text(text)
    site = tmp / "site"
    result = run_build_py("build", "-f", str(config), "--docs-dir", str(ROOT / "docs" / "en"), "--strict",
                          "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-2000:]
    return site


@pytest.fixture(scope="module")
def provider_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    servers = {}
    for name, (ids, _) in PROVIDERS.items():
        site = build_site(tmp_path_factory.mktemp(name), f"      chat:\n        provider: {name}\n        {ids}\n")
        servers[name] = serve(site)
    yield {name: next(generator) for name, generator in servers.items()}
    for generator in servers.values():
        next(generator, None)


def page_at(browser, instant: str, timezone: str = "America/New_York", **options):
    context = browser.new_context(timezone_id=timezone, viewport={"width": 1280, "height": 800}, **options)
    page = context.new_page()
    page.clock.set_fixed_time(instant)
    return context, page


def tab_to_launcher(page) -> None:
    """With the keyboard only: the launcher is the last stop of the tab order."""
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
        if focused(page) == "#hc-chat-launcher":
            return
    raise AssertionError(f"the launcher is not the last tab stop: {focused(page)}")


def focused(page) -> str:
    return page.evaluate("""() => { const e = document.activeElement;
        return !e || e === document.body ? "body" : e.id ? `#${e.id}` : `.${e.classList[0]}`; }""")


def test_the_browser_answers_open_and_next_opening_at_the_edges(browser, site_url) -> None:
    fixture = json.loads((ROOT / "tests/js/fixtures/support-hours.json").read_text(encoding="utf-8"))
    context, page = page_at(browser, OPEN)
    page.goto(site_url)
    answers = page.evaluate("""async ([hours, instants]) => {
        const module = await import("/assets/helpcenter/support/hours.js");
        return instants.map((i) => { const t = Date.parse(i.at);
          return [module.isOpen(hours, t), new Date(module.nextOpening(hours, t)).toISOString()]; });
    }""", [fixture["schedule"], fixture["instants"]])
    expected = [[i["open"], i["next_opening"].replace("Z", ".000Z")] for i in fixture["instants"]]
    assert answers == expected
    context.close()


@pytest.mark.parametrize(("instant", "timezone", "text"), [
    (OPEN, "Asia/Tokyo", "Open now"),
    (CLOSED, "Asia/Tokyo", "Closed, we reopen today at 11:00 PM (GMT+9)"),
    (CLOSED, "Europe/Madrid", "Closed, we reopen today at 3:00 PM (GMT+1)"),
    (CLOSED, "America/New_York", "Closed, we reopen Sunday at 9:00 AM (EST)"),
    ("2026-12-25T15:00:00Z", "Europe/Madrid", "Closed, we reopen Saturday at 3:00 PM (GMT+1)"),  # Christmas
    ("2026-03-08T06:30:00Z", "Europe/Madrid", "Closed, we reopen today at 2:00 PM (GMT+1)"),  # New York's DST day
])
def test_hours_status_in_the_readers_time_zone(browser, site_url, instant, timezone, text) -> None:
    context, page = page_at(browser, instant, timezone)
    page.goto(site_url + "get-help/")
    status = page.locator(".hc-hours-status")
    status.wait_for()
    assert status.inner_text() == text
    # Without script, the schedule itself is there.
    assert "Saturday and Sunday: 9:00 to 17:00 (New York time)" in page.inner_text(".hc-hours__schedule")
    context.close()


@pytest.mark.parametrize("provider", list(PROVIDERS))
def test_each_vendor_loads_only_after_the_click_at_the_left_with_its_ids(browser, provider_sites, provider) -> None:
    url = provider_sites[provider]
    script = PROVIDERS[provider][1]
    context, page = page_at(browser, OPEN)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    fake_vendor(page, provider)
    response = page.goto(url)
    csp = response.headers["content-security-policy"]
    host = script.split("/")[2]
    assert f"https://{host}" in csp or f"https://*.{host.split('.', 1)[1]}" in csp
    others = [h for name, (_, s) in PROVIDERS.items() if name != provider for h in [s.split("/")[2]]
              if h.split(".")[-2] != host.split(".")[-2]]
    assert not [h for h in others if h in csp], "only the chosen vendor's hosts"

    launcher = page.locator("#hc-chat-launcher")
    launcher.wait_for()
    page.wait_for_load_state("networkidle")
    assert not [r for r in requests if not r.startswith(url)], "no third-party request before the click"
    box = launcher.bounding_box()
    assert box["x"] < 40 and box["y"] + box["height"] > 800 - 40  # bottom left
    assert box["width"] >= 24 and box["height"] >= 24
    assert launcher.get_attribute("aria-expanded") == "false"
    tab_to_launcher(page)  # keyboard reachable
    page.keyboard.press("Enter")
    stand_in = None
    for _ in range(100):
        stand_in = page.evaluate("window.__standIn")
        if stand_in:
            break
        page.wait_for_timeout(50)
    assert stand_in and stand_in["src"] == script, blocked
    assert blocked == []
    window = page.evaluate("""() => ({
        intercom: window.intercomSettings, crisp: window.$crisp, crispId: window.CRISP_WEBSITE_ID,
        crispConfig: window.CRISP_RUNTIME_CONFIG, tawk: window.Tawk_API && window.Tawk_API.customStyle,
        chatwoot: window.chatwootSettings, hubspot: window.hsConversationsSettings})""")
    if provider == "intercom":
        assert window["intercom"]["app_id"] == "vd4x9k2p" and window["intercom"]["alignment"] == "left"
        assert window["intercom"]["language_override"] == "en"
    elif provider == "crisp":
        assert window["crispId"] == "1c2f3e4d-0000-4000-8000-123456789abc"
        assert ["config", "position:reverse", [True]] in window["crisp"] and ["do", "chat:open"] in window["crisp"]
        assert window["crispConfig"] == {"locale": "en"}
    elif provider == "tawk":
        assert window["tawk"]["visibility"]["desktop"]["position"] == "bl"
    elif provider == "zendesk":
        assert stand_in["id"] == "ze-snippet" and ["messenger", "open"] in stand_in["calls"]
        assert ["messenger:set", "locale", "en"] in stand_in["calls"]
    elif provider == "chatwoot":
        assert stand_in["run"] == {"websiteToken": "Tk7pQ2xY", "baseUrl": "https://chat.villadesk.example"}
        assert window["chatwoot"]["position"] == "left" and ["toggle", "open"] in stand_in["calls"]
    elif provider == "hubspot":
        assert stand_in["id"] == "hs-script-loader" and window["hubspot"] == {"loadImmediately": True}
    else:
        assert ["custom-open"] in stand_in["calls"]
    context.close()


def test_off_hours_the_launcher_says_so_and_offers_the_form(browser, provider_sites) -> None:
    context, page = page_at(browser, CLOSED, "Europe/Madrid")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(provider_sites["crisp"])
    launcher = page.locator("#hc-chat-launcher")
    launcher.wait_for()
    assert "closed" in launcher.inner_text().lower()
    launcher.click()
    panel = page.locator("#hc-chat-panel")
    panel.wait_for()
    assert "offline" in panel.inner_text() and "3:00 PM" in panel.inner_text()
    assert launcher.get_attribute("aria-expanded") == "true"
    assert panel.get_by_role("link").get_attribute("href").endswith("contact/")
    page.keyboard.press("Escape")
    assert panel.is_hidden() and page.evaluate("document.activeElement.id") == "hc-chat-launcher"
    assert not [r for r in requests if "crisp" in r], "no vendor code for a closed chat"
    context.close()


@pytest.mark.parametrize("close", ["Escape", "Close"])
def test_the_demo_chat_closes_back_to_its_launcher_by_keyboard(browser, site_url, close) -> None:
    # The sample's "custom" demo shows our own panel: the launcher never goes away.
    context, page = page_at(browser, OPEN)
    page.goto(site_url)
    launcher, panel = page.locator("#hc-chat-launcher"), page.locator("#hc-chat-panel")
    launcher.wait_for()
    tab_to_launcher(page)
    for _ in range(2):  # and it opens again
        page.keyboard.press("Enter")
        panel.wait_for()
        assert "no chat service connected" in panel.inner_text()
        assert focused(page) == ".md-button"  # the contact form link, in the panel
        assert launcher.is_visible() and launcher.get_attribute("aria-expanded") == "true"
        if close == "Escape":
            page.keyboard.press("Escape")
        else:
            page.keyboard.press("Tab")
            assert focused(page) == ".hc-chat-panel__close"
            page.keyboard.press("Enter")
        assert panel.is_hidden()
        assert focused(page) == "#hc-chat-launcher"
        assert launcher.is_visible() and launcher.get_attribute("aria-expanded") == "false"
    context.close()


@pytest.mark.parametrize(("provider", "close"), CLOSES)
def test_our_launcher_comes_back_when_the_vendors_widget_closes(browser, provider_sites, provider, close) -> None:
    context, page = page_at(browser, OPEN)
    fake_vendor(page, provider)
    page.goto(provider_sites[provider])
    launcher = page.locator("#hc-chat-launcher")
    launcher.wait_for()
    vendor_open = "html.hc-chat-vendor-open"
    tab_to_launcher(page)
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.__standIn && window.__standIn.open")
    if provider == "custom":  # the site's own chat shows beside ours
        assert launcher.is_visible() and focused(page) == "#hc-chat-launcher"
        assert page.locator(vendor_open).count() == 0
    else:  # the vendor's widget, with its own close button, stands in for ours
        launcher.wait_for(state="hidden")
        assert page.locator(vendor_open).count() == 1 and focused(page) == "body"
    assert launcher.get_attribute("aria-expanded") == "true"

    page.evaluate(close)  # the reader closes the vendor's widget
    launcher.wait_for()
    assert launcher.get_attribute("aria-expanded") == "false" and page.locator(vendor_open).count() == 0
    # Focus comes back to our launcher, unless the vendor put it somewhere itself (Chatwoot
    # focuses its own bubble).
    assert focused(page) == (".woot-widget-bubble" if provider == "chatwoot" else "#hc-chat-launcher")

    launcher.click()  # and it opens the vendor's chat again
    page.wait_for_function("() => window.__standIn.open")
    if provider != "custom":
        launcher.wait_for(state="hidden")
    assert launcher.get_attribute("aria-expanded") == "true"
    context.close()


def test_no_provider_no_launcher(browser, tmp_path) -> None:
    site = build_site(tmp_path, "      chat:\n        provider: none\n")
    generator = serve(site)
    url = next(generator)
    context, page = page_at(browser, OPEN)
    response = page.goto(url)
    assert page.locator("#hc-chat-launcher").count() == 0
    assert "script-src 'self';" in response.headers["content-security-policy"]
    context.close()
    next(generator, None)


def test_the_chat_shows_on_the_pages_the_site_chose(browser, site_url) -> None:
    context, page = page_at(browser, OPEN)
    # The sample: show_on: [home, contact].
    for path, count in (("", 1), ("contact/", 1), ("es/contact/", 1), ("calendar-sync/", 0),
                        ("calendar-sync/import-ical-feed/", 0), ("get-help/", 0)):
        page.goto(site_url + path)
        assert page.locator("#hc-chat-launcher").count() == count, path
    context.close()


def test_plans_table_channels_in_the_same_order_and_the_forms_plan_field(browser, site_url) -> None:
    context, page = page_at(browser, OPEN)
    page.goto(site_url + "get-help/")
    table = page.locator(".hc-plans__table")
    headings = [t.strip() for t in table.locator("thead th").all_inner_texts()]
    assert headings[:2] == ["Channel", "Starter\n$12 per listing a month"]
    rows = table.locator("tbody th[scope=row]").all_inner_texts()
    get_help_order = page.locator(".hc-channels li").all_inner_texts()
    page.goto(site_url + "contact/")
    contact_order = page.locator(".hc-channels li").all_inner_texts()
    assert get_help_order == contact_order and len(contact_order) == 6  # WCAG 3.2.6
    assert rows[:-1] == [line.split(":")[0] for line in get_help_order]
    options = page.locator("#hc-plan option").all_inner_texts()
    assert options == ["Choose…", "Starter", "Professional", "Premium", "I don't know"]
    page.goto(site_url + "account-plans/how-to-get-help/")
    assert page.locator(".hc-plans__table").count() == 1 and page.locator(".hc-hours-status").count() == 1
    context.close()


def test_axe_finds_nothing_serious_on_the_get_help_page_and_the_open_chat_panel(browser, site_url) -> None:
    context, page = page_at(browser, CLOSED, bypass_csp=True)
    for path in ("get-help/", ""):
        page.goto(site_url + path)
        if not path:
            page.click("#hc-chat-launcher")
            page.locator("#hc-chat-panel").wait_for()
        page.add_script_tag(path=str(AXE))
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == [], (path, json.dumps(serious))
    context.close()


def test_the_contact_form_shows_what_the_chosen_plan_includes(browser, site_url) -> None:
    context, page = page_at(browser, OPEN)
    page.goto(site_url + "contact/")
    note = page.locator("#hc-plan-includes")
    assert note.is_hidden()
    # The form's script listens for the choice once it has started (it stamps the start time).
    for _ in range(200):
        if page.evaluate("document.querySelector('#hc-contact-form [name=started]').value !== ''"):
            break
        page.wait_for_timeout(50)
    page.select_option("#hc-plan", "professional")
    note.wait_for()
    # The channels listed the way the language lists things (Intl.ListFormat: "..., and ...").
    assert note.inner_text() == ("Professional includes: Help center, Website chat, Live chat in Villadesk, "
                                 "and Contact form. We reply within 24 hours.")
    context.close()


def test_idle_loading_fetches_the_vendor_without_a_click(browser, tmp_path) -> None:
    ids, script = PROVIDERS["crisp"]
    site = build_site(tmp_path, f"      chat:\n        provider: crisp\n        {ids}\n        load: idle\n")
    generator = serve(site)
    context, page = page_at(browser, OPEN)
    fake_vendor(page, "crisp")
    with page.expect_request(script, timeout=10_000):
        page.goto(next(generator))
    assert page.locator("#hc-chat-launcher").get_attribute("aria-expanded") == "false"  # loaded, not opened
    context.close()
    next(generator, None)


def test_the_launcher_never_covers_the_focused_element(browser, provider_sites) -> None:
    context, page = page_at(browser, OPEN)
    page.set_viewport_size({"width": 390, "height": 700})  # a phone, where room is scarce
    page.goto(provider_sites["crisp"] + "calendar-sync/")
    launcher = page.locator("#hc-chat-launcher")
    launcher.wait_for()
    covered = page.evaluate("""() => {
        const launcher = document.getElementById("hc-chat-launcher").getBoundingClientRect();
        const overlaps = (r) => r.left < launcher.right && r.right > launcher.left
          && r.top < launcher.bottom && r.bottom > launcher.top;
        const stops = [...document.querySelectorAll("a[href], button, input, select, textarea")]
          .filter((e) => e.offsetParent !== null && e.id !== "hc-chat-launcher");
        return stops.filter((e) => { e.focus(); return overlaps(e.getBoundingClientRect()); })
          .map((e) => e.outerHTML.slice(0, 80));
    }""")
    assert covered == []
    context.close()
