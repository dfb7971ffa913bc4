"""Related articles, ranked with bit masks (content/catalog.py), are what the rule says: most
keywords shared first, its own category first among equals, then catalog order, then the
rest of its category; never itself nor its previous and next. Checked against the rule
written plainly, on random catalogs."""

from __future__ import annotations

import random

from helpcenter.content.catalog import Article, Catalog, Category


def by_the_rule(catalog: Catalog, article: Article, limit: int, exclude: tuple[Article | None, ...]) -> list[Article]:
    skip = [article, *(a for a in exclude if a is not None)]
    own = {k.casefold() for k in article.keywords}
    order = list(catalog.articles.values())
    sharing = [(len(own & {k.casefold() for k in a.keywords}), a) for a in order if all(a is not s for s in skip)]
    ranked = sorted((pair for pair in sharing if pair[0]),
                    key=lambda pair: (-pair[0], pair[1].category != article.category, order.index(pair[1])))
    chosen = [a for _, a in ranked[:limit]]
    for sibling in catalog.category(article.category).articles:  # type: ignore[union-attr]
        if len(chosen) >= limit:
            break
        if all(sibling is not s for s in skip) and all(sibling is not c for c in chosen):
            chosen.append(sibling)
    return chosen


def test_related_articles_follow_the_rule() -> None:
    rng = random.Random(11)
    for _ in range(40):
        words = [f"word{n}" for n in range(rng.randint(2, 25))]
        categories = []
        for c in range(rng.randint(1, 5)):
            category = Category(f"c{c}", f"C{c}", "", None, None, None, None)
            for n in range(rng.randint(1, 20)):
                keywords = rng.sample(words, rng.randint(0, min(6, len(words))))
                if rng.random() < 0.2:
                    keywords.append(words[0].upper())  # the same keyword in other case
                category.articles.append(Article(f"c{c}/a{n}.md", "", f"T{n}", "", keywords, None, f"c{c}"))
            categories.append(category)
        catalog = Catalog(categories)
        for article in catalog.articles.values():
            neighbours = catalog.neighbours(article)
            for limit in (1, 3, 6):
                assert catalog.related(article, limit, exclude=neighbours) == by_the_rule(
                    catalog, article, limit, neighbours)
