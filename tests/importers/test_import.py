"""build.py import, against local servers speaking each help desk's API (tests/importers/helpdesks.py):
the whole help center comes over (structure, translations, odd HTML, images, attachments,
links), builds strictly with the old addresses redirected, and runs again without touching
what did not change or what a writer edited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml
from helpcenter.importers.http import ImportFailed
from helpcenter.importers.run import CACHE, ImportOptions, ImportReport, run_import
from helpcenter.importers.sync import MANIFEST

from tests.conftest import run_build_py
from tests.importers.helpdesks import PDF, PNG, HelpDesk

VENDORS = ["zendesk", "intercom", "helpscout", "freshdesk"]
SIGNED_IN = {
    "zendesk": {"ZENDESK_EMAIL": "agent@example.com", "ZENDESK_API_TOKEN": "secret"},
    "intercom": {"INTERCOM_ACCESS_TOKEN": "secret"},
    "helpscout": {"HELPSCOUT_DOCS_API_KEY": "secret"},
    "freshdesk": {"FRESHDESK_API_KEY": "secret"},
}
# The first page of articles, answered once with 429 and Retry-After: 1.
ARTICLES_LIST = {"zendesk": "/api/v2/help_center/en-us/articles.json", "intercom": "/articles",
                 "helpscout": "/collections/col1/articles", "freshdesk": "/api/v2/solutions/folders/201/articles"}
# The help center's structure, answered once with 503: retried after a pause.
STRUCTURE = {"zendesk": "/api/v2/help_center/en-us/categories.json", "intercom": "/help_center/collections",
             "helpscout": "/collections", "freshdesk": "/api/v2/solutions/categories"}
# A request late in each import, broken on purpose to stop it half way.
LATE = {"zendesk": "/api/v2/help_center/articles/304/attachments.json", "intercom": "/articles",
        "helpscout": "/articles/art304", "freshdesk": "/api/v2/solutions/folders/203/articles/fr"}
TRANSLATED = {"zendesk": True, "intercom": True, "helpscout": False, "freshdesk": True}


def import_from(desk: HelpDesk, folder: Path, *, env: dict[str, str] | None = None, force: bool = False
                ) -> ImportReport:
    vendor = desk.served.vendor
    return run_import(ImportOptions(vendor=vendor, docs_dir=folder, url=desk.url, force=force),
                      env=SIGNED_IN[vendor] if env is None else env, show_progress=False)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def article(folder: Path, title: str) -> Path:
    """The imported file whose title is ``title``."""
    found = [p for p in folder.rglob("*.md") if front_matter(p).get("title") == title]
    assert len(found) == 1, (title, found)
    return found[0]


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in folder.rglob("*") if p.is_file()}


@dataclass
class Imported:
    vendor: str
    desk: HelpDesk
    folder: Path
    report: ImportReport


@pytest.fixture(scope="module", params=VENDORS)
def imported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Imported]:
    vendor = request.param
    folder = tmp_path_factory.mktemp(f"import-{vendor}")
    with HelpDesk(vendor, token="secret", throttled={ARTICLES_LIST[vendor]}, flaky={STRUCTURE[vendor]}) as desk:
        yield Imported(vendor, desk, folder, import_from(desk, folder))


def test_every_published_article_comes_over_with_its_structure(imported: Imported):
    vendor, folder, report = imported.vendor, imported.folder, imported.report
    en = folder / "en"
    assert report.articles == (5 if vendor == "freshdesk" else 4) and report.categories == 2
    titles = {front_matter(p)["title"] for p in en.rglob("*.md")}
    expected = {"Sign in to Acme", "Reset your password", "Invite your team", "Download an invoice"}
    if vendor == "freshdesk":  # a folder inside a folder: its articles join the section's
        expected.add("Invoices before 2020")
        assert article(en, "Invoices before 2020").parent == article(en, "Download an invoice").parent
    assert titles == expected
    started, billing = (yaml.safe_load((en / name / "_category.yml").read_text())
                        for name in ("getting-started", "billing"))
    assert (started["title"], started["order"]) == ("Getting started", 1)
    assert started["description"] == "First steps with Acme."
    assert (billing["title"], billing["order"]) == ("Billing", 2)
    sign_in, reset = article(en, "Sign in to Acme"), article(en, "Reset your password")
    # Articles keep their order; labels are keywords; the date is kept.
    assert front_matter(sign_in)["order"] == 1 and front_matter(reset)["order"] == 2
    if vendor != "intercom":  # Intercom's articles have no labels
        assert front_matter(sign_in)["keywords"] == ["login", "password"]
    assert str(front_matter(sign_in)["updated"]) == "2024-03-05"
    # What was not imported is named: drafts; Zendesk's articles for some signed-in users only.
    assert any("Draft about refunds" in why for why in report.left_out), report.left_out
    if vendor == "zendesk":
        assert any("Partner pricing" in why and "signed-in" in why for why in report.left_out), report.left_out
    if vendor == "helpscout":
        assert "collection “Internal”: private" in report.left_out
    invite = article(en, "Invite your team")
    # With no description of its own, its first sentence, as written (no space before the stop).
    assert front_matter(invite)["description"] == "Invite people from Settings › Team."
    if vendor == "helpscout":  # Help Scout's categories are the sections: one level
        assert sign_in.parent.name == "getting-started" and front_matter(invite)["order"] == 3
    else:  # sections are folders in their category, with their own title and order
        assert sign_in.parent.name == "your-account" and sign_in.parent.parent.name == "getting-started"
        assert invite.parent.name == "your-team" and front_matter(invite)["order"] == 1
        team = yaml.safe_load((invite.parent / "_category.yml").read_text())
        assert (team["title"], team["order"]) == ("Your team", 2)
    if TRANSLATED[vendor]:
        french = folder / "fr" / sign_in.relative_to(en)
        assert front_matter(french)["title"] == "Se connecter à Acme"
        assert yaml.safe_load((folder / "fr/billing/_category.yml").read_text())["title"] == "Facturation"
        assert not (folder / "fr" / article(en, "Invite your team").relative_to(en)).exists()  # not translated


def test_odd_html_links_images_and_attachments(imported: Imported):
    vendor, folder, report = imported.vendor, imported.folder, imported.report
    en = folder / "en"
    sign_in = article(en, "Sign in to Acme")
    text = sign_in.read_text(encoding="utf-8")
    assert "!!! warning\n    Never share your password." in text
    assert "1.  Open the app.\n    -   On a phone, tap **Menu**." in text
    # Links between articles are relative Markdown links to the files; to a category, its folder.
    links = dict(re.findall(r"\[([^\]]+)\]\(([^)]+)\)", text))
    assert (sign_in.parent / links["Reset your password"]).resolve() == article(en, "Reset your password").resolve()
    assert links["Reset your password"].endswith(".md")
    # The old page's anchor has no heading to go to here: its words stay, the link goes.
    assert "Jump to the end." in text
    image = re.search(r"!\[The sign-in screen\]\(([^)]+)\)", text)[1]
    assert (sign_in.parent / image).read_bytes() == PNG
    # An image on another host is downloaded too, without the API's credentials.
    elsewhere = re.search(r"!\[The app on a phone\]\(([^)]+)\)", text)[1]
    assert (sign_in.parent / elsewhere).read_bytes() == PNG
    signed = imported.desk.served.signed
    assert signed["/files/phone.png"] is None and signed[ARTICLES_LIST[vendor]] is not None
    # A relative link starts from the old page's address: here, the article beside it. A
    # scheme-less address is no page here either: reported, with its full old address.
    invoice = article(en, "Download an invoice")
    steps = re.search(r"\[the reset steps\]\(([^)]+)\)", invoice.read_text(encoding="utf-8"))[1]
    assert (invoice.parent / steps).resolve() == article(en, "Reset your password").resolve()
    assert any(f.endswith(invoice.name) and "www.example.com/help" in m for f, m in
               [(p.file, p.message) for p in report.problems]), report.problems
    reset = article(en, "Reset your password").read_text(encoding="utf-8")
    assert "| Step | What to do |" in reset and "```bash\nacme reset" in reset
    assert "(https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in reset and "<iframe" not in reset
    problems = [(p.file, p.message) for p in report.problems]
    assert any(f.endswith(sign_in.name) and "not found here" in m and "retired" in m for f, m in problems), problems
    assert any("widgets.example.net" in m for _, m in problems), problems
    if vendor == "zendesk":  # article attachments: downloaded and listed under the article
        invoice = article(en, "Download an invoice")
        listed = re.search(r"\[📎 invoice-sample\.pdf\]\(([^)]+)\)", invoice.read_text(encoding="utf-8"))[1]
        assert (invoice.parent / listed).read_bytes() == PDF


def test_rate_limit_waits_as_long_as_retry_after_says_and_errors_are_retried(imported: Imported):
    log, throttled = imported.desk.served.log, ARTICLES_LIST[imported.vendor]
    asked = [when for when, path in log if path.split("?")[0] == throttled]
    assert len(asked) >= 2 and asked[1] - asked[0] >= 0.95
    # A 503 is asked again (urllib3's backoff), and the import went on to the end.
    structure = [path for _, path in log if path.split("?")[0] == STRUCTURE[imported.vendor]]
    assert len(structure) > len(set(structure)), structure  # the same request, twice
    assert imported.report.articles >= 4


def test_import_builds_strictly_with_the_old_addresses_redirected(imported: Imported, tmp_path: Path):
    vendor, folder = imported.vendor, imported.folder
    for language in ["en", "fr"] if TRANSLATED[vendor] else ["en"]:
        site = tmp_path / language
        result = run_build_py("build", "--docs-dir", str(folder / language), "--lang", language,
                              "--site-dir", str(site), "--strict")
        assert result.returncode == 0, result.stderr
        rules = dict(line.split()[:2] for line in (site / "_redirects").read_text().splitlines()
                     if line.startswith("/") and line.endswith(" 301"))
        for page in (folder / language).rglob("*.md"):
            old_paths = front_matter(page)["redirect_from"]
            assert old_paths, page
            for old in old_paths:
                assert (site / rules[old].lstrip("/") / "index.html").is_file(), (old, rules[old])
        assert not list(site.rglob("_category.yml"))  # data, never published
        categories = [old for old, new in rules.items() if new == "/billing/"]
        assert len(categories) >= 2, rules  # the category's and its section's (or folder's) addresses
    sample = {"zendesk": "/hc/en-us/articles/301-sign-in-to-acme", "intercom": "/acme/en/articles/301-sign-in-to-acme",
              "helpscout": "/article/31-sign-in-to-acme",
              "freshdesk": "/support/solutions/articles/301-sign-in-to-acme"}[vendor]
    assert f"{sample} /getting-started/" in (tmp_path / "en/_redirects").read_text()
    # Sections are listed on their category's page under their titles, in order.
    category_page = (tmp_path / "en/getting-started/index.html").read_text(encoding="utf-8")
    if vendor != "helpscout":
        assert re.findall(r'<h2 id="hc-section-\d">([^<]+)</h2>', category_page) == ["Your account", "Your team"]
    listed = re.findall(r'class="hc-article-list__title"[^>]*>([^<]+)<', category_page)
    assert listed == ["Sign in to Acme", "Reset your password", "Invite your team"]
    # The help desk's date is the one readers see, not the day of the import.
    page_file = next((tmp_path / "en/getting-started").rglob("sign-in-to-acme/index.html"))
    page = page_file.read_text(encoding="utf-8")
    assert 'datetime="2024-03-05"' in page
    # Every link in the article's text leads to a page or file of the built site.
    address = "/" + page_file.parent.relative_to(tmp_path / "en").as_posix() + "/"
    text = page.split('class="md-content"', 1)[1].split("</article>", 1)[0]
    links = {urljoin(address, href).split("?")[0] for href in re.findall(r'(?:href|src)="([^"#]+)"', text)
             if not href.startswith(("http:", "https:", "mailto:", "data:"))}
    assert any(link == "/billing/" for link in links), links  # the category the article links to
    for link in links:
        target = tmp_path / "en" / unquote(link).lstrip("/")
        assert (target / "index.html" if link.endswith("/") else target).is_file(), link


def test_a_second_run_changes_nothing(imported: Imported):
    desk, folder = imported.desk, imported.folder
    before = snapshot(folder)
    again = import_from(desk, folder)
    assert (again.synced.written, again.synced.removed, again.synced.kept) == ([], [], [])
    assert snapshot(folder) == before
    assert not (folder / CACHE).exists()


@pytest.mark.parametrize("vendor", VENDORS)
def test_upstream_changes_come_in_and_local_edits_stay_unless_forced(vendor: str, tmp_path: Path):
    with HelpDesk(vendor) as desk:
        import_from(desk, tmp_path)
        en = tmp_path / "en"
        sign_in, reset = article(en, "Sign in to Acme"), article(en, "Reset your password")
        sign_in.write_text(sign_in.read_text(encoding="utf-8") + "\nA note written here.\n", encoding="utf-8")
        for number, words in ((301, "Sign in with a passkey."), (302, "Open the e-mail we send.")):
            served = desk.served.article(number)
            served["en"] = (served["en"][0], f"<p>{words}</p>")
        desk.served.articles = [a for a in desk.served.articles if a["id"] != 303]  # deleted upstream
        gone = article(en, "Invite your team")

        update = import_from(desk, tmp_path)
        assert reset.relative_to(tmp_path).as_posix() in update.synced.written
        assert "Open the e-mail we send." in reset.read_text(encoding="utf-8")
        assert update.synced.kept == [sign_in.relative_to(tmp_path).as_posix()]
        assert "A note written here." in sign_in.read_text(encoding="utf-8")
        assert gone.relative_to(tmp_path).as_posix() in update.synced.removed and not gone.exists()
        # Still edited here: a run without --force keeps it again.
        assert import_from(desk, tmp_path).synced.kept == [sign_in.relative_to(tmp_path).as_posix()]

        forced = import_from(desk, tmp_path, force=True)
        assert sign_in.relative_to(tmp_path).as_posix() in forced.synced.written
        assert "A note written here." not in sign_in.read_text(encoding="utf-8")
        assert "Sign in with a passkey." in sign_in.read_text(encoding="utf-8")


@pytest.mark.parametrize("vendor", VENDORS)
def test_refused_credentials_stop_the_import_with_what_to_set(vendor: str, tmp_path: Path):
    wrong = {name: "wrong" if "TOKEN" in name or "KEY" in name else value for name, value in SIGNED_IN[vendor].items()}
    with HelpDesk(vendor, token="secret") as desk, pytest.raises(ImportFailed) as failed:
        import_from(desk, tmp_path, env=wrong)
    message = str(failed.value)
    assert "HTTP 401" in message and next(iter(SIGNED_IN[vendor])).split("_")[0] in message
    assert not list(tmp_path.rglob("*.md")) and not (tmp_path / MANIFEST).exists()


@pytest.mark.parametrize("vendor", VENDORS)
def test_a_stopped_import_goes_on_where_it_stopped(vendor: str, tmp_path: Path):
    with HelpDesk(vendor) as desk:
        full = import_from(desk, tmp_path / "whole")
    with HelpDesk(vendor, broken={LATE[vendor]}) as desk:
        with pytest.raises(ImportFailed, match="HTTP 400"):
            import_from(desk, tmp_path / "resumed")
        asked_before = len(desk.served.log)
        assert not list((tmp_path / "resumed").rglob("*.md"))
        desk.served.broken.clear()
        resumed = import_from(desk, tmp_path / "resumed")
    # What was fetched before the stop is not fetched again: together, one whole import's requests.
    assert resumed.requests == full.requests - (asked_before - 1)
    assert resumed.requests < full.requests and resumed.resumed_from is not None and full.resumed_from is None
    assert snapshot(tmp_path / "resumed").keys() - {MANIFEST} == snapshot(tmp_path / "whole").keys() - {MANIFEST}


def test_a_stopped_import_starts_afresh_with_other_credentials(tmp_path: Path):
    """What was read with one token is not taken for what another token may read."""
    with HelpDesk("zendesk", broken={LATE["zendesk"]}) as desk:
        with pytest.raises(ImportFailed):
            import_from(desk, tmp_path)
        asked_before = len(desk.served.log)
        desk.served.broken.clear()
        other = {"ZENDESK_EMAIL": "agent@example.com", "ZENDESK_API_TOKEN": "another"}
        again = import_from(desk, tmp_path, env=other)
    # Everything asked before the stop is asked again.
    assert again.resumed_from is None and again.requests > asked_before


def test_the_command_reports_counts_and_problems(tmp_path: Path):
    with HelpDesk("zendesk") as desk:  # public articles: no credentials needed
        result = run_build_py("import", "zendesk", "--url", desk.url, "--docs-dir", str(tmp_path))
        assert result.returncode == 0, result.stderr
        assert "imported 4 articles in 2 categories, languages en, fr" in result.stderr
        assert re.search(r"sign-in-to-acme\.md: link into the old help center not found here: \S+/399-retired",
                         result.stderr)
        assert "left out: article 306 “Partner pricing”: visible only to some signed-in users" in result.stderr
    with HelpDesk("freshdesk", token="secret") as desk:
        result = run_build_py("import", "freshdesk", "--url", desk.url, "--docs-dir", str(tmp_path / "f"),
                              "--token", "wrong")
        assert result.returncode == 1
        assert "import failed: Freshdesk refused the credentials (HTTP 401)" in result.stderr
        assert "Traceback" not in result.stderr
