"""Old addresses written in front matter (``redirect_from:``), as an import writes them or a
writer does by hand: validated like any key, published as 301s in ``_redirects``."""

from pathlib import Path

from helpcenter.content.frontmatter import parse_front_matter
from helpcenter.publish.redirects import page_redirects


def test_redirect_from_and_updated_are_checked_like_any_key():
    good = parse_front_matter("---\ntitle: A\nredirect_from: /hc/en-us/articles/1\nupdated: 2024-03-05\n---\n", "a.md")
    assert good.problems == [] and good.meta["redirect_from"] == ["/hc/en-us/articles/1"]
    bad = parse_front_matter("---\ntitle: A\nredirect_from: [hc/articles/1]\nupdated: soon\n---\n", "a.md")
    assert [(p.line, p.message) for p in bad.problems] == [
        (3, "'redirect_from' must be a list of paths starting with /"),
        (4, "'updated' must be a date written as YYYY-MM-DD")]


def test_old_addresses_of_pages_and_categories_answer_with_a_301(tmp_path: Path):
    docs = tmp_path / "fr"
    (docs / "Facturation").mkdir(parents=True)
    (docs / "Facturation/_category.yml").write_text(
        "title: Facturation\nredirect_from: [/hc/fr/categories/102, /hc/fr/sections/203]\n", encoding="utf-8")
    (docs / "Facturation/Remboursements.md").write_text(
        "---\ntitle: Remboursements\nredirect_from:\n  - /hc/fr/articles/304-Remboursés\n  - /hc/fr/articles/304\n"
        "---\nTexte.\n", encoding="utf-8")
    (docs / "Facturation/Other.md").write_text("---\ntitle: Other\n---\nText.\n", encoding="utf-8")
    lines = page_redirects(docs, "/fr/")
    # Old addresses are the site's own paths (not under /fr/); the new ones are the language's.
    assert "/hc/fr/articles/304-Rembours%C3%A9s /fr/facturation/remboursements/ 301" in lines
    assert "/hc/fr/articles/304 /fr/facturation/remboursements/ 301" in lines
    assert "/hc/fr/categories/102 /fr/facturation/ 301" in lines
    assert "/hc/fr/sections/203 /fr/facturation/ 301" in lines
    assert not [line for line in lines if line.startswith("/hc/") and "other" in line]
