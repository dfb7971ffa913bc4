"""A new help center of its own, in one command (``build.py init DIR --name --languages``):
its mkdocs.yml (its name, nothing of the sample's), a starter category and article per
language, netlify.toml, the publishing workflow, a README with its two commands, its own
tests, and the generator itself as a git submodule (``generator/``), so later versions come
with ``git submodule update --remote generator`` and nothing is copied by hand: the theme,
the plugin and the functions all come from there. Plain Python, no MkDocs."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .i18n.tags import canonical_tag

GENERATOR = "generator"

# The starter pages, per language (others start in English, for their writers to replace).
STARTER = {
    "en": {"home": "How can we help?", "category": "Getting started",
           "category_description": "First steps with {name}.",
           "article": "Welcome to {name}", "article_description": "What this help center covers and how to reach us.",
           "body": "This help center answers questions about {name}. Search above, browse the categories, "
                   "or contact us from any page.\n\n## Next steps\n\n1. Replace this article with your own.\n"
                   "2. Add a folder per category under `docs/{lang}/`, with an `index.md`.\n"},
    "es": {"home": "¿Cómo podemos ayudarte?", "category": "Primeros pasos",
           "category_description": "Los primeros pasos con {name}.",
           "article": "Te damos la bienvenida a {name}",
           "article_description": "Qué encontrarás en este centro de ayuda y cómo contactarnos.",
           "body": "Este centro de ayuda responde a tus preguntas sobre {name}. Busca arriba, explora las "
                   "categorías o contáctanos desde cualquier página.\n\n## Próximos pasos\n\n"
                   "1. Sustituye este artículo por uno tuyo.\n"
                   "2. Añade una carpeta por categoría en `docs/{lang}/`, con su `index.md`.\n"},
    "fr": {"home": "Comment pouvons-nous vous aider ?", "category": "Premiers pas",
           "category_description": "Vos premiers pas avec {name}.",
           "article": "Bienvenue sur {name}",
           "article_description": "Ce que couvre ce centre d’aide et comment nous joindre.",
           "body": "Ce centre d’aide répond à vos questions sur {name}. Cherchez ci-dessus, parcourez les "
                   "catégories ou contactez-nous depuis n’importe quelle page.\n\n## Et ensuite\n\n"
                   "1. Remplacez cet article par le vôtre.\n"
                   "2. Ajoutez un dossier par catégorie dans `docs/{lang}/`, avec son `index.md`.\n"},
    "de": {"home": "Wie können wir helfen?", "category": "Erste Schritte",
           "category_description": "Die ersten Schritte mit {name}.",
           "article": "Willkommen bei {name}",
           "article_description": "Was dieses Hilfe-Center abdeckt und wie Sie uns erreichen.",
           "body": "Dieses Hilfe-Center beantwortet Ihre Fragen zu {name}. Suchen Sie oben, stöbern Sie in "
                   "den Kategorien oder schreiben Sie uns von jeder Seite aus.\n\n## Nächste Schritte\n\n"
                   "1. Ersetzen Sie diesen Artikel durch Ihren eigenen.\n"
                   "2. Legen Sie pro Kategorie einen Ordner in `docs/{lang}/` an, mit einer `index.md`.\n"},
}


class StarterError(ValueError):
    """Why a help center cannot be made there (the folder, a language, git)."""


@dataclass(frozen=True)
class NewHelpCenter:
    folder: Path
    name: str
    languages: tuple[str, ...]
    generator_source: str  # what the submodule is cloned from (a URL or a path)


def create_help_center(plan: NewHelpCenter, generator_root: Path) -> list[Path]:
    """Write the help center and add the generator as a submodule; the files written."""
    folder = plan.folder
    if folder.exists() and any(folder.iterdir()):
        raise StarterError(f"{folder} is not empty: init makes a new help center in a new or empty folder")
    if not plan.languages:
        raise StarterError("--languages: at least one language, e.g. en or en,fr")
    for code in plan.languages:
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", code):
            raise StarterError(f"--languages: {code!r} is not a language code such as 'en' or 'pt-BR'")
    files = {
        "mkdocs.yml": _mkdocs_yml(plan, generator_root),
        "build.py": _BUILD_SHIM,
        "netlify.toml": _netlify_toml(),
        ".gitignore": "/site/\n__pycache__/\n.netlify/\n",
        "README.md": _readme(plan),
        "scripts/setup.sh": _SETUP,
        "scripts/serve.sh": _SERVE,
        "scripts/test.sh": _TEST,
        "tests/test_help_center.py": _OWN_TESTS,
        ".github/workflows/publish.yml": _workflow(generator_root),
    }
    for code in plan.languages:
        words = {key: value.format(name=plan.name, lang=code)
                 for key, value in STARTER.get(code, STARTER["en"]).items()}
        files[f"docs/{code}/index.md"] = f"---\ntitle: {_yaml(words['home'])}\n---\n"
        files[f"docs/{code}/getting-started/index.md"] = (
            f"---\ntitle: {_yaml(words['category'])}\ndescription: {_yaml(words['category_description'])}\n"
            "icon: material/rocket-launch-outline\norder: 1\n---\n")
        files[f"docs/{code}/getting-started/welcome.md"] = (
            f"---\ntitle: {_yaml(words['article'])}\ndescription: {_yaml(words['article_description'])}\n"
            f"order: 1\n---\n\n{words['body']}")
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for script in ("build.py", "scripts/setup.sh", "scripts/serve.sh", "scripts/test.sh"):
        (folder / script).chmod(0o755)
    _add_generator(folder, plan.generator_source)
    return written


def default_generator_source(generator_root: Path) -> str:
    """Where the submodule comes from: this generator's public remote, else its own folder."""
    try:
        url = subprocess.run(["git", "-C", str(generator_root), "remote", "get-url", "origin"],
                             capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        url = ""
    return url if re.match(r"^(https?|ssh|git)://|^git@", url) else str(generator_root)


def parse_languages(value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(canonical_tag(code) for code in value.split(",") if code.strip()))


def _add_generator(folder: Path, source: str) -> None:
    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-c", "protocol.file.allow=always", *args], cwd=folder, capture_output=True,
                              text=True, timeout=300, check=False)

    steps: list[tuple[str, ...]] = [("init", "-q")] if not (folder / ".git").exists() else []
    steps.append(("submodule", "add", "-q", source, GENERATOR))
    for step in steps:
        done = git(*step)
        if done.returncode != 0:
            raise StarterError(f"git {' '.join(step[:2])} failed in {folder}: {done.stderr.strip()[:500]}\n"
                               f"The files are written; add the generator yourself: "
                               f"git submodule add {source} {GENERATOR}")


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _mkdocs_yml(plan: NewHelpCenter, generator_root: Path) -> str:
    """Its own site settings; the theme and Markdown settings as the generator has them."""
    sample = (generator_root / "mkdocs.yml").read_text(encoding="utf-8")
    markdown = sample[sample.index("markdown_extensions:"):]
    languages = ", ".join(plan.languages)
    return f"""# {plan.name}: a help center made with the help-center generator, which lives in
# {GENERATOR}/ (a git submodule: its theme, plugin and functions). Options: {GENERATOR}/README.md.
site_name: {_yaml(plan.name)}
site_description: {_yaml(f"Answers and support for {plan.name}.")}
# Your site's address (canonical links, sitemap, social cards), once you have it:
# site_url: https://help.example.com/
docs_dir: docs/{plan.languages[0]}
site_dir: site
use_directory_urls: true

theme:
  name: material
  custom_dir: {GENERATOR}/overrides
  language: {plan.languages[0]}
  font: false
  favicon: assets/helpcenter/favicon.svg
  logo: assets/helpcenter/logo.svg
  features:
    - content.code.copy

plugins:
  - helpcenter:
      # The languages, the default first: one folder each in docs/.
      languages: [{languages}]
      # What the build writes for the generator's functions (contact form, search, insights).
      form_schema_file: {GENERATOR}/netlify/generated/form-schema.json
      site_pages_file: {GENERATOR}/netlify/generated/site-pages.json
      function_text_file: {GENERATOR}/netlify/generated/text.json
      # Your support details, when you have them (see {GENERATOR}/README.md):
      # contact_email: support@example.com
      # reply_promise: We answer every request within one business day.
      # support_hours: {{timezone: Europe/Paris, weekly: {{monday: "09:00-17:00"}}}}
      # channels, plans, chat, synonyms, translations

extra:
  generator: false

{markdown}"""


def _netlify_toml() -> str:
    return f"""# Netlify builds and publishes this help center from this file alone.
[build]
  command = "git submodule update --init && pip install ./{GENERATOR} && python build.py build"
  publish = "site"

# The generator's functions: contact form, uploads, search without JavaScript, insights.
[functions]
  directory = "{GENERATOR}/netlify/functions"
  node_bundler = "esbuild"

[build.environment]
  PYTHON_VERSION = "3.11"
  NODE_VERSION = "20"
  NO_MKDOCS_2_WARNING = "1"

[[headers]]
  for = "/*"
  [headers.values]
    X-Content-Type-Options = "nosniff"
    Referrer-Policy = "strict-origin-when-cross-origin"
    X-Frame-Options = "DENY"
    Cross-Origin-Opener-Policy = "same-origin"

[[headers]]
  for = "/search/*.json"
  [headers.values]
    Cache-Control = "public, max-age=31536000, immutable"
"""


def _workflow(generator_root: Path) -> str:
    """The generator's own publishing workflow, with the submodule checked out."""
    workflow = (generator_root / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    workflow = workflow.replace("          fetch-depth: 0", "          fetch-depth: 0\n          submodules: true")
    workflow = workflow.replace("npm ci --no-audit --no-fund", f"npm ci --no-audit --no-fund --prefix {GENERATOR}")
    workflow = workflow.replace("bash .ci/run", "bash scripts/test.sh")
    return workflow.replace(".venv/bin/python build.py check", f"{GENERATOR}/.venv/bin/python build.py check")


def _readme(plan: NewHelpCenter) -> str:
    return f"""# {plan.name}

```sh
bash scripts/serve.sh   # set everything up and serve this help center at http://127.0.0.1:8000
bash scripts/test.sh    # set everything up and run this help center's tests
```

Both work on a fresh Debian machine with Python 3.11 and Node 20.

- Articles are Markdown in `docs/<language>/` ({", ".join(plan.languages)}): a folder per category
  with an `index.md`, an article per file. `python build.py new getting-started "A title"`
  scaffolds one; `python build.py check` checks links and front matter.
- `python build.py build` writes the site to `site/`; Netlify publishes it with `netlify.toml`
  (`.github/workflows/publish.yml` tests, then deploys: set `NETLIFY_AUTH_TOKEN` and
  `NETLIFY_SITE_ID` in the repository's secrets).
- Settings (support e-mail, hours, plans, chat, translations) are in `mkdocs.yml`; every
  option is described in `{GENERATOR}/README.md`.

## Taking a new version of the generator

The generator is the git submodule `{GENERATOR}/`: its theme, plugin and functions are used
from there, and nothing of it is copied here. To take its latest version:

```sh
git submodule update --remote {GENERATOR}
bash scripts/test.sh
git commit -am "Generator: latest version"
```

Pin a release instead with `git -C {GENERATOR} checkout <tag>` and commit the submodule.
"""


_BUILD_SHIM = '''#!/usr/bin/env python3
"""This help center's commands: the generator's build.py (generator/, a git submodule) with
this folder's mkdocs.yml. `python build.py --help` lists them."""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generator"
SITE_COMMANDS = {"build", "serve", "check"}

if not (GENERATOR / "build.py").is_file():
    sys.exit("generator/ is empty: run `git submodule update --init` (or `bash scripts/setup.sh`)")
args = sys.argv[1:]
if args and args[0] in SITE_COMMANDS and not {"-f", "--config-file"} & set(args):
    args = [args[0], "-f", str(HERE / "mkdocs.yml"), *args[1:]]
if args and args[0] == "new" and "--docs-dir" not in args:  # the default language's folder
    docs = next((line.split(":", 1)[1].strip() for line in (HERE / "mkdocs.yml").read_text().splitlines()
                 if line.startswith("docs_dir:")), "docs/en")
    args = [*args, "--docs-dir", str(HERE / docs)]
venv = GENERATOR / ".venv" / "bin" / "python"
python = str(venv) if venv.exists() else sys.executable
os.chdir(HERE)
os.execv(python, [python, str(GENERATOR / "build.py"), *args])
'''

_SETUP = """#!/usr/bin/env bash
# The generator (git submodule) and what it needs: its .venv and npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
git submodule update --init
bash generator/scripts/setup.sh "$@"
"""

_SERVE = """#!/usr/bin/env bash
# Set everything up and serve this help center with live reload at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec generator/.venv/bin/python build.py serve "$@"
"""

_TEST = """#!/usr/bin/env bash
# Set everything up and run this help center's tests: every article checked (front matter,
# links, translations), the site built strictly, then tests/ on the built pages.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
generator/.venv/bin/python build.py check
generator/.venv/bin/python -m unittest discover -s tests -v
"""

_OWN_TESTS = '''"""This help center's own tests: it builds strictly, and every language has its home,
its categories and its articles, each page in its language. Run by scripts/test.sh."""

import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from slugify import slugify  # the generator's own dependency

HERE = Path(__file__).resolve().parents[1]


class HelpCenterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = Path(tempfile.mkdtemp()) / "site"
        cls.build = subprocess.run([sys.executable, str(HERE / "build.py"), "build", "--site-dir", str(cls.site)],
                                   capture_output=True, text=True, cwd=HERE)

    def test_it_builds_strictly(self):
        self.assertEqual(self.build.returncode, 0, self.build.stderr[-3000:])

    def test_every_article_is_a_page_in_its_language(self):
        languages = re.search(r"languages: \\[(.*?)\\]", (HERE / "mkdocs.yml").read_text(encoding="utf-8"))
        codes = [code.strip() for code in languages.group(1).split(",")]
        for number, code in enumerate(codes):
            folder = self.site if number == 0 else self.site / code
            for article in (HERE / "docs" / code).rglob("*.md"):
                relative = article.relative_to(HERE / "docs" / code).with_suffix("")
                parts = relative.parts[:-1] if relative.name == "index" else relative.parts
                # URLs are readable: each folder and file name spelled as the generator does.
                page = folder.joinpath(*[slugify(part) or part for part in parts], "index.html")
                self.assertTrue(page.is_file(), page)
                self.assertIn(f'<html lang="{code}"', page.read_text(encoding="utf-8"))


if __name__ == "__main__":
    unittest.main()
'''
