from helpcenter.content.links import anchors_in_html, check_links, extract_links

PAGES = {
    "index.md": {"top"},
    "sync/index.md": set(),
    "sync/ical.md": {"steps", "before-you-start"},
    "billing/refunds.md": {"refund-a-guest"},
}
FILES = {"img/screen.png"}


def problems(src_uri: str, body: str):
    found = check_links(src_uri, src_uri, extract_links(body, 5), PAGES, FILES)
    return [(p.line, p.message) for p in found]


def test_extracts_inline_reference_and_html_links_with_lines_outside_code():
    body = ("See [a](a.md) and ![img](img/x.png \"title\").\n"
            "`[not](code.md)`\n```\n[no](fence.md)\n```\n[ref]: ref.md\n<a href=\"h.md\">h</a>\n")
    assert [(link.line, link.target) for link in extract_links(body, 1)] == [
        (1, "a.md"), (1, "img/x.png"), (6, "ref.md"), (7, "h.md")]


def test_valid_links_pass():
    body = ("[a](ical.md#steps) [b](../billing/refunds.md) [c](#steps) [d](./) [e](../img/screen.png)"
            " [f](https://example.com/x.md) [g](mailto:a@b.c) [h](/absolute/)")
    assert problems("sync/ical.md", body) == []


def test_missing_file_is_reported_with_its_line():
    assert problems("sync/ical.md", "\n\n[x](../billing/refundz.md)") == [
        (7, "broken link '../billing/refundz.md': no file 'billing/refundz.md' in the docs folder")]


def test_missing_anchor_on_other_and_same_page():
    found = problems("sync/ical.md", "[x](../billing/refunds.md#nope)\n[y](#gone)")
    assert [line for line, _ in found] == [5, 6]
    assert "has no heading or element with id 'nope'" in found[0][1]
    assert "broken anchor '#gone'" in found[1][1]


def test_link_outside_docs_folder():
    [(line, message)] = problems("index.md", "[x](../outside.md)")
    assert line == 5 and "outside the docs folder" in message


def test_anchors_in_html_collects_ids_and_names():
    assert anchors_in_html('<h2 id="a">A</h2><a name="b"></a><p id="c">') == {"a", "b", "c"}
