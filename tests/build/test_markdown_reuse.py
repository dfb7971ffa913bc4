"""One Markdown converter per build process, reset between pages, writes what MkDocs' own
``Page.render`` writes: page after page, with every extension a help center configures, and
nothing one page defines (an abbreviation, a footnote, a tab's number) reaching the next."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpcenter.mkdocs.markdown_reuse import PageConverter
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..conftest import ROOT

PAGES = {
    "first.md": """# Booking rules

*[iCal]: Internet calendar feed

Import your iCal link.[^sync] Press ++ctrl+s++ to save, ==highlighted== text.

[^sync]: Sync runs every 15 minutes.

## Steps {#steps}

=== "Airbnb"

    Open the listing.

=== "Vrbo"

    Open the property.

!!! warning "Check first"
    Dates may overlap.

??? note "More"
    Hidden detail.

- [x] done
- [ ] to do

Term
:   Definition.

| Plan | Price |
|------|-------|
| Pro  | 10    |

```python title="sync.py" linenums="1"
def sync():
    return `calendar`
```

`#!python print("inline")`

<div id="raw-anchor" markdown>Raw **HTML** block</div>

[Second page](second.md#steps) and [self](#steps).
""",
    "second.md": """# Second page

The iCal word is not an abbreviation here.[^sync]

[^sync]: A footnote of its own.

## Steps

=== "One"

    First tab again.

=== "Two"

    Second tab.

## Steps

Same heading twice: ids must still count from this page.
""",
    "third.md": """Page with no title heading.

```
plain code
```
""",
}


def _config(tmp_path: Path, extensions: list) -> object:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump({"site_name": "Test", "docs_dir": str(docs),
                                           "site_dir": str(tmp_path / "site"),
                                           "markdown_extensions": extensions}), encoding="utf-8")
    return load_config(str(config_file))


def _rendered(config, render) -> list[tuple]:
    files = Files([File(name, config["docs_dir"], config["site_dir"], True) for name in sorted(PAGES)])
    found = []
    for _ in range(2):  # every page twice: the second round follows every other page
        for file in files:
            page = Page(None, file, config)
            page.read_source(config)
            render(page, files)
            found.append((file.src_uri, page.content, str(page.toc), page.title, sorted(page.present_anchor_ids or ()),
                          {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()}))
    return found


def _project_extensions() -> list:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:", 1)[1]
                          .split("\n\n", 1)[0].join(["markdown_extensions:", ""]))["markdown_extensions"]


def test_the_project_extensions_are_reused_and_render_as_mkdocs_does(tmp_path: Path) -> None:
    extensions = _project_extensions()
    assert "abbr" in extensions and {"pymdownx.tabbed": {"alternate_style": True}} in extensions
    config = _config(tmp_path, extensions)
    converter = PageConverter(config)
    assert converter.reusable
    theirs = _rendered(config, lambda page, files: page.render(config, files))
    ours = _rendered(config, lambda page, files: converter.render(page, config, files))
    assert ours == theirs
    second = dict((src, content) for src, content, *_ in ours)["second.md"]
    assert "<abbr" not in second and "__tabbed_1_1" in second and 'id="steps_1"' in second


@pytest.mark.parametrize("extensions", [["abbr", "pymdownx.snippets"], [{"toc": {"permalink": True}}, "extra",
                                                                            "markdown.extensions.footnotes"]])
def test_other_extensions_get_a_converter_per_page(tmp_path: Path, extensions: list) -> None:
    config = _config(tmp_path, extensions)
    converter = PageConverter(config)
    assert converter.reusable == ("pymdownx.snippets" not in extensions)
    theirs = _rendered(config, lambda page, files: page.render(config, files))
    assert _rendered(config, lambda page, files: converter.render(page, config, files)) == theirs
