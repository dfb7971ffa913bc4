"""Publishing: what search engines and link previews read on every page (validated against
the schema.org shapes Google documents), robots.txt, the edit links, and the CI workflow."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from ..conftest import ROOT

SITE = "https://help.villadesk.example/"
ORGANIZATION = {"type": "object", "required": ["@type", "name"], "properties": {
    "@type": {"enum": ["Organization", "Person"]}, "name": {"type": "string", "minLength": 1},
    "url": {"type": "string", "pattern": "^https://"}}}
# schema.org/Article as Google reads it (developers.google.com/search/docs/appearance/structured-data/article):
# headline at most 110 characters, dates in ISO 8601, author and publisher with a name.
ARTICLE = {
    "type": "object",
    "required": ["@context", "@type", "headline", "dateModified", "author", "mainEntityOfPage", "inLanguage"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "Article"},
        "headline": {"type": "string", "minLength": 1, "maxLength": 110},
        "description": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": "^https://"},
        "dateModified": {"type": "string",
                         "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"},
        "inLanguage": {"enum": ["en", "es"]},
        "author": ORGANIZATION,
        "publisher": ORGANIZATION,
        "mainEntityOfPage": {"type": "object", "required": ["@type", "@id"],
                             "properties": {"@type": {"const": "WebPage"}, "@id": {"type": "string"}}},
    },
    "additionalProperties": False,
}
# schema.org/BreadcrumbList: ListItems with position, name and item (a URL).
BREADCRUMBS = {
    "type": "object",
    "required": ["@context", "@type", "itemListElement"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "BreadcrumbList"},
        "itemListElement": {"type": "array", "minItems": 2, "items": {
            "type": "object", "required": ["@type", "position", "name", "item"], "additionalProperties": False,
            "properties": {"@type": {"const": "ListItem"}, "position": {"type": "integer", "minimum": 1},
                           "name": {"type": "string", "minLength": 1},
                           "item": {"type": "string", "pattern": "^https://"}}}},
    },
    "additionalProperties": False,
}


def structured_data(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def meta(html: str, name: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def article_pages(site: Path) -> list[tuple[str, Path]]:
    pages = []
    for code, prefix in (("en", ""), ("es", "es/")):
        for source in (ROOT / "docs" / code).glob("*/*.md"):
            if source.name != "index.md":
                relative = source.relative_to(ROOT / "docs" / code).with_suffix("")
                pages.append((code, site / prefix / relative / "index.html"))
    return pages


def test_every_article_has_valid_article_and_breadcrumb_json_ld(sample_site: Path) -> None:
    pages = article_pages(sample_site)
    assert len(pages) == 78
    for code, page in pages:
        html = page.read_text(encoding="utf-8")
        data = structured_data(html)
        assert [d["@type"] for d in data] == ["Article", "BreadcrumbList"], page
        article, crumbs = data
        jsonschema.validate(article, ARTICLE)
        jsonschema.validate(crumbs, BREADCRUMBS)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert article["url"] == article["mainEntityOfPage"]["@id"] == canonical == meta(html, "og:url")
        assert article["inLanguage"] == code
        assert article["headline"] == re.search(r"<h1[^>]*>(.*?)<", html).group(1).replace("&amp;", "&")
        # The date readers see is the date search engines get (the last commit of the file).
        shown = re.search(r'<time datetime="([\d-]+)"', html).group(1)
        assert article["dateModified"].startswith(shown)
        items = crumbs["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert items[0]["item"] == SITE + ("es/" if code == "es" else "") and items[-1]["item"] == canonical
        assert len(items) == 3 and items[1]["item"] == canonical.rsplit("/", 2)[0] + "/"


def test_no_page_claims_faq_or_howto_markup(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '"FAQPage"' not in text and '"HowTo"' not in text, page


def test_link_previews_carry_the_articles_title_and_description(sample_site: Path) -> None:
    html = (sample_site / "es/calendar-sync/export-ical-feed/index.html").read_text(encoding="utf-8")
    source = (ROOT / "docs/es/calendar-sync/export-ical-feed.md").read_text(encoding="utf-8")
    description = yaml.safe_load(source.split("---")[1])["description"]
    assert meta(html, "og:type") == "article" and meta(html, "twitter:card") == "summary"
    assert meta(html, "og:title") == meta(html, "twitter:title") == "Exportar tu calendario de Villadesk"
    assert meta(html, "og:description") == meta(html, "twitter:description") == description
    assert meta(html, "og:locale") == "es_ES" and meta(html, "og:locale:alternate") == "en_US"
    assert meta(html, "og:site_name") == "Centro de ayuda de Villadesk"
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert meta(home, "og:type") == "website" and meta(home, "og:description")
    assert [d["@type"] for d in structured_data(home)] == []
    category = (sample_site / "calendar-sync/index.html").read_text(encoding="utf-8")
    assert [d["@type"] for d in structured_data(category)] == ["BreadcrumbList"]


def test_robots_txt_points_to_the_sitemap(sample_site: Path) -> None:
    robots = (sample_site / "robots.txt").read_text()
    assert "User-agent: *" in robots and f"Sitemap: {SITE}sitemap.xml" in robots
    assert (sample_site / "sitemap.xml").is_file()


def test_customers_see_no_writers_links(sample_site: Path) -> None:
    """"Edit this page" is for writers (the preview, or a site that opts in), and the footer
    does not advertise the site generator."""
    for _, page in article_pages(sample_site):
        html = page.read_text(encoding="utf-8")
        assert "/edit/main/" not in html and "/new/main/" not in html, page
        assert "Material for MkDocs" not in html, page


# -- the CI workflow ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))


def steps_text(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"])


def test_workflow_tests_checks_previews_and_publishes(workflow: dict) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    test, deploy = workflow["jobs"]["test"], workflow["jobs"]["deploy"]
    assert "bash .ci/run" in steps_text(test) and "build.py check" in steps_text(test)
    assert deploy["needs"] == "test"
    run = steps_text(deploy)
    # netlify.toml is the single source of the build: the deploy builds with it, no --dir.
    assert "deploy --build --context deploy-preview" in run and "deploy --build --prod" in run
    assert "--dir" not in run and "--functions" not in run
    assert "github-script" in run and "deploy_url" in run
    # Node 20 everywhere, and a netlify-cli release that runs on it.
    for job in (test, deploy):
        node = next(s for s in job["steps"] if "setup-node" in s.get("uses", ""))
        assert str(node["with"]["node-version"]) == "20"
        checkout = next(s for s in job["steps"] if "checkout" in s.get("uses", ""))
        assert checkout["with"]["fetch-depth"] == 0  # git dates need the history
    assert re.fullmatch(r"netlify-cli@2[0-6]\.\d+\.\d+", workflow["env"]["NETLIFY_CLI"])


def test_workflow_takes_credentials_only_from_secrets(workflow: dict) -> None:
    text = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    deploy_step = next(s for s in workflow["jobs"]["deploy"]["steps"] if s.get("id") == "deploy")
    assert deploy_step["env"]["NETLIFY_AUTH_TOKEN"] == "${{ secrets.NETLIFY_AUTH_TOKEN }}"
    assert deploy_step["env"]["NETLIFY_SITE_ID"] == "${{ secrets.NETLIFY_SITE_ID }}"
    assert not re.search(r"nfp_[A-Za-z0-9]{20,}", text)  # no Netlify token pasted in
    assert workflow["permissions"] == {"contents": "read"}


def test_netlify_toml_builds_what_the_workflow_deploys() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"]["command"].endswith("python build.py build") and config["build"]["publish"] == "site"
    assert config["build"]["environment"]["NODE_VERSION"] == "20"
    assert config["functions"]["directory"] == "netlify/functions"
    functions = {p.stem for p in (ROOT / "netlify/functions").glob("*.mjs")}
    assert {"contact", "contact-upload", "retry-tickets", "feedback", "search-miss", "insights-cleanup"} <= functions
