#!/usr/bin/env python3
"""Generate a synthetic help center of N articles (deterministic) for benchmarks and tests.

    python benchmarks/generate_corpus.py --articles 1000 --out /tmp/corpus-1000

Articles look like the real ones: front matter, an intro, 3-5 sections with steps and
paragraphs, and links to other articles of the same category.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
from pathlib import Path

TOPICS = [
    ("Channels", "material/sync", ["airbnb", "vrbo", "booking", "channel", "listing", "mapping"]),
    ("Calendar", "material/calendar-sync", ["ical", "calendar", "feed", "availability", "block"]),
    ("Reservations", "material/calendar-check", ["reservation", "booking", "guest", "stay"]),
    ("Messaging", "material/message-text-outline", ["message", "inbox", "template", "guest"]),
    ("Tasks", "material/broom", ["cleaning", "task", "checklist", "team", "schedule"]),
    ("Payments", "material/credit-card-outline", ["payment", "deposit", "refund", "invoice"]),
    ("Account", "material/account-cog-outline", ["plan", "password", "security", "billing"]),
    ("Owners", "material/home-city-outline", ["owner", "statement", "portal", "commission"]),
]
WORDS = [
    "property", "listing", "calendar", "reservation", "guest", "host", "owner", "cleaner", "team",
    "rate", "price", "night", "stay", "check-in", "check-out", "deposit", "refund", "payout",
    "invoice", "channel", "sync", "feed", "import", "export", "update", "message", "template",
    "inbox", "automation", "trigger", "schedule", "task", "checklist", "photo", "report", "season",
    "minimum", "maximum", "discount", "fee", "tax", "currency", "setting", "dashboard", "mobile",
    "app", "notification", "permission", "role", "access", "link", "code", "error", "delay",
    "status", "confirm", "cancel", "modify", "block", "release", "review", "rating", "policy",
    "rule", "window", "advance", "gap", "turnover", "linen", "key", "lockbox", "wifi", "parking",
]
VERBS = [
    "open", "choose", "select", "click", "enter", "review", "confirm", "save", "check", "update",
    "add", "remove",
]


# With `natural`, words are drawn Zipf-like from a real vocabulary (the English pages of the
# FastAPI corpus slice in tests/fixtures, ranked by frequency; weight 1/rank), as in real
# prose: a few words everywhere, thousands that are rare. Search indexes then grow as a real
# help center's do.
FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "fastapi" / "en"
_natural: tuple[list[str], list[float]] | None = None


def natural_vocabulary() -> tuple[list[str], list[float]]:
    global _natural
    if _natural is None:
        counts: dict[str, int] = {}
        for path in sorted(FIXTURE.rglob("*.md")):
            for word in re.findall(r"\b[a-z]{3,14}\b", path.read_text(encoding="utf-8").lower()):
                counts[word] = counts.get(word, 0) + 1
        ranked = sorted(counts, key=lambda word: (-counts[word], word))
        weights = list(itertools.accumulate(1 / rank for rank in range(1, len(ranked) + 1)))
        _natural = ranked, weights
    return _natural


def make_sentence(rng: random.Random, extra: list[str], natural: bool = False) -> str:
    if natural:
        vocabulary, weights = natural_vocabulary()
        words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(8, 18))
        words[rng.randrange(len(words))] = rng.choice(extra)
    else:
        words = [rng.choice(WORDS + extra * 2) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def article(rng: random.Random, title: str, extra: list[str], order: int, links: list[str],
            natural: bool = False) -> str:
    def sentence(rng: random.Random, extra: list[str]) -> str:
        return make_sentence(rng, extra, natural)

    keywords = sorted(set(rng.sample(extra, min(3, len(extra))) + rng.sample(WORDS, 2)))
    lines = [
        "---",
        f"title: {title}",
        f"description: {sentence(rng, extra)[:150]}",
        f"keywords: [{', '.join(keywords)}]",
        f"order: {order}",
        "---",
        "",
        " ".join(sentence(rng, extra) for _ in range(2)),
        "",
    ]
    for index in range(rng.randint(3, 5)):
        lines += [f"## {rng.choice(VERBS).capitalize()} the {rng.choice(WORDS)} {index + 1}", ""]
        lines += [f"{n}. {rng.choice(VERBS).capitalize()} {sentence(rng, extra).lower()}"
                  for n in range(1, rng.randint(3, 6))]
        lines += ["", " ".join(sentence(rng, extra) for _ in range(rng.randint(2, 5))), ""]
    if links:
        lines += ["See also " + " and ".join(f"[this article]({link})" for link in links) + ".", ""]
    return "\n".join(lines)


def generate(out: Path, articles: int, categories: int = 0, seed: int = 7, natural: bool = False) -> Path:
    rng = random.Random(seed)
    categories = categories or max(4, min(60, articles // 25))
    per_category = [articles // categories + (1 if i < articles % categories else 0)
                    for i in range(categories)]
    for index, count in enumerate(per_category):
        name, icon, extra = TOPICS[index % len(TOPICS)]
        slug = f"{name.lower()}-{index + 1}"
        folder = out / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(
            f"---\ntitle: {name} {index + 1}\ndescription: Articles about {name.lower()}.\n"
            f"icon: {icon}\norder: {index + 1}\n---\n", encoding="utf-8")
        for number in range(1, count + 1):
            neighbours = [f"article-{n}.md" for n in (number - 1, number + 1) if 1 <= n <= count]
            title = f"{rng.choice(VERBS).capitalize()} {rng.choice(extra)} {rng.choice(WORDS)} {number}"
            (folder / f"article-{number}.md").write_text(
                article(rng, title, extra, number, neighbours, natural), encoding="utf-8")
    (out / "index.md").write_text("---\ntitle: How can we help?\n---\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--categories", type=int, default=0, help="default: one per 25 articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--natural", action="store_true", help="words drawn Zipf-like from a real vocabulary")
    args = parser.parse_args()
    generate(args.out, args.articles, args.categories, args.seed, args.natural)
    print(args.out)


if __name__ == "__main__":
    main()
