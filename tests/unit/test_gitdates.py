import datetime as dt
import os
import subprocess
from pathlib import Path

from helpcenter.content.gitdates import last_commit_dates, last_updated


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_dates_come_from_the_last_commit_of_each_file(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("a")
    (docs / "b.md").write_text("b")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one", date="2024-03-01T10:00:00+00:00")
    (docs / "b.md").write_text("b2")
    git(tmp_path, "commit", "-qam", "two", date="2025-06-15T12:00:00+00:00")
    (docs / "new.md").write_text("uncommitted")

    dates = last_commit_dates(docs)
    assert last_updated(docs / "a.md", dates).date() == dt.date(2024, 3, 1)
    assert last_updated(docs / "b.md", dates).date() == dt.date(2025, 6, 15)
    # Not in git yet: the file's own time, which is today.
    assert last_updated(docs / "new.md", dates).date() == dt.datetime.now(dt.UTC).date()

    (docs / "a.md").write_text("edited, not committed")
    assert last_updated(docs / "a.md", last_commit_dates(docs)).date() == dt.datetime.now(dt.UTC).date()
    # The history is read again once there is a new commit (a preview asks after every change).
    git(tmp_path, "commit", "-qam", "three", date="2025-09-01T08:00:00+00:00")
    dates = last_commit_dates(docs)
    assert last_updated(docs / "a.md", dates).date() == dt.date(2025, 9, 1)
    assert last_updated(docs / "b.md", dates).date() == dt.date(2025, 6, 15)


def test_outside_git_falls_back_to_file_time(tmp_path: Path):
    (tmp_path / "a.md").write_text("a")
    os.utime(tmp_path / "a.md", (1_600_000_000, 1_600_000_000))
    assert last_commit_dates(tmp_path) == {}
    assert last_updated(tmp_path / "a.md", {}) == dt.datetime.fromtimestamp(1_600_000_000, dt.UTC)
