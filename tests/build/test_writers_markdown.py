"""A help center as writers bring it: an Obsidian-style vault (folders with spaces and accents,
files without titles, wiki links, callouts, aliases), GitHub alerts, Docusaurus admonitions,
built leniently with the generator's own settings: no raw markup on any page, its own name,
none of the sample's support details."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ..conftest import run_build_py, run_node_search

VAULT = {
    "index.md": "# Acme Help\n\nAnswers for Acme customers.\n",
    "Licenses and payment/Refund policy.md": (
        "---\naliases: [Cancel my subscription, money back]\ntags: [billing]\ndescription:\npublish: true\n---\n"
        "We refund unused months.\n\n> [!tip]- Before you ask\n> Check [[Pricing#Yearly plans|yearly plans]].\n\n"
        "![[receipt.png|300]]\n"),
    "Licenses and payment/Pricing.md": (
        "---\ndescription: null\npublish: true\ncssclasses: wide\n---\n# Pricing\n\n## Yearly plans\n\n"
        "> [!NOTE]\n> Prices include VAT.\n\n:::warning Currency\nPrices are in euros.\n:::\n\n"
        "See [[Refund policy]] and [[Nowhere to be found]].\n"),
    "Démarrage rapide/Premiers pas.md": (
        "---\npublish: true\n---\nBienvenue.\n\n/// note | Astuce\nLisez "
            "[[Pricing]].\n///\n\n![[Pricing#Yearly plans]]\n"),
    "attachments/receipt.png": "",
}
RAW = re.compile(r"\[\[|\]\]|\[!(?:note|tip|NOTE|warning)\]|^:::|^///|^!!! ", re.M)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("vault")
    docs = root / "Acme Help"
    for path, text in VAULT.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        if path.endswith(".png"):
            (docs / path).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
        else:
            (docs / path).write_text(text, encoding="utf-8")
    result = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(root / "site"))
    return {"docs": docs, "site": root / "site", "result": result}


def _visible(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S)
    body = re.sub(r"<(pre|code|script)[^>]*>.*?</\1>", " ", article.group(1) if article else "", flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "\n", body))


def test_a_vault_builds_leniently_with_no_raw_markup(vault: dict[str, object]) -> None:
    result, site = vault["result"], vault["site"]
    assert isinstance(site, Path) and result.returncode == 0, result.stderr[-3000:]
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 5
    assert [str(p.relative_to(site)) for p in pages if RAW.search(_visible(p))] == []


def test_wiki_links_callouts_embeds_render_as_our_components(vault: dict[str, object]) -> None:
    site = vault["site"]
    assert isinstance(site, Path)
    page = (site / "licenses-and-payment/refund-policy/index.html").read_text(encoding="utf-8")
    assert re.search(r'<details class="tip">\s*<summary>Before you ask</summary>', page)
    assert '<a href="../pricing/#yearly-plans">yearly plans</a>' in page
    assert re.search(r'<img alt="receipt" src="[^"]*attachments/receipt\.png" width="300"', page)
    pricing = (site / "licenses-and-payment/pricing/index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="admonition note">\s*<p class="admonition-title">Note</p>', pricing)
    assert re.search(r'<div class="admonition warning">\s*<p class="admonition-title">Currency</p>', pricing)
    start = (site / "demarrage-rapide/premiers-pas/index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Astuce</p>' in start
    assert re.search(r'<div class="hc-embed">\s*<h2', start) is None  # the section's text, not its heading
    assert 'class="hc-embed"' in start and "Prices include VAT" in start


def test_front_matter_as_writers_have_it(vault: dict[str, object]) -> None:
    result, site = vault["result"], vault["site"]
    assert isinstance(site, Path)
    # Empty and null descriptions are unset, titles come from the heading or the file name,
    # and an unknown key is reported once for the whole vault, with its count.
    assert "must be non-empty text" not in result.stderr
    assert len(re.findall(r"unknown front matter key 'publish'", result.stderr)) == 1
    assert "unknown front matter key 'publish' in 3 files" in result.stderr
    assert "<title>Refund policy - Acme Help</title>" in (
        site / "licenses-and-payment/refund-policy/index.html").read_text(encoding="utf-8")
    # An unresolved wiki link is a broken link: the file and line, as a warning here.
    assert re.search(r"Pricing\.md:17: warning: broken link '<?Nowhere to be found\.md", result.stderr), result.stderr
    # aliases and tags are search keywords: the customer's own words find the page.
    [answer] = run_node_search(site, ["cancel my subscription"])
    assert answer["urls"][:1] == ["licenses-and-payment/refund-policy/"], answer


def test_the_vault_wears_its_own_identity(vault: dict[str, object]) -> None:
    site = vault["site"]
    assert isinstance(site, Path)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Acme Help</title>" in home and "Answers for Acme customers." in home
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "Villadesk" not in everything and "support@villadesk" not in everything
    assert 'id="hc-chat-launcher"' not in everything and "per listing a month" not in everything
    # Nor the sample's vacation-rental wording: the contact form and search speak of any product.
    assert "Airbnb" not in everything and "iCal" not in everything and "Listing titles" not in everything
    contact = (site / "contact/index.html").read_text(encoding="utf-8")
    assert 'value="booking"' not in contact and 'value="technical"' in contact and 'value="billing"' in contact
    assert "e.g. reset my password" in home or "e.g. reset my password" in contact


def test_a_strict_build_stops_on_an_unresolved_wiki_link(vault: dict[str, object], tmp_path: Path) -> None:
    docs = vault["docs"]
    assert isinstance(docs, Path)
    result = run_build_py("build", "--docs-dir", str(docs), "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert re.search(r"Pricing\.md:17: broken link '<?Nowhere to be found\.md", result.stderr), result.stderr


def test_urls_are_readable_and_a_collision_names_both_files(vault: dict[str, object], tmp_path: Path) -> None:
    """Folders and files with spaces and accents publish at ASCII, lower-case, hyphenated
    URLs; a slug: sets the last part; two pages that would share one are both named."""
    site = vault["site"]
    assert isinstance(site, Path)
    assert (site / "licenses-and-payment/refund-policy/index.html").is_file()
    assert (site / "demarrage-rapide/premiers-pas/index.html").is_file()
    assert not [p for p in site.rglob("*") if " " in p.name or ("%" in p.name and p.suffix == ".html")]
    docs = tmp_path / "docs"
    (docs / "Guides").mkdir(parents=True)
    (docs / "Guides/Refund Policy.md").write_text("# Refunds\n\nText.\n", encoding="utf-8")
    (docs / "Guides/refund-policy.md").write_text("# Refunds again\n\nText.\n", encoding="utf-8")
    (docs / "Guides/Old name.md").write_text("---\nslug: new-name\n---\n# Renamed\n\nText.\n", encoding="utf-8")
    result = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"refund-policy\.md:1: warning: its URL /guides/refund-policy/ is also .*Refund Policy\.md's: "
                     r"published at /guides/refund-policy-2/", result.stderr), result.stderr
    assert (tmp_path / "site/guides/refund-policy-2/index.html").is_file()
    assert (tmp_path / "site/guides/new-name/index.html").is_file()


def test_a_page_that_moves_keeps_its_old_urls(tmp_path: Path) -> None:
    """Renamed in git, or given another slug: its old URLs answer with a 301 to the new one,
    as does the raw file path a plain MkDocs site published it at."""
    import subprocess

    docs = tmp_path / "docs"
    (docs / "Guides").mkdir(parents=True)
    (docs / "Guides/Old name.md").write_text("# Refunds\n\nText.\n", encoding="utf-8")
    (docs / "Guides/Pricing.md").write_text("---\nslug: prices\n---\n# Pricing\n\nText.\n", encoding="utf-8")
    git = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=tmp_path, check=True)
    subprocess.run([*git, "mv", "docs/Guides/Old name.md", "docs/Guides/Refund policy.md"], cwd=tmp_path, check=True)
    (docs / "Guides/Pricing.md").write_text("---\nslug: pricing-plans\n---\n# Pricing\n\nText.\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "renamed"], cwd=tmp_path, check=True)
    result = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-2000:]
    lines = (tmp_path / "site/_redirects").read_text(encoding="utf-8").splitlines()
    assert {"/guides/old-name/ /guides/refund-policy/ 301", "/Guides/Old%20name/ /guides/refund-policy/ 301",
            "/Guides/Refund%20policy/ /guides/refund-policy/ 301", "/guides/prices/ /guides/pricing-plans/ 301",
            "/Guides/Pricing/ /guides/pricing-plans/ 301"} <= set(lines), lines
    assert (tmp_path / "site/guides/refund-policy/index.html").is_file()


def test_markup_in_front_matter_is_text_everywhere(tmp_path: Path) -> None:
    """A title or description is text: markup in it reaches no page as markup, in <title>,
    the description meta, headings, breadcrumbs, navigation, lists or previous/next."""
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "index.md").write_text("---\ntitle: Home\n---\n", encoding="utf-8")
    (docs / "guides/index.md").write_text('---\ntitle: "<i>Guides</i><script>alert(5)</script>"\n---\n',
                                          encoding="utf-8")
    (docs / "guides/a.md").write_text(
        '---\ntitle: "</title><script>alert(1)</script> & <b>Bold</b>"\norder: 1\n'
        'description: "\\"><script>alert(2)</script><img src=x onerror=alert(3)>"\n---\n\nText.\n', encoding="utf-8")
    (docs / "guides/b.md").write_text('---\ntitle: "<img src=x onerror=alert(4)> B"\norder: 2\ndescription: ok\n---\n\n'
                                      "Text two.\n", encoding="utf-8")
    result = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr[-2000:]
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")}
    assert len(pages) > 6
    raw = re.compile(r"<script>alert|<img src=x|<b>Bold|<i>Guides|</title><script")
    assert [str(p) for p, html_text in pages.items() if raw.search(html_text)] == []
    article = (tmp_path / "site/guides/a/index.html").read_text(encoding="utf-8")
    escaped = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;"
    assert f"<title>{escaped} - Home</title>" in article
    assert article.count(escaped) >= 3  # <title>, <h1>, the breadcrumb (and the navigation)
    assert '<meta name="description" content="&#34;&gt;&lt;script&gt;' in article
    following = (tmp_path / "site/guides/b/index.html").read_text(encoding="utf-8")
    assert escaped in following  # its previous link
