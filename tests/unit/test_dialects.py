"""The Markdown dialects writers bring, rewritten line for line into ours: one test per syntax."""

from __future__ import annotations

import pytest
from helpcenter.content.dialects import Dialects, WikiIndex, heading_anchor, section_of

FILES = ["Licenses and payment/Refund policy.md", "Licenses and payment/Pricing.md", "Getting started/Welcome.md",
         "Other/Refund policy.md", "attachments/Screen shot.png", "Getting started/logo.svg", "Guides/FAQ.md"]
TITLES = {"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
          "info": "Info", "todo": "To do", "question": "Question"}
PAGE = "Licenses and payment/Pricing.md"


@pytest.fixture
def dialects() -> Dialects:
    return Dialects(WikiIndex(FILES), lambda kind: TITLES.get(kind, kind))


def rewrite(dialects: Dialects, text: str) -> list[str]:
    out = dialects.rewrite(text, PAGE)
    assert out.count("\n") == text.count("\n"), "one line for one line: problems keep the file's line numbers"
    return out.split("\n")


@pytest.mark.parametrize(("alert", "expected"), [
    ("NOTE", '!!! note "Note"'), ("TIP", '!!! tip "Tip"'), ("IMPORTANT", '!!! info "Important"'),
    ("WARNING", '!!! warning "Warning"'), ("CAUTION", '!!! danger "Caution"')])
def test_github_alerts_become_admonitions_titled_in_the_pages_language(dialects, alert, expected) -> None:
    assert rewrite(dialects, f"> [!{alert}]\n> Plans renew **monthly**.\n>\n> Second paragraph.") == [
        expected, "    Plans renew **monthly**.", "", "    Second paragraph."]


def test_obsidian_callouts_fold_take_titles_and_any_type(dialects) -> None:
    text = ("> [!tip]- Save money\n> Pay yearly.\n\n> [!faq]+ Can I pause?\n> Yes.\n\n"
            "> [!released] Version 2\n> New.\n\n> [!todo]\n> Later.\n\n> [!note] See [[Welcome]]\n> > "
                "[!warning]\n> > Nested.")
    assert rewrite(dialects, text) == [
        '??? tip "Save money"', "    Pay yearly.", "",
        '???+ question "Can I pause?"', "    Yes.", "",
        '!!! note "Version 2"', "    New.", "",
        '!!! info "To do"', "    Later.", "",
        '!!! note "See [Welcome](<../Getting started/Welcome.md>)"', '    !!! warning "Warning"', "        Nested."]


def test_an_alert_in_a_list_item_is_nested_four_spaces(dialects) -> None:
    assert rewrite(dialects, "1. Step\n\n   > [!NOTE]\n   > Careful.") == [
        "1. Step", "", '    !!! note "Note"', "        Careful."]


def test_docusaurus_and_vitepress_admonitions(dialects) -> None:
    text = (":::tip Using WordPress?\nInstall the **plugin**.\n:::\n\n:::warning[Careful]\nBracketed.\n:::\n\n"
            "::::info\n:::note\nNested\n:::\n::::")
    assert rewrite(dialects, text) == [
        '!!! tip "Using WordPress?"', "    Install the **plugin**.", "", "",
        '!!! warning "Careful"', "    Bracketed.", "", "",
        '!!! info "Info"', '    !!! note "Note"', "        Nested", "", ""]


def test_pymdownx_blocks_admonitions_details_and_tabs(dialects) -> None:
    text = ("/// tip | Technical Details\nText.\n///\n\n/// details | More\n    type: warning\n    open: "
        "true\n\nHidden.\n///\n\n"
            "//// tab | Python 3.10+\n```python\nprint(1)\n```\n////")
    assert rewrite(dialects, text) == [
        '!!! tip "Technical Details"', "    Text.", "", "",
        '???+ warning "More"', "", "", "", "    Hidden.", "", "",
        '=== "Python 3.10+"', "    ```python", "    print(1)", "    ```", ""]


def test_wiki_links_resolve_by_name_across_folders(dialects) -> None:
    line = ("See [[Refund policy]], [[refund POLICY|our refunds]], [[Welcome#Install the app]], "
            "[[#Prices for teams]], [[Welcome#^block-1]], [[Other/Refund policy]], [[FAQ.md]] and [[Missing page]].")
    assert rewrite(dialects, line) == [
        "See [Refund policy](<Refund policy.md>), [our refunds](<Refund policy.md>), "
        "[Welcome › Install the app](<../Getting started/Welcome.md#install-the-app>), "
        "[Prices for teams](#prices-for-teams), [Welcome](<../Getting started/Welcome.md>), "
        "[Refund policy](<../Other/Refund policy.md>), [FAQ](../Guides/FAQ.md) and [Missing page](<Missing page.md>)."]


def test_embeds_of_images_sized_and_of_pages(dialects) -> None:
    assert rewrite(dialects, "![[Screen shot.png|300]]\n![[logo.svg|120x40]]\n![[Screen shot.png]]\n"
                             "| a | ![[logo.svg\\|80]] |\n![[Welcome#Install the app]]") == [
        '![Screen shot](<../attachments/Screen shot.png>){ width="300" }',
        '![logo](<../Getting started/logo.svg>){ width="120" height="40" }',
        "![Screen shot](<../attachments/Screen shot.png>)",
        '| a | ![logo](<../Getting started/logo.svg>){ width="80" } |',
        "[Install the app](<../Getting started/Welcome.md#install-the-app>)"]


def test_a_page_embed_shows_that_section_in_place_with_its_links_rebased(dialects) -> None:
    bodies = {"Getting started/Welcome.md": "# Welcome\n\n## Install the app\n\nFrom [the "
        "store](store.md).\n\n## Next\nno"}
    out = dialects.expand_embeds("Before\n![[Welcome#Install the app]]\nAfter", PAGE, bodies.get)
    assert '<div class="hc-embed" markdown>' in out and "From [the store](../Getting started/store.md)." in out
    assert "## Next" not in out and out.startswith("Before\n") and out.endswith("</div>\nAfter")
    assert section_of(bodies["Getting started/Welcome.md"], "install the app") is not None


def test_code_is_left_as_written(dialects) -> None:
    text = "```md\n> [!NOTE]\n[[Welcome]]\n:::tip\n```\nInline `[[Welcome]]` stays."
    assert rewrite(dialects, text) == text.split("\n")


def test_heading_anchors_are_the_toc_extensions() -> None:
    from markdown.extensions.toc import slugify

    for heading in ("Install the app", "Prices for teams (2026)", "Café & crème", "FAQ: what's new?"):
        assert heading_anchor(heading) == slugify(heading, "-")


def test_obsidian_comments_are_not_published(dialects) -> None:
    text = "Shown %%hidden%% too.\n%%\nA block\nof notes\n%%\nAfter `%%code%%`.\n%% a ---\nnote\n--- %%\nEnd"
    assert rewrite(dialects, text) == ["Shown  too.", "", "", "", "", "After `%%code%%`.", "", "", "", "End"]


def test_mdx_and_microsoft_learn_lines(dialects) -> None:
    text = ("import useBaseUrl from '@docusaurus/useBaseUrl';\n<img src={useBaseUrl('img/a.png')} />\n"
            ':::image type="content" source="./media/x.png" alt-text="A diagram.":::\n'
            'Run :::no-loc text="wsl --install"::: now.')
    assert rewrite(dialects, text) == ["", '<img src="/img/a.png" />', "![A diagram.](./media/x.png)",
                                       "Run wsl --install now."]


def test_markdown_inside_html_blocks_renders_as_on_github(dialects) -> None:
    text = '<details>\n\n:::note\nInside.\n:::\n\n</details>\n<div class="x">\n<img src="a.png">\n</div>'
    assert rewrite(dialects, text)[:3] == ["<details markdown>", "", '!!! note "Note"']
    assert rewrite(dialects, text)[7] == '<div class="x">'  # raw HTML right after: left as HTML


def test_wiki_links_in_plain_text_are_their_words(dialects) -> None:
    assert dialects.plain("Uses [[Core plugins|a core plugin]], [[Welcome#Install]] and [[FAQ]].") == (
        "Uses a core plugin, Install and FAQ.")
