"""A help desk's article HTML becomes Markdown that our Markdown turns back into the same
structure: headings, lists, tables, code, links and images rewritten by the importer,
callouts as admonitions, videos as links (never an embedded player), scripts gone."""

from __future__ import annotations

import markdown
import pytest
from helpcenter.importers.html_markdown import callout_kind, html_to_markdown, video_link

ODD_HTML = """<h1>Calendar sync</h1><h2 id="s1">Sync your <em>calendar</em></h2>
<p>Open <a href="/hc/en-us/articles/123-setup#step">Setup</a> and <strong>save</strong>.&nbsp;Done</p>
<ol><li>First<ul><li>nested <code>iCal</code></li></ul></li><li>Second</li></ol>
<table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Pro</td><td>10 €</td></tr></tbody></table>
<pre><code class="language-python">def sync():
    return 1
</code></pre>
<div class="callout callout--warning"><p>Dates may <em>overlap</em>.</p><p>Check first.</p></div>
<aside class="intercom-interblocks-callout" style="background:#e3e7fa"><p>A tip from Intercom.</p></aside>
<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0" title="Intro tour"></iframe>
<iframe src="https://player.vimeo.com/video/76979871"></iframe>
<iframe src="https://ads.example/frame"></iframe>
<p><img src="https://cdn.example/guide/a.png" alt="The screen"></p><script>alert("x")</script><style>p{}</style>"""


def test_odd_help_desk_html_becomes_markdown_with_the_same_structure() -> None:
    converted = html_to_markdown(
        ODD_HTML, rewrite_link=lambda url: "../setup/setup.md#step" if "/articles/123" in url else url,
        rewrite_image=lambda url: "images/a.png")
    text = converted.markdown
    assert "# Calendar sync" in text and "## Sync your *calendar*" in text
    assert "[Setup](../setup/setup.md#step)" in text and "![The screen](images/a.png)" in text
    assert "```python\ndef sync():\n    return 1\n```" in text
    assert "!!! warning\n    Dates may *overlap*.\n\n    Check first." in text
    assert "[▶ Intro tour (video on YouTube)](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in text
    assert "(https://vimeo.com/76979871)" in text
    assert "alert" not in text and "p{}" not in text and "iframe" not in text
    assert converted.dropped == ["an embedded frame (https://ads.example/frame)"]
    html = markdown.markdown(text, extensions=["admonition", "tables", "fenced_code"])
    assert '<div class="admonition warning">' in html and '<div class="admonition note">' in html
    assert "<table>" in html and "<td>10 €</td>" in html
    assert "<ol>" in html and "<ul>" in html and "<li>nested <code>iCal</code></li>" in html
    assert 'class="language-python"' in html


@pytest.mark.parametrize(("classes", "kind"), [
    (["callout", "callout--warning"], "warning"), (["callout-green"], "tip"), (["alert", "alert-info"], "info"),
    (["callout"], "note"), (["article-body"], None), (["notice"], "note")])
def test_callout_kinds(classes: list[str], kind: str | None) -> None:
    assert callout_kind(classes) == kind


def test_video_links_lead_to_the_video_page() -> None:
    assert video_link("https://www.loom.com/embed/abc123def") == ("Loom", "https://www.loom.com/share/abc123def")
    assert video_link("https://youtu.be/dQw4w9WgXcQ") == ("YouTube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert video_link("https://example.com/embed/x") is None


def test_text_that_shows_html_stays_text_and_script_links_lose_their_link() -> None:
    """An article that explains a tag (``&lt;meta&gt;``) shows the tag, in text as in code; a
    ``javascript:`` link keeps its words, not its script."""
    converted = html_to_markdown('<p>Add the &lt;script&gt;alert(1)&lt;/script&gt; tag, or '
                                 '<code>&lt;meta&gt;</code>, and <a href=" JavaScript:alert(2)">click here</a>.</p>')
    html = markdown.markdown(converted.markdown)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<code>&lt;meta&gt;</code>" in html
    assert "click here" in html and "javascript" not in html.lower()


def test_markdown_written_as_text_in_the_html_stays_text() -> None:
    """Brackets and braces in the help desk's text are words, not a link or attributes."""
    converted = html_to_markdown("<h2>Pricing {: onclick=\"alert(1)\" }</h2>"
                                 "<p>Type [x](javascript:alert(1)) or [Enter] in {curly} braces.</p>")
    html = markdown.markdown(converted.markdown, extensions=["attr_list"])
    assert "onclick" not in html.split(">", 1)[0] and "<a" not in html
    assert "[Enter] in {curly} braces" in html
