import datetime as dt

from helpcenter.content.frontmatter import parse_front_matter, split_front_matter


def messages(text: str, **options):
    return [(p.line, p.message, p.severity) for p in parse_front_matter(text, "a.md", **options).problems]


def test_valid_front_matter_is_parsed_and_normalised():
    front = parse_front_matter(
        "---\ntitle: ' Sync '\ndescription: Short.\nkeywords: ical, calendar feed\norder: 3\n"
        "review_by: 2027-01-31\n---\nBody\n", "a.md")
    assert front.problems == []
    assert front.meta == {"title": "Sync", "description": "Short.",
                          "keywords": ["ical", "calendar feed"], "order": 3,
                          "review_by": dt.date(2027, 1, 31)}
    assert front.body == "Body\n"
    assert front.body_line == 8


def test_no_front_matter_is_fine():
    front = parse_front_matter("# Title\n\ntext\n", "a.md")
    assert front.meta == {} and front.problems == [] and front.body_line == 1


def test_yaml_syntax_error_names_the_line():
    text = "---\ntitle: Fine\ndescription: [unclosed\norder: 1\n---\n"
    [(line, message, _)] = messages(text)
    assert message.startswith("invalid YAML")
    assert line in (3, 4, 5)  # the YAML parser reports where it noticed, at or after line 3


def test_bad_indentation_reports_the_right_line():
    [(line, message, _)] = messages("---\ntitle: A\n  description: B\n---\n")
    assert line == 3 and "invalid YAML" in message


def test_unknown_key_names_key_and_line():
    [(line, message, severity)] = messages("---\ntitle: A\nauthor: me\n---\n")
    assert (line, severity) == (3, "error")
    assert "unknown front matter key 'author'" in message


def test_unknown_key_is_a_warning_when_lenient_and_extra_keys_are_accepted():
    assert messages("---\ntitle: A\nauthor: me\n---\n", unknown_key_severity="warning")[0][2] == "warning"
    assert messages("---\ntitle: A\nauthor: me\n---\n", extra_keys=frozenset({"author"})) == []


def test_unknown_keys_are_summarized_once_per_key_with_a_count():
    from helpcenter.content.frontmatter import parse_front_matter, summarize_unknown_keys

    problems = [p for n in range(3) for p in parse_front_matter(
        "---\ntitle: A\npublish: true\ncssclasses: x\n---\n" if n == 0 else "---\npublish: true\n---\n",
        f"doc{n}.md", unknown_key_severity="warning").problems]
    summary = summarize_unknown_keys(problems)
    assert [(p.path, p.line) for p in summary] == [("doc0.md", 3), ("doc0.md", 4)]
    assert "unknown front matter key 'publish' in 3 files" in summary[0].message
    assert "in 1 files" not in summary[1].message


def test_wrong_types_are_reported_on_their_line():
    problems = messages("---\ntitle: A\norder: first\nkeywords: {a: 1}\nreview_by: soon\n---\n")
    assert [(line, msg.split(" ")[0]) for line, msg, _ in problems] == [
        (3, "'order'"), (4, "'keywords'"), (5, "'review_by'")]


def test_empty_or_null_values_are_unset_with_a_warning_at_most():
    [(line, message, severity)] = messages("---\ntitle: ''\ndescription:\n---\n")[:1]
    assert (line, severity) == (2, "warning") and "left unset" in message
    assert messages("---\ntitle: ''\ndescription: null\n---\n", unknown_key_severity="warning") == []
    from helpcenter.content.frontmatter import parse_front_matter

    assert parse_front_matter("---\ntitle: ''\ndescription: ~\n---\n", "x.md").meta == {}


def test_unclosed_front_matter():
    [(line, message, _)] = messages("---\ntitle: A\n\nBody without end\n")
    assert line == 1 and "no closing '---'" in message


def test_front_matter_must_be_a_mapping():
    [(line, message, _)] = messages("---\n- a\n- b\n---\n")
    assert line == 2 and "mapping" in message


def test_horizontal_rule_later_in_the_file_is_not_front_matter():
    yaml_text, body, line = split_front_matter("# Title\n\n---\n\ntext\n")
    assert yaml_text is None and line == 1 and body.startswith("# Title")
