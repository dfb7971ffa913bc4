from helpcenter.content.catalog import Source, build_catalog, page_kind


def source(src_uri, name, **meta):
    url = src_uri.replace("index.md", "").replace(".md", "/")
    return Source(src_uri=src_uri, url=url, meta=meta, title=name,
                  summary=f"summary of {name}")


def sample():
    return build_catalog([
        source("index.md", "Home"),
        source("sync/index.md", "Sync", title="Calendar sync", order=2, icon="material/sync"),
        source("sync/b.md", "Beta", order=2, keywords=["ical", "feed"]),
        source("sync/a.md", "Alpha", order=1, keywords=["airbnb"]),
        source("sync/c.md", "Gamma", keywords=["ical"]),
        source("billing/x.md", "Refunds", order=1),
        source("faq.md", "Loose article"),
    ], root_category_title="General", category_files={"billing": {"title": "Billing", "order": 1}})


def test_page_kinds():
    assert [page_kind(p) for p in ("index.md", "a/index.md", "a/b.md", "a/b/index.md", "x.md")] == [
        "home", "category", "article", "article", "article"]


def test_categories_in_order_with_loose_articles_last():
    catalog = sample()
    assert [(c.slug, c.title) for c in catalog.categories] == [
        ("billing", "Billing"), ("sync", "Calendar sync"), ("", "General")]
    sync = catalog.category("sync")
    assert sync.icon == "material/sync" and sync.url == "sync/"
    assert catalog.category("billing").url is None  # no page of its own yet


def test_articles_ordered_by_order_then_title_and_fall_back_to_summary():
    sync = sample().category("sync")
    assert [a.title for a in sync.articles] == ["Alpha", "Beta", "Gamma"]
    assert sync.articles[0].description == "summary of Alpha"


def test_neighbours_stay_inside_the_category():
    catalog = sample()
    alpha, beta, gamma = catalog.category("sync").articles
    assert catalog.neighbours(alpha) == (None, beta)
    assert catalog.neighbours(gamma) == (beta, None)
    refunds = catalog.category("billing").articles[0]
    assert catalog.neighbours(refunds) == (None, None)


def test_related_prefers_shared_keywords():
    catalog = sample()
    alpha, beta, gamma = catalog.category("sync").articles
    assert catalog.related(beta, 5) == [gamma, alpha]
    assert catalog.related(beta, 1) == [gamma]


def test_related_leaves_out_the_previous_and_next_links_and_crosses_categories():
    catalog = build_catalog([
        source("sync/a.md", "Alpha", order=1, keywords=["airbnb"]),
        source("sync/b.md", "Beta", order=2, keywords=["ical", "feed"]),
        source("sync/c.md", "Gamma", order=3, keywords=["ical"]),
        source("sync/d.md", "Delta", order=4),
        source("billing/x.md", "Feed invoices", keywords=["Feed"]),
    ], root_category_title="General")
    alpha, beta, gamma, delta = catalog.category("sync").articles
    invoices = catalog.category("billing").articles[0]
    # Beta's previous and next links are Alpha and Gamma: its related list does not repeat them,
    # and offers the other category's article that shares a keyword before its own unrelated one.
    assert catalog.related(beta, 5, exclude=(alpha, gamma)) == [invoices, delta]
    assert catalog.related(beta, 5) == [gamma, invoices, alpha, delta]


def test_a_folder_with_its_own_category_file_is_a_section_of_its_category():
    """``billing/invoices/_category.yml`` makes ``billing/invoices/`` a section: its articles
    are listed together under its title, sections in their order, loose articles first. A
    subfolder without one is no section."""
    from helpcenter.content.catalog import Source, build_catalog

    def source(src_uri: str, title: str, order: int | None = None) -> Source:
        return Source(src_uri=src_uri, url=src_uri.replace(".md", "/"), meta={"order": order} if order else {},
                      title=title, summary="")

    catalog = build_catalog([
        source("billing/refunds/a.md", "Refund rules", 1), source("billing/invoices/b.md", "Download", 2),
        source("billing/invoices/c.md", "Correct", 1), source("billing/plans.md", "Plans"),
        source("billing/misc/d.md", "Misc"),
    ], root_category_title="More", category_files={
        "billing": {"title": "Billing"}, "billing/invoices": {"title": "Invoices", "order": 1},
        "billing/refunds": {"title": "Refunds", "order": 2, "description": "Money back."}})
    billing = catalog.category("billing")
    assert billing is not None
    assert [(s.title, [a.title for a in s.articles]) for s in billing.sections] == [
        ("Invoices", ["Correct", "Download"]), ("Refunds", ["Refund rules"])]
    assert billing.sections[1].description == "Money back."
    assert [a.title for a in billing.unsectioned] == ["Misc", "Plans"]
    assert [a.title for a in billing.articles] == ["Misc", "Plans", "Correct", "Download", "Refund rules"]
    assert [c.slug for c in catalog.categories] == ["billing"]  # a section is no category of its own
