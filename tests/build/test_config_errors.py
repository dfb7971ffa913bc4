"""A bad setting in mkdocs.yml stops the build with a message naming its key."""

from __future__ import annotations

from ..conftest import ROOT, run_build_py

NEW_YORK = {
    "timezone": "America/New_York",
    "weekly": {day: "00:00-24:00" for day in ("monday", "tuesday", "wednesday", "thursday", "friday")}
    | {"saturday": "09:00-17:00", "sunday": "09:00-17:00"},
    "closures": ["2026-12-25"],
}


def test_a_bad_support_setting_stops_the_build_naming_the_key(tmp_path) -> None:
    config = (ROOT / "mkdocs.yml").read_text().replace("timezone: America/New_York", "timezone: America/Gotham")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"docs_dir: {ROOT / 'docs' / 'en'}\n" + config)
    result = run_build_py("build", "-f", str(path), "--docs-dir", str(ROOT / "docs" / "en"), "--strict",
                          "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0
    assert "support_hours.timezone: unknown time zone 'America/Gotham'" in result.stderr
