"""Re-runs and file names without a server: what sync_files keeps, removes and refuses, and
where layout puts items whose titles are no file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpcenter.importers.layout import plan
from helpcenter.importers.model import Article, Group, HelpCenter, Text
from helpcenter.importers.sync import sync_files
from helpcenter.importers.vendor import link_keys

SOURCE = {"vendor": "zendesk", "url": "https://acme.example"}


def test_a_file_deleted_here_is_not_brought_back_unless_forced(tmp_path: Path):
    files = {"en/a/one.md": b"one\n", "en/a/two.md": b"two\n"}
    sync_files(tmp_path, files, source=SOURCE)
    (tmp_path / "en/a/two.md").unlink()
    again = sync_files(tmp_path, files, source=SOURCE)
    assert again.not_restored == ["en/a/two.md"] and again.written == []
    assert not (tmp_path / "en/a/two.md").exists()
    forced = sync_files(tmp_path, files, source=SOURCE, force=True)
    assert forced.written == ["en/a/two.md"] and (tmp_path / "en/a/two.md").read_bytes() == b"two\n"


def test_an_image_gone_upstream_stays_while_a_page_here_shows_it(tmp_path: Path):
    sync_files(tmp_path, {"en/a/page.md": b"![x](../assets/shot-1.png)\n", "en/assets/shot-1.png": b"png"},
               source=SOURCE)
    (tmp_path / "en/a/page.md").write_text("![x](../assets/shot-1.png)\n\nEdited here.\n", encoding="utf-8")
    # Upstream, the page no longer shows the image: the page is kept (edited), so is the image.
    second = sync_files(tmp_path, {"en/a/page.md": b"No image now.\n"}, source=SOURCE)
    assert second.kept == ["en/a/page.md"] and second.in_use == ["en/assets/shot-1.png"]
    assert (tmp_path / "en/assets/shot-1.png").is_file()
    # Once the writer takes the image out too, the next run removes it.
    (tmp_path / "en/a/page.md").write_text("Edited here, no image.\n", encoding="utf-8")
    third = sync_files(tmp_path, {"en/a/page.md": b"No image now.\n"}, source=SOURCE)
    assert third.removed == ["en/assets/shot-1.png"] and not (tmp_path / "en/assets").exists()


def test_nothing_is_written_outside_the_import_folder(tmp_path: Path):
    with pytest.raises(ValueError, match="outside"):
        sync_files(tmp_path / "import", {"../escaped.md": b"x"}, source=SOURCE)
    assert not (tmp_path / "escaped.md").exists()


def test_titles_that_are_no_file_names_get_the_items_id():
    """"../..", "?" or an emoji make no file name; a loose article titled like a category
    does not take the category's folder."""
    center = HelpCenter(
        vendor="zendesk", default_language="en", languages=["en"],
        groups=[Group("7", None, 1, {"en": Text(title="../..")}), Group("8", None, 2, {"en": Text(title="Billing")})],
        articles=[Article("41", "7", 1, {"en": Text(title="?", body_html="<p>Hello.</p>")}),
                  Article("42", None, 2, {"en": Text(title="🎉", body_html="<p>Party.</p>")}),
                  Article("43", None, 3, {"en": Text(title="Billing", body_html="<p>Loose.</p>")}),
                  Article("44", "8", 1, {"en": Text(title="Pay", body_html="<p>Pay.</p>")})])
    files = plan(center, link_key=link_keys(()), base_url="https://acme.example", fetch=lambda url: b"").files
    assert set(files) == {"en/7/_category.yml", "en/7/41.md", "en/42.md", "en/billing-2.md", "en/billing/_category.yml",
                          "en/billing/pay.md"}


def test_a_pasted_image_becomes_a_file_of_its_own():
    """An image pasted into the help desk's editor (a data: URL) is written as a file."""
    import base64

    from tests.importers.helpdesks import PNG

    pasted = "data:image/png;base64," + base64.b64encode(PNG).decode()
    center = HelpCenter(
        vendor="intercom", default_language="en", languages=["en"], groups=[Group("1", None, 1, {"en": Text("Start")})],
        articles=[Article("2", "1", 1, {"en": Text(title="Pasted",
                                                   body_html=f'<p><img src="{pasted}" alt="Shot"></p>')})])
    files = plan(center, link_key=link_keys(()), base_url="https://acme.example", fetch=lambda url: b"").files
    (asset,) = [path for path in files if path.startswith("en/assets/")]
    assert files[asset] == PNG and asset.endswith(".png")
    assert f"![Shot](../assets/{asset.rsplit('/', 1)[1]})" in files["en/start/pasted.md"].decode()
