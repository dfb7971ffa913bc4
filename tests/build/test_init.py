"""`build.py init`: a new help center of its own, which builds, serves and passes its own tests,
with the generator as its git submodule (later versions: `git submodule update --remote`)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ..conftest import ROOT, run_build_py


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "acme-help"
    result = run_build_py("init", str(folder), "--name", "Acme Help", "--languages", "en,fr", "--generator", str(ROOT))
    assert result.returncode == 0, result.stderr
    return folder


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=folder, capture_output=True, text=True, timeout=300,
                          check=False)


def test_init_makes_a_help_center_of_its_own(acme: Path) -> None:
    for path in ("mkdocs.yml", "build.py", "netlify.toml", "README.md", ".github/workflows/publish.yml",
                 "scripts/serve.sh", "scripts/test.sh", "tests/test_help_center.py",
                 "docs/en/index.md", "docs/en/getting-started/index.md", "docs/en/getting-started/welcome.md",
                 "docs/fr/getting-started/welcome.md", "generator/build.py", "generator/overrides/main.html"):
        assert (acme / path).is_file(), path
    config = (acme / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "Acme Help"' in config and "languages: [en, fr]" in config
    assert "custom_dir: generator/overrides" in config
    everything = "\n".join(p.read_text(encoding="utf-8") for p in acme.rglob("*")
                           if p.is_file() and "generator" not in p.relative_to(acme).parts and ".git" not in p.parts)
    # Nothing of the sample: no name, contact details, chat or plans.
    assert "Villadesk" not in everything and "villadesk" not in everything
    assert "chat:" not in config.replace("# channels, plans, chat", "") and "plans:" not in config
    readme = (acme / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/serve.sh" in readme and "bash scripts/test.sh" in readme
    assert "git submodule update --remote generator" in readme
    assert "generator" in (acme / ".gitmodules").read_text(encoding="utf-8")
    assert "Bienvenue sur Acme Help" in (acme / "docs/fr/getting-started/welcome.md").read_text(encoding="utf-8")


def test_it_builds_and_passes_its_own_tests(acme: Path) -> None:
    built = _run(acme, "build.py", "build")
    assert built.returncode == 0, built.stderr[-3000:]
    home = (acme / "site/index.html").read_text(encoding="utf-8")
    assert "Acme Help" in home and "Villadesk" not in home
    contact = (acme / "site/contact/index.html").read_text(encoding="utf-8")
    assert "Airbnb" not in contact and 'value="booking"' not in contact and "iCal" not in contact
    assert (acme / "site/fr/getting-started/welcome/index.html").is_file()
    own = _run(acme, "-m", "unittest", "discover", "-s", "tests")
    assert own.returncode == 0, own.stderr[-3000:]
    assert "Ran 2 tests" in own.stderr


def test_it_serves_its_languages_and_functions(acme: Path) -> None:
    # What scripts/setup.sh installs in the generator (npm ci), taken from this checkout.
    (acme / "generator/node_modules").symlink_to(ROOT / "node_modules")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "build.py", "serve", "-a", f"127.0.0.1:{port}"], cwd=acme,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = search = ""
        for _ in range(120):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/", timeout=5).read().decode()
                search = urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/search?q=bienvenue&lang=fr", timeout=10).read().decode()
                if "1 article trouvé" in search:  # the preview indexes in the background
                    break
            except OSError:
                pass
            time.sleep(0.5)
        assert "Comment pouvons-nous vous aider" in page
        assert "1 article trouvé" in search
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_init_refuses_a_folder_in_use_and_a_bad_language(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used/notes.md").write_text("mine", encoding="utf-8")
    used = run_build_py("init", str(tmp_path / "used"), "--name", "X", "--generator", str(ROOT))
    assert used.returncode == 1 and "is not empty" in used.stderr
    assert (tmp_path / "used/notes.md").read_text(encoding="utf-8") == "mine"
    bad = run_build_py("init", str(tmp_path / "new"), "--name", "X", "--languages", "en,français", "--generator",
                       str(ROOT))
    assert bad.returncode == 1 and "'français' is not a language code" in bad.stderr
