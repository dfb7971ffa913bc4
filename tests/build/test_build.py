"""Builds through build.py, as a writer and CI run them: the sample site, the FastAPI corpus,
the strict errors (each with its file:line), check, new and --help."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpcenter.publish.slim import slim_script

from ..conftest import ROOT, run_build_py

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate_corpus import generate


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_site_has_every_page(sample_site: Path):
    articles = [p for p in (ROOT / "docs" / "en").glob("*/*.md") if p.name != "index.md"]
    categories = {p.parent.name for p in articles}
    assert len(articles) >= 30 and len(categories) >= 7
    for article in articles:
        assert (sample_site / article.parent.name / article.stem / "index.html").is_file(), article
    for name in ("index.html", "404.html", "search/index.html", "contact/index.html"):
        assert (sample_site / name).is_file()


def test_sample_articles_have_required_front_matter():
    from helpcenter.content.frontmatter import parse_front_matter

    for path in (ROOT / "docs" / "en").glob("*/*.md"):
        front = parse_front_matter(path.read_text(encoding="utf-8"), str(path))
        assert front.problems == []
        assert front.meta.get("title") and front.meta.get("description"), path
    assert (ROOT / "docs/en/account-plans/how-to-get-help.md").is_file()


def test_no_page_loads_fonts_or_scripts_from_other_sites(sample_site: Path):
    """What a page loads by itself (src=, <link href=>) stays on the site. The browser tests
    check the same with real network requests."""
    resource = re.compile(r"""<(?:script|img|iframe|link)\b[^>]*?(?:src|href)=["']?(?:https?:)?//""")
    for page in sample_site.rglob("*.html"):
        html = re.sub(r'<link rel="(canonical|alternate)"[^>]*>', "", page.read_text("utf-8"))
        assert not resource.search(html), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


@pytest.fixture(scope="module")
def broken_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    docs = root / "docs"
    write(docs / "index.md", "---\ntitle: Home\n---\n")
    write(docs / "guides/index.md", "---\ntitle: Guides\nicon: material/no-such-icon\n---\n")
    write(docs / "guides/good.md", "---\ntitle: Good\ndescription: Fine.\n---\n\n## Steps\n\ntext\n")
    write(docs / "guides/stale.md", "---\ntitle: Stale\ndescription: Old.\nreview_by: 2020-01-31\n---\nx\n")
    write(docs / "guides/pictures.md", "---\ntitle: Pictures\ndescription: Shots.\n---\n\n![](shot.png)\n\n"
          "![The sync button](shot.png)\n<img src=\"shot.png\">\n```\n![](in-code.png)\n```\n")
    (docs / "guides/shot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write(docs / "loose.md", "---\ntitle: Loose\ndescription: Outside the folders.\n---\nx\n")
    write(docs / "guides/bad-yaml.md", "---\ntitle: A\ndescription: [unclosed\norder: 1\n---\nx\n")
    write(docs / "guides/unknown-key.md", "---\ntitle: A\ndescription: B\nauthor: me\n---\nx\n")
    write(docs / "guides/no-title.md", "---\ndescription: no title anywhere\n---\n\ntext only\n")
    write(docs / "guides/bad-order.md", "---\ntitle: A\norder: first\n---\nx\n")
    write(docs / "guides/links.md", "---\ntitle: Links\n---\n\n[ok](good.md#steps)\n\n"
          "[missing](gone.md)\n[bad anchor](good.md#nowhere)\n[self](#nothing-here)\n")
    write(docs / "other/_category.yml", "title: Other\norder: [1\n")
    write(docs / "other/page.md", "# Page\n")
    return root


EXPECTED = [
    ("docs/guides/bad-yaml.md", 4, "invalid YAML"),
    ("docs/guides/unknown-key.md", 4, "unknown front matter key 'author'"),
    ("docs/guides/bad-order.md", 3, "'order' must be a whole number"),
    ("docs/guides/links.md", 7, "broken link 'gone.md'"),
    ("docs/guides/links.md", 8, "broken anchor 'good.md#nowhere'"),
    ("docs/guides/links.md", 9, "broken anchor '#nothing-here'"),
    ("docs/guides/index.md", 3, "unknown icon 'material/no-such-icon'"),
    ("docs/other/_category.yml", 3, "invalid YAML"),
]


# Editorial warnings: the page builds, the writer is told.
EXPECTED_WARNINGS = [
    ("docs/guides/no-title.md", 1, "no title: shown as 'No title' from its file name"),
    ("docs/guides/links.md", 1, "no description"),
    ("docs/guides/stale.md", 4, "review_by 2020-01-31 has passed"),
    ("docs/guides/pictures.md", 6, "image 'shot.png' has no alt text"),
    ("docs/guides/pictures.md", 9, "<img> has no alt text"),
    ("docs/loose.md", 1, "not in any category folder"),
]


@pytest.mark.parametrize("command", ["build", "check"])
def test_every_problem_is_reported_as_file_line_message(broken_docs: Path, command: str):
    extra = ["--site-dir", str(broken_docs / "site")] if command == "build" else []
    result = run_build_py(command, "--docs-dir", "docs", "--strict", *extra, cwd=broken_docs)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for path, line, message in EXPECTED:
        prefix = f"{path}:{line}: "
        assert any(x.startswith(prefix) and message in x for x in lines), (prefix, message, lines)
    for path, line, message in EXPECTED_WARNINGS:
        prefix = f"{path}:{line}: warning: "
        assert any(x.startswith(prefix) and message in x for x in lines), (prefix, message, lines)
    assert len([x for x in lines if x.startswith("docs/guides/pictures.md:")]) == 2  # not the code block
    assert f"{len(EXPECTED)} problems in the docs" in result.stderr
    assert "docs/guides/good.md" not in result.stderr
    assert not (broken_docs / "site" / "index.html").exists()


def test_lenient_build_reports_warnings_but_succeeds(broken_docs: Path, tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(broken_docs / "docs", docs)
    for name in ("bad-yaml.md", "bad-order.md"):  # real errors even when lenient
        (docs / "guides" / name).unlink()
    (docs / "guides/index.md").write_text("---\ntitle: Guides\n---\n")
    (docs / "other/_category.yml").write_text("title: Other\n")
    result = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "unknown-key.md:4: warning: unknown front matter key 'author'" in result.stderr
    assert "links.md:7: warning: broken link 'gone.md'" in result.stderr
    assert (tmp_path / "site/guides/links/index.html").is_file()


def test_check_passes_on_the_sample_docs():
    result = run_build_py("check")
    assert result.returncode == 0, result.stderr
    assert "check passed" in result.stderr


def test_fastapi_corpus_builds_in_both_languages(fastapi_sites: dict[str, Path], corpus: Path):
    for language in ("en", "es"):
        site = fastapi_sites[language]
        # Every Markdown page of the corpus is a page of the site.
        sources = {path.relative_to(corpus / language).with_suffix("") for path in (corpus / language).rglob("*.md")}
        built = {path.relative_to(site).parent for path in site.rglob("index.html")}
        assert len(sources) > 100
        assert {(s.parent if s.name == "index" else s) for s in sources} <= built
        # pymdownx blocks (/// tip | Title) are our admonitions; { #anchor } heading ids hold.
        assert "'/// block' syntax" not in fastapi_sites[f"{language}-log"]
        bigger = (site / "tutorial/bigger-applications/index.html").read_text(encoding="utf-8")
        assert re.search(r'<div class="admonition tip">\s*<p class="admonition-title">', bigger)
        assert "\n///" not in bigger and "{ #" not in bigger
        assert 'id="check-it"' in (site / "tutorial/first-steps/index.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in (site / "index.html").read_text(encoding="utf-8")
        tutorial = (site / "tutorial/index.html").read_text(encoding="utf-8")
        assert "Tutorial - User Guide" in tutorial or "Tutorial - Guía del Usuario" in tutorial


def test_article_page_size_does_not_grow_with_the_site(tmp_path: Path):
    sizes = {}
    for articles in (40, 400):
        docs = generate(tmp_path / f"docs-{articles}", articles, categories=articles // 10)
        site = tmp_path / f"site-{articles}"
        result = run_build_py("build", "--docs-dir", str(docs), "--site-dir", str(site))
        assert result.returncode == 0, result.stderr[-2000:]
        sizes[articles] = (site / "channels-1/article-3/index.html").stat().st_size
    # Same article, same category size: a 10x bigger site may only add category names.
    assert sizes[400] < sizes[40] * 1.1, sizes


def test_new_scaffolds_an_article_that_passes_check(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "en", docs)
    result = run_build_py("new", "calendar-sync", "Sync a Google Calendar", "--keywords",
                          "google, calendar", "--docs-dir", str(docs))
    assert result.returncode == 0, result.stderr
    created = Path(result.stdout.strip())
    assert created == docs / "calendar-sync/sync-a-google-calendar.md"
    text = created.read_text()
    assert "title: Sync a Google Calendar" in text and "order: 6" in text
    assert "- google" in text
    again = run_build_py("new", "calendar-sync", "Sync a Google Calendar", "--docs-dir", str(docs))
    assert again.returncode == 2 and "already exists" in again.stderr
    unknown = run_build_py("new", "nope", "Title", "--docs-dir", str(docs))
    assert unknown.returncode == 2 and "no category folder 'nope'" in unknown.stderr
    check = run_build_py("check", "--docs-dir", str(docs), "--strict")
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("command", ["build", "serve", "check", "new"])
def test_every_command_has_help(command: str):
    result = run_build_py(command, "--help")
    assert result.returncode == 0 and "usage: build.py " + command in result.stdout


def test_search_modules_are_published_as_their_bundle_only(sample_site: Path):
    published = sorted(p.name for p in (sample_site / "assets/helpcenter/search").iterdir())
    assert published == ["bundle.js"]
    # The JavaScript the functions share is published once (every language uses the root's), from common/.
    # (less its comment lines: helpcenter/publish/slim.py)
    assert (sample_site / "assets/helpcenter/common/contact/validate.js").read_text(encoding="utf-8") == slim_script(
        (ROOT / "common/contact/validate.js").read_text(encoding="utf-8"))


def _mkdocs(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                          cwd=config.parent, capture_output=True, text=True, timeout=300, check=False)


def _sample_config(tmp_path: Path, **replacements: str) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs/en", f"docs_dir: {ROOT / 'docs' / 'en'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_mkdocs_refuses_a_multilingual_site_and_names_build_py(tmp_path: Path):
    done = _mkdocs(_sample_config(tmp_path), tmp_path / "site")
    assert done.returncode != 0 and "python build.py build" in done.stderr, done.stderr[-2000:]
    assert not (tmp_path / "site" / "index.html").exists()


def test_plain_mkdocs_builds_a_one_language_site_whole(tmp_path: Path):
    done = _mkdocs(_sample_config(tmp_path, **{"languages: [en, es, fr]": "languages: [en]"}), tmp_path / "site")
    assert done.returncode == 0, done.stderr[-2000:]
    site = tmp_path / "site"
    assert (site / "calendar-sync/import-ical-feed/index.html").is_file()
    assert list((site / "search").glob("manifest.*.json")) and "/es/" not in (site / "sitemap.xml").read_text()
    assert "/es/" not in (site / "_redirects").read_text()


def test_a_disabled_plugin_does_nothing(tmp_path: Path):
    # Disabled, with Material's own templates (ours need the plugin): a plain Material site.
    config = _sample_config(tmp_path, **{"  - helpcenter:\n": "  - helpcenter:\n      enabled: false\n",
                                         f"  custom_dir: {ROOT / 'overrides'}\n": ""})
    done = _mkdocs(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-2000:]
    site = tmp_path / "site"
    assert (site / "calendar-sync/import-ical-feed/index.html").is_file()
    assert not (site / "search").exists() and not (site / "_headers").exists()
    assert not (site / "contact").exists()  # no pages of ours added


def test_a_one_language_site_in_spanish_is_spanish_throughout(tmp_path: Path):
    config = _sample_config(tmp_path, **{"      languages: [en, es, fr]\n": "", "language: en": "language: es",
                                         f"docs_dir: {ROOT / 'docs' / 'en'}": f"docs_dir: {ROOT / 'docs' / 'es'}"})
    done = run_build_py("build", "-f", str(config), "--site-dir", str(tmp_path / "site"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    page = (tmp_path / "site/calendar-sync/import-ical-feed/index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page and "¿Te ha resultado útil" in page
    manifest = next((tmp_path / "site/search").glob("manifest.*.json")).read_text(encoding="utf-8")
    assert '"lang":"es"' in manifest


def test_disabling_the_plugin_while_keeping_its_templates_is_named(tmp_path: Path):
    config = _sample_config(tmp_path, **{"  - helpcenter:\n": "  - helpcenter:\n      enabled: false\n"})
    done = run_build_py("build", "-f", str(config), "--site-dir", str(tmp_path / "site"), cwd=tmp_path)
    assert done.returncode == 1 and "remove custom_dir too" in done.stderr, done.stderr[-2000:]
