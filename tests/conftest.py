"""Shared fixtures: a built sample site, a Netlify-like server for it, a real Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A slice of a real corpus nobody here wrote (FastAPI's docs in eight languages; MIT, see its README).
CORPUS = ROOT / "tests" / "fixtures" / "fastapi"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

sys.path.insert(0, str(ROOT))


def run_build_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run build.py as a writer would, capturing what it prints."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sample") / "site"
    result = run_build_py("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def fastapi_sites(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[str, Path]:
    """The FastAPI corpus built in English and Spanish, as `build.py build --lang` builds it."""
    sites = {}
    for language in ("en", "es"):
        site = tmp_path_factory.mktemp(f"fastapi-{language}") / "site"
        result = run_build_py("build", "--docs-dir", str(corpus / language), "--site-dir",
                              str(site), "--lang", language)
        assert result.returncode == 0, result.stderr[-3000:]
        sites[language] = site
        sites[f"{language}-log"] = result.stderr
    return sites


# -- a language added by configuration alone ------------------------------------------------------
GERMAN_REFUNDS = """---
title: Einem Gast Geld erstatten
description: Eine Zahlung ganz oder teilweise zurückzahlen, und wann das Geld ankommt.
keywords: [Rückerstattung, Teilerstattung, Fälligkeit]
---

Sie können einem Gast den Betrag direkt aus der Buchung erstatten, ganz oder teilweise. Villadesk
schickt die Erstattungen über Stripe auf die verwendete Karte; wann sie ankommen, hängt von der Bank ab.
"""


ARABIC_REFUNDS = """---
title: استرداد المبلغ للضيف
description: أعد كل الدفعة أو جزءا منها، واعرف متى يصل المال.
---

يمكنك استرداد المبلغ للضيف من صفحة الحجز، كاملا أو جزئيا.
"""


def sample_with_language(root: Path, code: str, pages: dict[str, str]) -> dict[str, object]:
    """The sample's English with another language: one word in mkdocs.yml and its docs folder,
    no code (the sample's own other languages are left out, to keep the build short)."""
    shutil.copytree(ROOT / "docs" / "en", root / "docs" / "en")
    for path, text in pages.items():
        (root / "docs" / code / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / code / path).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs/en", f"docs_dir: {root / 'docs' / 'en'}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("languages: [en, es, fr]", f"languages: [en, {code}]")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_build_py("build", "-f", str(root / "mkdocs.yml"), "--site-dir", str(root / "site"), cwd=root)
    return {"site": root / "site", "result": result}


@pytest.fixture(scope="session")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return sample_with_language(tmp_path_factory.mktemp("german"), "de", {
        "index.md": "---\ntitle: Wie können wir helfen?\n---\n",
        "payments-billing/refunds.md": GERMAN_REFUNDS})


@pytest.fixture(scope="session")
def german_site_url(german_site: dict[str, object]) -> Iterator[str]:
    site = german_site["site"]
    assert isinstance(site, Path)
    yield from serve(site)


# Right-to-left languages: a home title, a refunds article, a word that finds it.
RIGHT_TO_LEFT = {
    "ar": ("كيف يمكننا مساعدتك؟", ARABIC_REFUNDS, "استرداد"),
    "he": ("איך נוכל לעזור?", "---\ntitle: החזר כספי לאורח\ndescription: החזירו את התשלום כולו או חלקו.\n---\n\n"
           "אפשר להחזיר לאורח את הכסף מדף ההזמנה, במלואו או בחלקו.\n", "החזר"),
    "fa": ("چطور می‌توانیم کمک کنیم؟", "---\ntitle: بازپرداخت وجه به مهمان\ndescription: همه یا بخشی از پرداخت را "
           "برگردانید.\n---\n\nمی‌توانید مبلغ را از صفحهٔ رزرو به مهمان بازپرداخت کنید.\n", "بازپرداخت"),
    "ur": ("ہم آپ کی کیا مدد کر سکتے ہیں؟", "---\ntitle: مہمان کو رقم کی واپسی\ndescription: پوری یا جزوی ادائیگی "
           "واپس کریں۔\n---\n\nآپ بکنگ کے صفحے سے مہمان کو پوری یا جزوی رقم واپس کر سکتے ہیں۔\n", "واپسی"),
}


@pytest.fixture(scope="session")
def right_to_left_site_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The home page of a right-to-left language (indirect parameter: its code) added to the
    sample's English."""
    code = request.param
    title, refunds, _ = RIGHT_TO_LEFT[code]
    built = sample_with_language(tmp_path_factory.mktemp(f"rtl-{code}"), code, {
        "index.md": f"---\ntitle: {title}\n---\n", "payments-billing/refunds.md": refunds})
    result, site = built["result"], built["site"]
    assert isinstance(result, subprocess.CompletedProcess) and result.returncode == 0, result
    assert isinstance(site, Path)
    for url in serve(site):
        yield f"{url}{code}/"


def serve(site: Path) -> Iterator[str]:
    from . import localserver

    server = localserver.start(site, ROOT / "netlify.toml")
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


@pytest.fixture(scope="session")
def spanish_corpus_url(fastapi_sites: dict[str, Path]) -> Iterator[str]:
    yield from serve(fastapi_sites["es"])


def search_manifest(site: Path) -> str:
    [manifest] = (site / "search").glob("manifest.*.json")
    return str(manifest.relative_to(site))


def run_node_search(site: Path, queries: list[str], tiers: tuple[str, ...] = ("primary", "rest", "body"),
                    limit: int = 10) -> list[dict]:
    """Our search engine in Node (real lunr.js) on a built site."""
    import json

    request = {"op": "search", "site": str(site), "manifest": search_manifest(site),
               "queries": queries, "tiers": list(tiers), "limit": limit}
    done = subprocess.run(["node", str(ROOT / "tests/js/search_cli.mjs")], input=json.dumps(request),
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["answers"]


@pytest.fixture(scope="module")
def stack(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, object]]:
    """The functions (netlify/dev/server.mjs) in front of the sample site, delivering to a
    webhook receiver on loopback: (DevServer, Receiver)."""
    from .contact_support import DevServer, Receiver

    receiver = Receiver()
    url = receiver.start()
    server = DevServer(site_url, tmp_path_factory.mktemp("blobs"), {
        "HELPCENTER_DELIVERY": "webhook", "WEBHOOK_URL": f"{url}/hook", "WEBHOOK_SECRET": "s"})
    yield server, receiver
    server.stop()
    receiver.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run scripts/test.sh"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
