"""The Python side of search: languages agree with lunr-languages, shards partition the index."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess

from helpcenter.search import index as search_index
from helpcenter.search.index import (
    SearchDocument,
    build_search_files,
    expand_synonyms,
    shard_index,
    split_postings,
)
from helpcenter.search.languages import SPANISH_STOP_WORDS, SPANISH_WORD_CHARACTERS, language
from lunr.index import Index

from ..conftest import ROOT

LUNR_ES = (ROOT / "node_modules/lunr-languages/lunr.es.js").read_text(encoding="utf-8")


def test_spanish_word_list_and_letters_are_lunr_languages_own():
    letters = re.search(r'lunr\.es\.wordCharacters = "([^"]*)"', LUNR_ES).group(1)
    assert letters.encode().decode("unicode_escape") == SPANISH_WORD_CHARACTERS
    stops = re.search(r"lunr\.es\.stopWordFilter = lunr\.generateStopWordFilter\('([^']*)'", LUNR_ES)
    assert set(stops.group(1).split()) == SPANISH_STOP_WORDS


def test_spanish_stems_match_lunr_languages_on_the_spanish_corpus(corpus):
    spanish = language("es")
    words = sorted({w for p in (corpus / "es").rglob("*.md") for w in spanish.tokenize(p.read_text("utf-8"))})
    folded = sorted({w.translate(str.maketrans("áéíóú", "aeiou")) for w in words} - set(words))
    sample = words + folded
    ours = [spanish.terms(word) for word in sample]
    script = """
      const lunr = require('lunr'); require('lunr-languages/lunr.stemmer.support.js')(lunr);
      require('lunr-languages/lunr.es.js')(lunr);
      const p = new lunr.Pipeline();
      p.add(lunr.es.trimmer, lunr.es.stopWordFilter, lunr.es.accentFold, lunr.es.stemmer);
      const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      console.log(JSON.stringify(words.map(w => p.run([new lunr.Token(w)]).map(String))));
    """
    done = subprocess.run(["node", "-e", script], input=json.dumps(sample), capture_output=True,
                          text=True, cwd=ROOT, check=True)
    theirs = json.loads(done.stdout)
    different = [(w, a, b) for w, a, b in zip(sample, ours, theirs, strict=True) if a != b]
    assert len(sample) > 5000 and different == []


def test_accent_folding_and_stemming():
    spanish, english = language("es-ES"), language("en")
    assert spanish.terms("sincronizacion")[0] in spanish.terms("sincronización")
    assert spanish.terms("reservas") == spanish.terms("reserva")
    assert english.terms("Uploading café") == ["upload", "cafe"]


def test_synonyms_are_added_by_whole_words():
    english = language("en")
    groups = [["iCal", "calendar feed", "ics"], ["refund", "money back"]]
    assert expand_synonyms(english, "Import an ICAL link", groups) == ["calendar feed", "ics"]
    assert expand_synonyms(english, "Musical calendars", groups) == []
    assert expand_synonyms(english, "Get your money back", groups) == ["refund"]


def _docs(count: int) -> list[SearchDocument]:
    words = ["calendar", "booking", "guest", "payment", "refund", "cleaning", "owner", "channel", "airbnb", "vrbo"]
    return [SearchDocument(title=f"{words[i % 10]} {words[(i * 3) % 10]} guide {i}", url=f"a/{i}/",
                           category=i % 3, summary=f"About {words[(i * 7) % 10]} number {i}",
                           keywords=[words[(i + 1) % 10]], headings=[(f"Step {i}", f"step-{i}")],
                           body=" ".join(words[(i + k) % 10] for k in range(40)) + f" term{i}")
            for i in range(count)]


def test_shards_partition_the_index_and_each_loads_on_its_own():
    english = language("en")
    packed = search_index._build_index(english, {"title": 10, "body": 1},
                                       [(str(i), {"title": d.title, "body": d.body}) for i, d in enumerate(_docs(120))])
    full = packed.serialize()
    shards = list(shard_index(packed, max_bytes=2_000))
    assert len(shards) > 3
    firsts = [first for first, _ in shards]
    assert firsts == sorted(firsts) and firsts[0] == full["invertedIndex"][0][0]
    terms = [term for _, shard in shards for term, _ in shard["invertedIndex"]]
    assert terms == [term for term, _ in full["invertedIndex"]]  # every term once, in order
    # Each vector element lands in the shard of its term.
    elements = {}
    for _, shard in shards:
        own = {posting["_index"] for _, posting in shard["invertedIndex"]}
        for ref, values in shard["fieldVectors"]:
            assert {values[i] for i in range(0, len(values), 2)} <= own
            elements.setdefault(ref, []).extend(zip(values[::2], values[1::2], strict=True))
        Index.load(shard)  # loads like a whole index
    original = {ref: sorted(zip(v[::2], v[1::2], strict=True)) for ref, v in full["fieldVectors"]}
    assert {ref: sorted(v) for ref, v in elements.items()} == original


def test_search_files_are_content_hashed_and_complete():
    docs = _docs(70)
    built = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=3_000,
                               prefetch_bytes=0, inline_bytes=0)
    for path, content in built.files.items():
        assert path.startswith("search/")
        assert path.rsplit(".", 2)[1] == hashlib.sha256(content).hexdigest()[:10]
    manifest = json.loads(built.files[built.manifest_path])
    assert manifest["docs"] == 70 and manifest["lang"] == "en"
    assert manifest["categories"] == ["A", "B", "C"]
    assert len(manifest["display"]["files"]) == 5  # 16 + 16 + 16 + 16 + 6
    assert len(manifest["tiers"]["primary"]["shards"]) > 1
    chunk = json.loads(built.files["search/" + manifest["display"]["files"][4]])
    doc = docs[64]
    assert chunk[0] == [doc.title, 1, "a/64/", doc.summary, [["Step 64", "step-64"]]]
    assert built.warnings == []


def test_small_sites_get_one_first_tier_file_and_inline_display_data():
    built = build_search_files(_docs(40), ["A", "B", "C"], language("en"))
    manifest = json.loads(built.files[built.manifest_path])
    primary = manifest["tiers"]["primary"]
    assert primary["prefetch"] is True and len(primary["shards"]) == 1
    assert manifest["tiers"]["body"]["prefetch"] is False
    assert len(manifest["display"]["inline"]) == 40 and "files" not in manifest["display"]
    assert built.prefetch_paths == [f"search/{primary['shards'][0][1]}"]
    assert "titles" not in manifest["display"]  # the whole display data is there
    big = build_search_files(_docs(40), ["A", "B", "C"], language("en"), prefetch_bytes=100, shard_bytes=2_000)
    assert len(json.loads(big.files[big.manifest_path])["tiers"]["primary"]["shards"]) > 1
    assert big.prefetch_paths == []


def test_titles_ride_in_the_manifest_while_they_are_small_and_display_is_chunked():
    docs = _docs(40)
    for prefetch in (10**9, 0):  # whole first tier, or shards
        built = build_search_files(docs, ["A", "B", "C"], language("en"), inline_bytes=0, prefetch_bytes=prefetch)
        display = json.loads(built.files[built.manifest_path])["display"]
        assert len(display["files"]) == 3 and "inline" not in display
        assert display["titles"][33] == [docs[33].title, 0, "a/33/"]
    large = build_search_files(docs, ["A", "B", "C"], language("en"), inline_bytes=0, titles_gzip_bytes=100)
    assert "titles" not in json.loads(large.files[large.manifest_path])["display"]


def test_first_tier_keeps_each_terms_best_postings_and_the_rest_tier_the_others():
    english = language("en")
    packed = search_index._build_index(english, {"title": 10, "body": 1},
                                       [(str(i), {"title": d.title, "body": d.body}) for i, d in enumerate(_docs(60))])
    full = packed.serialize()

    def scores(index):  # (term index, ref) -> summed field vector values
        found = {}
        for field_ref, values in index["fieldVectors"]:
            for term, value in zip(values[::2], values[1::2], strict=True):
                key = (term, field_ref.split("/")[1])
                found[key] = found.get(key, 0) + value
        return found

    halves = split_postings(packed, 5)
    assert halves[1] is not None
    head, rest = halves[0].serialize(), halves[1].serialize()
    whole, first, others = scores(full), scores(head), scores(rest)
    assert not first.keys() & others.keys() and first | others == whole  # a partition
    for term, posting in full["invertedIndex"]:
        mine = sorted((ref, score) for (t, ref), score in whole.items() if t == posting["_index"])
        kept = {ref for (t, ref) in first if t == posting["_index"]}
        assert len(kept) == min(5, len(mine))
        best = sorted(mine, key=lambda pair: (-pair[1], int(pair[0])))[:5]
        assert kept == {ref for ref, _ in best}, term
    # Every term keeps its postings in the first tier (prefix and typo lookups need them all),
    # with every field named, as lunr.js expects; both halves load in lunr.js.
    assert [t for t, _ in head["invertedIndex"]] == [t for t, _ in full["invertedIndex"]]
    assert all(set(posting) == {"_index", "title", "body"} for _, posting in rest["invertedIndex"])
    Index.load(head)
    Index.load(rest)
    assert split_postings(packed, 1000) == (packed, None)  # nothing to cut


def test_large_sites_carry_titles_in_first_tier_shards_and_name_them_in_the_page(monkeypatch):
    docs = _docs(70)
    built = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=2_000, head_postings=8,
                               prefetch_bytes=0, inline_bytes=0, titles_gzip_bytes=0)
    manifest = json.loads(built.files[built.manifest_path])
    assert "titles" not in manifest["display"] and manifest["tiers"]["rest"]["of"] == "primary"
    assert built.shard_table == manifest["tiers"]["primary"]["shards"] and len(built.shard_table) > 1
    # Pages list them compactly, "term hash ...": the browser rebuilds each file name from the
    # name the page also carries (helpcenter.js does what this line does).
    listed = search_index.shard_list(built.shard_table).split(" ")
    name = search_index.FIRST_TIER_NAME
    assert [[listed[2 * i], name.replace("{n}", str(i)).replace("{hash}", listed[2 * i + 1])]
            for i in range(len(listed) // 2)] == built.shard_table
    for _, file in built.shard_table:
        shard = json.loads(built.files[f"search/{file}"])
        refs = {field_ref.split("/")[1] for field_ref, _ in shard["fieldVectors"]}
        assert shard["titles"].keys() == refs
        assert all(shard["titles"][ref] == [docs[int(ref)].title, docs[int(ref)].category, docs[int(ref)].url]
                   for ref in refs)
    for _, file in manifest["tiers"]["rest"]["shards"]:
        assert "titles" not in json.loads(built.files[f"search/{file}"])
    # Mid-sized sites: the manifest has the titles, so shards do not; a long list stays out of pages.
    mid = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=2_000, prefetch_bytes=0,
                             inline_bytes=0)
    assert all("titles" not in json.loads(content) for path, content in mid.files.items() if "/primary-" in path)
    monkeypatch.setattr(search_index, "SHARD_TABLE_BYTES", 1_000)
    many = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=300, prefetch_bytes=0)
    shards = json.loads(many.files[many.manifest_path])["tiers"]["primary"]["shards"]
    assert len(search_index.shard_list(shards)) > 1_000
    assert many.shard_table == []


def test_shards_that_carry_titles_keep_to_their_size_budget():
    """Titles count towards a shard's bytes (a word's first-answer download stays small), and a
    first tier is fetched whole on focus only if it is small with its titles."""
    docs = [SearchDocument(title=f"How to {doc.title} when the long descriptive title goes on {i}",
                           url=f"a-rather-long-category-name/article-{i}/", category=doc.category,
                           summary=doc.summary, keywords=doc.keywords, headings=doc.headings, body=doc.body)
            for i, doc in enumerate(_docs(300))]
    budget = 3_000
    built = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=budget, head_postings=8,
                               prefetch_bytes=0, inline_bytes=0, titles_gzip_bytes=0)
    shards = [json.loads(content) for path, content in built.files.items() if "/primary-" in path]
    assert len(shards) > 10
    oversized = [shard for shard in shards
                 if len(json.dumps(shard, separators=(",", ":"))) > budget * 1.25 and len(shard["invertedIndex"]) > 1]
    assert oversized == []
    titles = sum(len(json.dumps(shard["titles"])) for shard in shards)
    assert titles > budget * 3  # titles are a large share here: the budget held with them
    # Whole first tier under the prefetch limit without its titles, over it with them: sharded.
    without = build_search_files(docs, ["A", "B", "C"], language("en"), head_postings=8, inline_bytes=0)
    limit = int(max(len(gzip.compress(c, 6)) for p, c in without.files.items() if "/primary-" in p) * 1.1)
    with_titles = build_search_files(docs, ["A", "B", "C"], language("en"), head_postings=8, prefetch_bytes=limit,
                                     inline_bytes=0, titles_gzip_bytes=0)
    assert not json.loads(with_titles.files[with_titles.manifest_path])["tiers"]["primary"]["prefetch"]


def test_a_first_tier_without_terms_builds_and_is_not_listed():
    docs = [SearchDocument(title="¿?", url="a/", category=0, summary="", body="words only in the text")]
    built = build_search_files(docs, ["A"], language("en"), prefetch_bytes=0, inline_bytes=0, titles_gzip_bytes=0)
    assert json.loads(built.files[built.manifest_path])["tiers"]["primary"]["shards"][0][0] == ""
    assert built.shard_table == []


def test_warns_when_the_first_tier_is_large(monkeypatch):
    monkeypatch.setattr(search_index, "FIRST_TIER_WARNING_BYTES", 1_000)
    built = build_search_files(_docs(70), ["A", "B", "C"], language("en"))
    assert built.stats["primary"]["gzip"] == sum(
        len(gzip.compress(c, 6)) for p, c in built.files.items() if "/primary-" in p)
    assert len(built.warnings) == 1 and "first search tier is" in built.warnings[0]


def test_english_terms_match_lunr_js_on_the_english_corpus(corpus):
    english = language("en")
    paths = [*(corpus / "en").rglob("*.md"), *(ROOT / "docs").rglob("*.md")]
    words = sorted({w for p in paths for w in english.tokenize(p.read_text("utf-8"))})
    words += ["cry", "say", "deploy", "yesterday", "by", "try", "happy", "yield"]
    ours = [english.terms(word) for word in words]
    script = """
      const lunr = require('lunr');
      const p = new lunr.Pipeline(); p.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
      const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      console.log(JSON.stringify(words.map(w => p.run([new lunr.Token(w)]).map(String))));
    """
    done = subprocess.run(["node", "-e", script], input=json.dumps(words), capture_output=True,
                          text=True, cwd=ROOT, check=True)
    different = [(w, a, b) for w, a, b in zip(words, ours, json.loads(done.stdout), strict=True) if a != b]
    assert len(words) > 5000 and different == []


def test_vendored_browser_files_are_the_locked_npm_releases():
    """The site ships lunr.js and lunr-languages from overrides/ (Netlify builds need no npm);
    they must be the very files package-lock.json pins, which the tests run in Node."""
    vendor = ROOT / "overrides/assets/helpcenter/vendor"
    pairs = {"lunr.min.js": "lunr/lunr.min.js",
             "lunr.stemmer.support.min.js": "lunr-languages/min/lunr.stemmer.support.min.js"}
    for script in vendor.glob("lunr.*.min.js"):
        if script.name not in pairs:
            pairs[script.name] = f"lunr-languages/min/{script.name}"
    assert len(pairs) >= 16
    for name, package_file in pairs.items():
        assert (vendor / name).read_bytes() == (ROOT / "node_modules" / package_file).read_bytes(), name
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    assert lock["node_modules/lunr"]["version"] == "2.3.9"


def test_search_bundle_is_built_from_the_current_modules(tmp_path):
    """Pages load the search modules as one file (Netlify builds need no npm): it must be what
    `npm run bundle` makes of today's modules."""
    import shlex

    script = json.loads((ROOT / "package.json").read_text())["scripts"]["bundle"]
    committed = "overrides/assets/helpcenter/search/bundle.js"
    assert f"--outfile={committed}" in script
    fresh = tmp_path / "bundle.js"
    [program, *arguments] = shlex.split(script.replace(f"--outfile={committed}", f"--outfile={fresh}"))
    done = subprocess.run([str(ROOT / "node_modules/.bin" / program), *arguments], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert fresh.read_text() == (ROOT / committed).read_text(), "the bundle is stale: run `npm run bundle`"
    # Modules that pages also load on their own stay outside it (one instance each).
    imports = re.findall(r'^import .* from "([^"]+)";$', fresh.read_text(), flags=re.M)
    assert set(imports) == {"../helpcenter.js", "../strings.js"}


def test_a_preview_indexes_all_but_the_full_text_first_then_all():
    """The preview's first step: without the full-text tier, or with the last one while the
    articles are the same ones in the same order; that gives what a whole build gives."""
    docs = _docs(70)
    whole = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=3_000, prefetch_bytes=0)
    reused = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=3_000, prefetch_bytes=0,
                                body=search_index.body_tier(whole))
    assert reused.files == whole.files and reused.manifest_path == whole.manifest_path
    quick = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=3_000, prefetch_bytes=0,
                               body="omit")
    manifest = json.loads(quick.files[quick.manifest_path])
    assert set(manifest["tiers"]) == {"primary", "rest"} and not any("/body-" in path for path in quick.files)
    assert search_index.body_tier(quick) is None
    assert {p: c for p, c in quick.files.items() if "/primary-" in p} == {
        p: c for p, c in whole.files.items() if "/primary-" in p}
    first = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=3_000, prefetch_bytes=0,
                               body=search_index.body_tier(whole), rest=False)
    assert set(json.loads(first.files[first.manifest_path])["tiers"]) == {"primary", "body"}
    assert {p: c for p, c in first.files.items() if "/rest-" not in p and "/manifest." not in p} == {
        p: c for p, c in whole.files.items() if "/rest-" not in p and "/manifest." not in p}


def test_articles_edited_since_the_full_text_make_an_edits_tier(tmp_path):
    """Their new words are found (by our engine, in Node) before the full text is made again."""
    docs = _docs(40)
    whole = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=3_000, prefetch_bytes=0)
    docs[7].body += " quokkaword"
    quick = build_search_files(docs, ["A", "B", "C"], language("en"), shard_bytes=3_000, prefetch_bytes=0,
                               body=search_index.body_tier(whole), rest=False, edited=[7])
    tier = json.loads(quick.files[quick.manifest_path])["tiers"]["edits"]
    assert tier["of"] == "body" and tier["fields"] == ["body"]
    edits = json.loads(quick.files[f"search/{tier['shards'][0][1]}"])
    assert {ref.split("/")[1] for ref, _ in edits["fieldVectors"]} == {"7"}
    Index.load(edits)
    for path, content in quick.files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    request = {"op": "search", "site": str(tmp_path), "manifest": quick.manifest_path, "limit": 5,
               "tiers": ["primary", "rest", "body", "edits"], "queries": ["quokkaword", "calendar"]}
    done = subprocess.run(["node", str(ROOT / "tests/js/search_cli.mjs")], input=json.dumps(request),
                          capture_output=True, text=True, cwd=ROOT, check=True)
    found, calendar = json.loads(done.stdout)["answers"]
    assert found["urls"] == ["a/7/"]
    assert calendar["urls"] and "error" not in calendar
