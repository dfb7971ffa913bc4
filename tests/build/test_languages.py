"""English and Spanish help centers: interface text in every language, the built pages of
each language, untranslated articles, the translations' state, and the language switcher,
search and contact form in Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT, run_build_py, run_node_search

LANGUAGES = ["en", "es", "fr"]


# -- interface text: what the scripts and the functions get comes from the catalogs -------------
def test_each_language_gets_its_scripts_text_from_its_catalog(sample_site: Path) -> None:
    """The build writes each language's "scripts" section for the browser, the "functions"
    and "scripts" sections for the functions, and the "validation" one into the form schema."""
    from helpcenter.i18n.interface_text import InterfaceText

    functions = json.loads((ROOT / "netlify/generated/text.json").read_text(encoding="utf-8"))
    schemas = json.loads((ROOT / "netlify/generated/form-schema.json").read_text(encoding="utf-8"))
    for code in LANGUAGES:
        text = InterfaceText(code)
        prefix = "" if code == "en" else f"{code}/"
        module = (sample_site / f"assets/helpcenter/text/{code}.js").read_text(encoding="utf-8")  # one copy
        entries = json.loads(module[module.index("{"): module.rindex("}") + 1])
        assert entries == text.section("scripts") and entries["searching"] == text.plain("scripts.searching")
        assert functions["languages"][code] == {"functions": text.section("functions"),
                                                "scripts": text.section("scripts")}
        assert schemas["languages"][code]["messages"] == text.section("validation")
        page = (sample_site / f"{prefix}index.html").read_text(encoding="utf-8")
        assert re.search(rf'<meta name="helpcenter:text" content="(\.\./)?assets/helpcenter/text/{code}\.js">', page)


# -- the built site ---------------------------------------------------------------------------
def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets/")]


def test_every_page_says_its_language(sample_site: Path) -> None:
    pages = _pages(sample_site)
    assert len(pages) > 80
    for page in pages:
        html = page.read_text(encoding="utf-8")
        first = page.relative_to(sample_site).parts[0]
        expected = first if first in LANGUAGES else "en"
        assert f'<html lang="{expected}"' in html, page


@pytest.mark.parametrize(("path", "english"), [
    ("es/index.html", ["Contact us", "Search the help center", "articles", "Didn't find your answer?"]),
    ("es/calendar-sync/export-ical-feed/index.html", ["Last updated", "Related articles", "Previous", "Next"]),
    ("es/contact/index.html", ["(required)", "Send request", "Your name", "Describe your request",
                               "Before you write", "Monday", "New York time", "I don't know", "On a computer"]),
    ("es/get-help/index.html", ["Support options by plan", "Reply within", "48 hours", "Website chat",
                                "per listing a month"]),
    ("es/search/index.html", ["Browse by category", "Searching needs JavaScript"]),
    ("es/404.html", ["We couldn't find that page"]),
])
def test_spanish_pages_have_no_english_interface_text(sample_site: Path, path: str, english: list[str]) -> None:
    text = re.sub(r"<[^>]+>", " ", (sample_site / path).read_text(encoding="utf-8"))
    found = [phrase for phrase in english if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]
    assert found == []


def test_spanish_hours_plans_and_dates(sample_site: Path) -> None:
    get_help = (sample_site / "es/get-help/index.html").read_text(encoding="utf-8")
    assert "Lunes a viernes: 24 horas" in get_help
    assert "Sábado y domingo: 9:00 a 17:00 (hora de Nueva York)" in get_help
    assert "Respuesta en" in get_help and "48 horas" in get_help and "Chat de la web" in get_help
    article = (sample_site / "es/calendar-sync/export-ical-feed/index.html").read_text(encoding="utf-8")
    assert re.search(r"Última actualización <time datetime=\"[\d-]+\">\d{1,2} de \w+ de \d{4}</time>", article)


def test_the_function_schema_has_every_language_with_the_same_rules(sample_site: Path) -> None:
    schemas = json.loads((ROOT / "netlify/generated/form-schema.json").read_text(encoding="utf-8"))
    assert schemas["default"] == "en" and sorted(schemas["languages"]) == LANGUAGES
    english, spanish = schemas["languages"]["en"], schemas["languages"]["es"]
    assert spanish["lang"] == "es" and spanish["thanks_page"] == "/es/contact-thanks/"
    rules = ("name", "type", "required", "min_length", "max_length", "show_for")
    def shape(schema: dict) -> list:
        return [[f.get(k) for k in rules] + [[o["value"] for o in f.get("options", [])]] for f in schema["fields"]]

    assert shape(english) == shape(spanish)
    assert spanish["fields"][0]["label"] == "¿Sobre qué es tu solicitud?"


def test_sitemap_lists_every_article_in_every_language_with_its_translations(sample_site: Path) -> None:
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    for code, prefix in (("en", ""), ("es", "es/")):
        for article in (ROOT / "docs" / code).rglob("*.md"):
            relative = article.relative_to(ROOT / "docs" / code).as_posix()
            url = "https://help.villadesk.example/" + prefix + re.sub(r"(^|/)index/$", r"\1", relative[:-3] + "/")
            assert url in locations, url
    entry = sitemap[sitemap.index("<loc>https://help.villadesk.example/es/calendar-sync/block-dates/</loc>"):]
    entry = entry[: entry.index("</url>")]
    assert 'hreflang="en" href="https://help.villadesk.example/calendar-sync/block-dates/"' in entry
    assert 'hreflang="x-default" href="https://help.villadesk.example/calendar-sync/block-dates/"' in entry
    assert "contact-thanks" not in sitemap and "/search/" not in sitemap
    assert (sample_site / "_redirects").read_text().count("/es/* /es/404.html 404") == 1


# -- a site with a missing, an extra and an outdated translation -------------------------------
@pytest.fixture(scope="module")
def partial_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample with one article not translated, one only in Spanish, and one changed in
    English after its translation (two git commits)."""
    root = tmp_path_factory.mktemp("partial")
    shutil.copytree(ROOT / "docs" / "en", root / "docs" / "en")
    shutil.copytree(ROOT / "docs" / "es", root / "docs" / "es")
    (root / "docs/es/calendar-sync/block-dates.md").unlink()
    (root / "docs/es/calendar-sync/solo-en-espanol.md").write_text(
        "---\ntitle: Solo en español\ndescription: Un artículo que no existe en inglés.\n---\n\nTexto.\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs/en", f"docs_dir: {root / 'docs' / 'en'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    # A site for writers: its articles link to their source ("Edit this page", "translate it").
    config = config.replace("  - helpcenter:\n", "  - helpcenter:\n      edit_links: always\n")
    config = config.replace("languages: [en, es, fr]", "languages: [en, es]")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    git = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.com"]
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T10:00:00Z"}
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "both languages"], cwd=root, check=True, env=env)
    source = root / "docs/en/calendar-sync/import-ical-feed.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA new paragraph in English.\n", encoding="utf-8")
    later = {**env, "GIT_AUTHOR_DATE": "2026-03-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-03-01T10:00:00Z"}
    subprocess.run([*git, "commit", "-qam", "English changes"], cwd=root, check=True, env=later)
    result = run_build_py("build", "-f", str(root / "mkdocs.yml"), "--site-dir", str(root / "site"), cwd=root)
    assert result.returncode == 0, result.stderr
    return {"root": root, "site": root / "site"}


def test_an_untranslated_article_shows_the_original_with_a_notice(partial_site: dict[str, Path]) -> None:
    html = (partial_site["site"] / "es/calendar-sync/block-dates/index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in html
    assert "Este artículo aún no está disponible en español, así que te lo mostramos en inglés." in html
    assert '<div lang="en">' in html and "Block dates" in html
    assert '<link rel="canonical" href="https://help.villadesk.example/calendar-sync/block-dates/">' in html
    # The page is still in its Spanish category, with Spanish navigation around it.
    assert "Calendario y sincronización iCal" in html and "Todas las categorías" in html
    # The English original says nothing of the kind.
    original = (partial_site["site"] / "calendar-sync/block-dates/index.html").read_text(encoding="utf-8")
    assert "hc-untranslated" not in original


def test_the_switcher_lands_on_the_same_article_or_that_languages_home(partial_site: dict[str, Path]) -> None:
    def switcher(path: str) -> dict[str, str]:
        html = (partial_site["site"] / path).read_text(encoding="utf-8")
        nav = html[html.index('<nav class="hc-languages"'):]
        nav = nav[: nav.index("</nav>")]
        return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([\w-]+)"', nav)}

    assert switcher("calendar-sync/import-ical-feed/index.html") == {"es": "/es/calendar-sync/import-ical-feed/"}
    assert switcher("es/calendar-sync/import-ical-feed/index.html") == {"en": "/calendar-sync/import-ical-feed/"}
    # Not translated: the Spanish page exists (the original with a notice), so the switch lands there.
    assert switcher("calendar-sync/block-dates/index.html") == {"es": "/es/calendar-sync/block-dates/"}
    # Only in Spanish: English has no such article, so the switch goes to the English home.
    assert switcher("es/calendar-sync/solo-en-espanol/index.html") == {"en": "/"}
    assert not (partial_site["site"] / "calendar-sync/solo-en-espanol").exists()
    assert switcher("es/contact/index.html") == {"en": "/contact/"}


def test_check_lists_missing_and_outdated_translations(partial_site: dict[str, Path]) -> None:
    root = partial_site["root"]
    result = run_build_py("check", "-f", str(root / "mkdocs.yml"), cwd=root)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("translation: ")]
    assert lines == [
        "translation: docs/es/calendar-sync/solo-en-espanol.md: no source "
        "docs/en/calendar-sync/solo-en-espanol.md (renamed or deleted?); en readers never see it",
        "translation: docs/es/calendar-sync/block-dates.md: missing translation of "
        "docs/en/calendar-sync/block-dates.md",
        "translation: docs/es/calendar-sync/import-ical-feed.md: translation last changed 2026-01-01 10:00 UTC, "
        "its source docs/en/calendar-sync/import-ical-feed.md changed 2026-03-01 10:00 UTC",
    ]
    assert "translations: 1 missing, 1 outdated, 1 without a source" in result.stderr


def test_a_translation_of_an_unknown_setting_names_the_key(tmp_path: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs/en", f"docs_dir: {ROOT / 'docs' / 'en'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    cases = [
        ("          reply_promise:", "          colour: rojo\n          reply_promise:",
         "option 'translations': es.colour: unknown key"),
        ("            phone: {name: Teléfono}", "            fax: {name: Fax}",
         "translations.es.channels.fax: no such id"),
        ("            phone: {name: Teléfono}", "            phone: {link: 'tel:1'}",
         "option 'translations': es.channels.phone.link: unknown key (known: description, name)"),
        ("          reply_promise:",
         "          contact_form: {fields: {phone: {required: true}}}\n          reply_promise:",
         "option 'translations': es.contact_form.fields.phone.required: unknown key"),
        ("          reply_promise:", "          contact_form: {fields: {phone: Teléfono}}\n          reply_promise:",
         "option 'translations': es.contact_form.fields.phone: a mapping of settings"),
    ]
    for old, new, message in cases:
        assert old in config
        path = tmp_path / "mkdocs.yml"
        path.write_text(config.replace(old, new), encoding="utf-8")
        result = run_build_py("build", "-f", str(path), "--site-dir", str(tmp_path / "site"), cwd=tmp_path)
        assert result.returncode == 1 and message in result.stderr, result.stderr[-2000:]


def _config(tmp_path: Path, **changes: str) -> Path:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs/en", f"docs_dir: {ROOT / 'docs' / 'en'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    for old, new in changes.items():
        assert old in config
        config = config.replace(old, new)
    path = tmp_path / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def test_a_one_language_site_under_a_path(tmp_path: Path) -> None:
    config = _config(tmp_path, **{"languages: [en, es, fr]": "languages: [en]",
                                  "site_url: https://help.villadesk.example/": "site_url: https://example.com/help/"})
    result = run_build_py("build", "-f", str(config), "--site-dir", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    site = tmp_path / "site"
    # The functions' files are written for a one-language site too, with the site's paths.
    schemas = json.loads((tmp_path / "netlify/generated/form-schema.json").read_text())
    assert list(schemas["languages"]) == ["en"] and schemas["languages"]["en"]["endpoint"] == "/help/api/contact"
    pages = json.loads((tmp_path / "netlify/generated/site-pages.json").read_text())
    assert "/help/calendar-sync/import-ical-feed/" in pages["languages"]["en"]
    article = (site / "calendar-sync/import-ical-feed/index.html").read_text(encoding="utf-8")
    assert 'action="/help/api/feedback?lang=en"' in article and 'content="/help/api/search-miss"' in article
    assert 'value="/help/calendar-sync/import-ical-feed/"' in article
    assert "hc-languages" not in article and not (site / "es").exists()
    # A sitemap of its own pages, with git dates; no robots.txt where crawlers never look.
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://example.com/help/calendar-sync/import-ical-feed/</loc><lastmod>" in sitemap
    assert "hreflang" not in sitemap and "contact-thanks" not in sitemap
    assert not (site / "robots.txt").exists()
    assert "404" not in (site / "_redirects").read_text().replace("own 404 page", "")


def test_two_languages_under_a_path(tmp_path: Path) -> None:
    config = _config(tmp_path, **{"site_url: https://help.villadesk.example/": "site_url: https://example.com/help/",
                                  "languages: [en, es, fr]": "languages: [en, es]"})
    result = run_build_py("build", "-f", str(config), "--site-dir", str(tmp_path / "site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    site = tmp_path / "site"
    spanish = (site / "es/calendar-sync/import-ical-feed/index.html").read_text(encoding="utf-8")
    assert '<a href="/help/calendar-sync/import-ical-feed/" hreflang="en"' in spanish
    assert 'action="/help/api/contact?lang=es"' in (site / "es/contact/index.html").read_text(encoding="utf-8")
    assert (site / "_redirects").read_text().splitlines()[2:] == ["/es/* /es/404.html 404"]
    assert not (site / "es/sitemap.xml").exists()
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://example.com/help/es/calendar-sync/import-ical-feed/</loc>" in sitemap


def test_a_site_that_opts_in_links_each_article_to_its_source(partial_site: dict[str, Path]) -> None:
    site, root = partial_site["site"], partial_site["root"]
    for path in ("calendar-sync/import-ical-feed/index.html", "es/calendar-sync/import-ical-feed/index.html"):
        page = site / path
        html = page.read_text(encoding="utf-8")
        link = re.search(r'<a href="https://github.com/villadesk/help-center/edit/main/([^"]+)" rel="nofollow">', html)
        assert link, page
        assert (root / link.group(1)).is_file() and link.group(1).startswith("docs/")
    # An article shown untranslated offers its translation instead.
    untranslated = (site / "es/calendar-sync/block-dates/index.html").read_text(encoding="utf-8")
    assert "https://github.com/villadesk/help-center/new/main/docs/es/calendar-sync" in untranslated


def test_every_language_uses_one_copy_of_the_theme_files(sample_site: Path) -> None:
    """Switching language downloads no style or script again: /es/ pages use the root's copy
    of every theme file, and the Spanish build writes none of its own."""
    assert not (sample_site / "es/assets").exists()
    for page in [*(sample_site / "es").rglob("*.html"), *(sample_site / "fr").rglob("*.html")]:
        html = page.read_text(encoding="utf-8")
        for reference in re.findall(r'(?:href|src)="([^"#?]*assets/[^"#?]+)"', html):
            target = (sample_site / reference.lstrip("/")) if reference.startswith("/") else page.parent / reference
            assert target.resolve().is_file(), (page, reference)
            assert sample_site.resolve() / "assets" in target.resolve().parents, (page, reference)


# -- a language added by configuration alone ------------------------------------------------------
def test_a_language_is_added_by_configuration_alone(german_site: dict[str, object]) -> None:
    """German, added to a copy of the sample with one word in mkdocs.yml and its folder: its
    interface text from our German catalog, its search lunr-languages' German."""
    result = german_site["result"]
    site = german_site["site"]
    assert isinstance(result, subprocess.CompletedProcess) and isinstance(site, Path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not [line for line in result.stderr.splitlines() if "'de'" in line], result.stderr[-3000:]
    assert 'data-scripts="lunr.stemmer.support.min.js lunr.de.min.js"' in (site / "de/index.html").read_text(
        encoding="utf-8")
    page = (site / "de/payments-billing/refunds/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in page and "Einem Gast Geld erstatten" in page
    assert "Zuletzt aktualisiert" in page or "Aktualisiert" in page, "German interface text"
    assert not (site / "de/assets").exists()  # the root's theme files (and text) serve German too
    german = (site / "assets/helpcenter/text/de.js").read_text(encoding="utf-8")
    assert '"searching": "Suche' in german
    # Search in German: inflected forms, umlauts folded or not, a word being typed; the
    # untranslated articles (shown in English) too.
    queries = ["Erstattungen", "erstatten", "Rückerstattung", "ruckerstattung", "erstatt", "calendar"]
    answers = run_node_search(site / "de", queries)
    urls = {answer["q"]: answer.get("urls", []) for answer in answers}
    for query in queries[:-1]:
        assert urls[query][:1] == ["payments-billing/refunds/"], (query, answers)
    assert urls["calendar"], answers


def test_a_language_without_a_catalog_builds_in_english_with_one_warning(tmp_path: Path) -> None:
    """Swedish: we ship no catalog. The build goes on, its pages' interface text is English,
    and one warning names every key a translator has to write."""
    from helpcenter.i18n.interface_text import flat_catalog

    from ..conftest import sample_with_language

    built = sample_with_language(tmp_path, "sv", {"index.md": "---\ntitle: Hur kan vi hjälpa dig?\n---\n"})
    result, site = built["result"], built["site"]
    assert isinstance(result, subprocess.CompletedProcess) and isinstance(site, Path)
    assert result.returncode == 0, result.stderr[-3000:]
    warnings = [line for line in result.stderr.splitlines() if "interface catalog" in line]
    assert len(warnings) == 1 and "no interface catalog for 'sv'" in warnings[0], warnings
    assert all(key in warnings[0] for key in flat_catalog("en")), "every missing key is named"
    category = (site / "sv/calendar-sync/index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in category and "Search the help center" in category
    # Adding its catalog is configuration too: a locales/sv.yml beside mkdocs.yml.
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales/sv.yml").write_text("header:\n  search_label: Sök i hjälpcentret\n", encoding="utf-8")
    again = run_build_py("build", "-f", str(tmp_path / "mkdocs.yml"), "--site-dir", str(site), cwd=tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "Sök i hjälpcentret" in (site / "sv/calendar-sync/index.html").read_text(encoding="utf-8")
    [warning] = [line for line in again.stderr.splitlines() if "interface catalog" in line]
    assert "lacks" in warning and "header.search_label" not in warning


REGIONAL = {
    # tag: (a title, a body, a query that must find it, its search scripts, a catalog's text)
    "pt-BR": ("Reembolsar um hóspede", "Você pode reembolsar hóspedes pela reserva; os reembolsos chegam em dias.",
              "reembolso", "lunr.stemmer.support.min.js lunr.pt.min.js", "pt"),
    "es-419": ("Reembolsar a un huésped", "Puedes reembolsar a los huéspedes desde la reserva.",
               "reembolsos", "lunr.stemmer.support.min.js lunr.es.min.js", "es"),
    "zh-Hans": ("为房客办理退款", "您可以在预订页面为房客办理全部或部分退款，退款款项几天内到账。",
                "退款", "", "zh"),
}


@pytest.mark.parametrize("tag", sorted(REGIONAL))
def test_a_regional_tag_is_a_language_of_its_own(tmp_path: Path, tag: str) -> None:
    """pt-BR, es-419, zh-Hans: the folder as written, the pages' lang and hreflang the tag,
    the theme's and our catalog's closest translation, the base language's search."""
    from helpcenter.i18n.interface_text import InterfaceText

    from ..conftest import sample_with_language

    title, body, query, scripts, catalog = REGIONAL[tag]
    built = sample_with_language(tmp_path, tag, {
        "index.md": "---\ntitle: Home\n---\n",
        "payments-billing/refunds.md": f"---\ntitle: {title}\ndescription: {title}.\n---\n\n{body}\n"})
    result, site = built["result"], built["site"]
    assert isinstance(result, subprocess.CompletedProcess) and isinstance(site, Path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "interface catalog" not in result.stderr
    page = (site / f"{tag}/payments-billing/refunds/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{tag}"' in page  # Material's translation may say the bare language
    assert f'data-scripts="{scripts}"' in page
    assert str(InterfaceText(catalog)("header.search_label")) in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'hreflang="{tag}"' in home
    [answer] = run_node_search(site / tag, [query])
    assert answer["urls"][:1] == ["payments-billing/refunds/"], answer
