from helpcenter.content.markdown_text import first_heading, first_paragraph, unsupported_syntax


def test_first_heading_atx_with_attributes_and_inline_markup():
    assert first_heading("intro\n\n# Tutorial - **User** Guide { #tutorial }\n") == "Tutorial - User Guide"


def test_first_heading_setext_and_ignores_code_blocks():
    assert first_heading("```\n# not a heading\n```\n\nReal title\n==========\n") == "Real title"


def test_first_heading_none_when_only_h2():
    assert first_heading("## Section\n\ntext\n") is None


def test_first_paragraph_summarises_prose_and_truncates():
    body = "# T\n\n!!! note\n    skipped\n\nFirst **bold** line with a [link](x.md)\nand more.\n\nNext.\n"
    assert first_paragraph(body) == "First bold line with a link and more."
    long = first_paragraph("word " * 100, limit=30)
    assert len(long) <= 30 and long.endswith("…")


def test_unsupported_syntax_is_reported_as_warnings_with_lines():
    body = "text\n/// tip\nhello\n///\n{* ../src/app.py hl[3] *}\n```\n/// in code\n```\n/// note\n"
    problems = unsupported_syntax(body, "a.md", 10)
    assert [(p.line, p.severity) for p in problems] == [(11, "warning"), (14, "warning")]
    assert problems[0].message.endswith("shown as text (and 1 more line)")
