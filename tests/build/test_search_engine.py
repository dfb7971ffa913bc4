"""Our search in real lunr.js (Node): compatible with lunr.js' own index, shards change nothing,
no input breaks it, typos and Spanish words are found, and the relevance set scores well."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from helpcenter.content.markdown_text import first_heading
from helpcenter.search import index as search_index
from helpcenter.search.index import SearchDocument, build_search_files
from helpcenter.search.languages import Language, language

from ..conftest import ROOT, run_node_search

CLI = ROOT / "tests/js/search_cli.mjs"
QUERIES = {
    "en": ["upload files", "dependency injection", "oauth2 password bearer", "query parameters",
           "background tasks", "sql database", "cors", "websockets", "testing", "docker deploy",
           "response model", "path operation", "security scopes", "custom response html",
           "settings environment variables", "async await", "middleware", "uvicorn workers",
           "pydantic model", "status code", "upl*", "request~1", "title:cookie", "+body -query",
           "header^10 parameters"],
    "es": ["subir archivos", "inyección de dependencias", "parámetros de consulta", "autenticacion",
           "tareas en segundo plano", "base de datos", "configuracion", "pruebas", "despliegue",
           "modelo de respuesta", "código de estado", "seguridad", "variables de entorno",
           "concurrencia", "validaciones", "cabeceras", "galletas", "docker", "middleware",
           "documentación automática"],
    # The other six: a slice of the same pages in each (tests/fixtures/fastapi/README.md).
    "fr": ["envoyer des fichiers", "tâches d'arrière-plan", "dépendances", "paramètres de requête",
           "variables d'environnement", "gérer les erreurs", "mots de passe hachés",
           "démarrage de l'application", "fich*", "title:cookies", "validation~1"],
    "de": ["Dateien hochladen", "Hintergrundtasks", "Abhängigkeiten", "Query-Parameter", "Umgebungsvariablen",
           "Fehler behandeln", "Passwörter", "Statuscodes", "Datei*", "title:Cookies", "Umgebung~1"],
    "pt": ["enviar arquivos", "tarefas em segundo plano", "dependências", "parâmetros de consulta",
           "variáveis de ambiente", "tratamento de erros", "senhas", "códigos de status", "arquiv*",
           "title:cookies", "validação~1"],
    "ru": ["загрузка файлов", "фоновые задачи", "зависимости", "параметры запроса", "переменные окружения",
           "обработка ошибок", "пароли", "статус-код", "файл*", "title:ошибок", "настройки~1"],
    "ja": ["ファイルのアップロード", "バックグラウンドタスク", "依存関係", "クエリパラメータ", "環境変数",
           "エラー処理", "パスワード", "ステータスコード", "Docker", "ミドルウェア", "title:依存", "テス*"],
    "zh": ["上传文件", "后台任务", "依赖项", "查询参数", "环境变量", "处理错误", "密码哈希", "状态码",
           "Cookie", "中间件", "title:依赖", "测*"],
}


def corpus_documents(folder: Path) -> list[tuple[str, str]]:
    docs = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        docs.append((first_heading(text) or path.stem, text))
    return docs


def node(request: dict) -> dict:
    done = subprocess.run(["node", str(CLI)], input=json.dumps(request), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def oracle_query(lang: Language, query: str) -> str:
    """lunr.js' query parser splits on spaces alone: a Chinese or Japanese question would be
    one term that no index holds, and both indexes would agree on finding nothing. It goes in
    as the build's words (pairs of characters), the terms the browser's engine looks up;
    queries in lunr's syntax (fields, wildcards, edit distance) as written."""
    if lang.analyzer != "cjk" or any(mark in query for mark in ":*~^+-"):
        return query
    return " ".join(lang.tokenize(query))


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "pt", "ja", "zh", "ru"])
def test_python_index_ranks_like_an_index_built_by_lunr_js(corpus, tmp_path, lang):
    """The compatibility oracle: lunr.js builds its own index from the same documents, and
    lunr.js' search ranks the same articles, with the same scores, on both."""
    lang_ = language(lang)
    fields = {"title": 10, "body": 1}
    docs = corpus_documents(corpus / lang)
    assert len(docs) >= 30
    serialized = search_index._build_index(
        lang_, fields, [(str(i), {"title": t, "body": b}) for i, (t, b) in enumerate(docs)]).serialize()
    index_file = tmp_path / "index.json"
    index_file.write_text(json.dumps(serialized))
    tokens = [{"id": str(i), "title": lang_.tokenize(t), "body": lang_.tokenize(b)}
              for i, (t, b) in enumerate(docs)]
    queries = [oracle_query(lang_, q) for q in QUERIES[lang]]
    answer = node({"op": "oracle", "lang": lang, "analyzer": lang_.analyzer, "fields": fields, "docs": tokens,
                   "pyIndexFile": str(index_file), "queries": queries})
    assert answer["terms"]["js"] == answer["terms"]["py"] > 1000
    for result in answer["results"]:
        assert result["py"] == result["js"], result["q"]
    assert sum(bool(r["py"]) for r in answer["results"]) >= len(QUERIES[lang]) - 3
    if lang_.analyzer == "cjk":
        # Each plain question went in as several pairs of characters, and found articles.
        for query, result in zip(queries[:8], answer["results"][:8], strict=True):
            assert len(query.split()) > 1 and result["py"], query


def test_shards_and_tiers_do_not_change_results(corpus, tmp_path):
    docs = [SearchDocument(title=t, url=f"doc-{i}/", category=0, summary=b[:200], body=b)
            for i, (t, b) in enumerate(corpus_documents(corpus / "en"))]
    sites = {}
    # "many": small shards, and each term's first-tier postings cut to its best 3 articles
    # (the others in the "rest" tier): a complete search must not notice.
    for name, shard_bytes, head in (("one", 10**9, 10**9), ("many", 4_000, 3)):
        built = build_search_files(docs, ["All"], language("en"), shard_bytes=shard_bytes, head_postings=head,
                                   prefetch_bytes=0 if name == "many" else 10**9, inline_bytes=0)
        for path, content in built.files.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_bytes(content)
        sites[name] = tmp_path / name
    many = json.loads(next((sites["many"] / "search").glob("manifest.*")).read_text())
    assert len(many["tiers"]["primary"]["shards"]) > 5 and len(many["tiers"]["body"]["shards"]) > 20
    assert many["tiers"]["rest"]["of"] == "primary" and len(many["tiers"]["rest"]["shards"]) > 5
    assert "rest" not in json.loads(next((sites["one"] / "search").glob("manifest.*")).read_text())["tiers"]
    queries = [*QUERIES["en"], "recieve uploded files", "how do I secure my api with oauth",
               "deploy", "dep", "websock"]
    one = run_node_search(sites["one"], queries)
    sharded = run_node_search(sites["many"], queries)
    for a, b in zip(one, sharded, strict=True):
        assert "error" not in a and a["urls"] == b["urls"] and a["scores"] == b["scores"], a["q"]


def test_a_prefix_matching_many_terms_scores_the_same_split_or_whole(tmp_path):
    """A prefix that matches more index terms than are expanded (40): whatever the shards and
    the first tier's cut, a complete search expands the same 40 terms as one whole index."""
    words = ["zq" + "a" * i + "b" for i in range(1, 61)]
    docs = [SearchDocument(title=f"Doc {d}", url=f"d{d}/", category=0, body="filler text",
                           # each article: one word of its own, and the 10 longest words in all
                           summary=" ".join(w for i, w in enumerate(words) if i >= 50 or i == d))
            for d in range(50)]
    answers = {}
    for name, shard_bytes, head in (("one", 10**9, 10**9), ("split", 10**9, 5), ("sharded", 1_500, 5)):
        built = build_search_files(docs, ["All"], language("en"), shard_bytes=shard_bytes, head_postings=head,
                                   prefetch_bytes=0, inline_bytes=10**9)
        tiers = json.loads(built.files[built.manifest_path])["tiers"]
        assert ("rest" in tiers) == (name != "one")
        if name == "sharded":
            assert len(tiers["primary"]["shards"]) > 2
        for path, content in built.files.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_bytes(content)
        answers[name] = run_node_search(tmp_path / name, ["zqa", "filler zqa"], limit=60)
    # The 40 shortest words are each one article's own: those 40 articles, none other.
    assert sorted(answers["one"][0]["urls"]) == sorted(f"d{d}/" for d in range(40))
    # With a word all articles hold, the 40 hold both words and rank first.
    assert sorted(answers["one"][1]["urls"][:40]) == sorted(f"d{d}/" for d in range(40))
    for query in range(2):
        one = answers["one"][query]
        for name in ("split", "sharded"):
            other = answers[name][query]
            assert (other["urls"], other["scores"]) == (one["urls"], one["scores"]), (name, one["q"])


HOSTILE = ["", " ", ":", "~", "^", "+", "-", "*", "title:", "ical~", "^2", "+-*:~^", '"ical feed"',
           "'", "\\", "😀", "📅 calendar 😀", "a" * 500, "calendar " * 80, "<script>alert(1)</script>",
           "null", "undefined", "constructor", "__proto__", "?", "¿¿¿", "ñ", "日本語"]


def test_no_input_breaks_the_engine(sample_site):
    answers = run_node_search(sample_site, [*HOSTILE, "calendar"])
    calendar = answers.pop()
    assert [a.get("error") for a in answers] == [None] * len(HOSTILE)
    by_query = {a["q"]: a for a in answers}
    assert by_query[""]["urls"] == [] and by_query[":"]["urls"] == []
    assert "calendar-sync/import-ical-feed/" in by_query['"ical feed"']["urls"][:2]
    # Emoji are not words: the query finds what "calendar" alone finds.
    assert calendar["urls"] and by_query["📅 calendar 😀"]["urls"] == calendar["urls"]


def test_first_tier_answers_question_style_queries(sample_site):
    [ical, airbnb, partial] = run_node_search(
        sample_site, ["How do I import an iCal feed?", "connect airbnb", "double book"],
        tiers=("primary",))
    assert ical["urls"][0] == "calendar-sync/import-ical-feed/" and ical["words"] == ["import", "ical", "feed"]
    assert airbnb["urls"][0] == "channel-manager/connect-airbnb/"
    assert partial["urls"][0] == "calendar-sync/avoid-double-bookings/"


def test_synonyms_from_config_find_articles(sample_site):
    [feed] = run_node_search(sample_site, ["calendar link from another site"])
    assert "calendar-sync/import-ical-feed/" in feed["urls"][:3]


def test_typos_are_forgiven_on_longer_words(fastapi_sites):
    typos, one_typo = run_node_search(fastapi_sites["en"], ["recieve uploded files", "recieve files"])
    assert "tutorial/request-files/" in typos["urls"][:5]
    # No article holds "recieve": the retry at edit distance 1 finds "receive".
    assert one_typo["fuzzy"] is True and one_typo["urls"][0] == "tutorial/request-files/"


def test_spanish_stemming_and_missing_accents(fastapi_sites):
    answers = run_node_search(fastapi_sites["es"], ["autenticacion", "autenticación",
                                                    "subir archivos", "parametros query"])
    accentless, accented, upload, query = answers
    assert accentless["urls"] and accentless["urls"][:3] == accented["urls"][:3]
    assert "tutorial/request-files/" in upload["urls"][:3]
    assert any("query-params" in url for url in query["urls"][:3])


def _relevance(sites: dict[str, Path], entries: list[dict]) -> tuple[float, float]:
    hits = reciprocal = 0.0
    by_corpus: dict[str, list[dict]] = {}
    for entry in entries:
        by_corpus.setdefault(entry["corpus"], []).append(entry)
    for name, group in by_corpus.items():
        answers = run_node_search(sites[name], [e["q"] for e in group], limit=5)
        for entry, answer in zip(group, answers, strict=True):
            expected = {p.removesuffix(".md").removesuffix("index").rstrip("/") + "/" if p != "index.md" else ""
                        for p in entry["expect"]}
            ranks = [i for i, url in enumerate(answer["urls"][:5], 1) if url in expected]
            hits += bool(ranks)
            reciprocal += 1 / ranks[0] if ranks else 0
    return hits / len(entries), reciprocal / len(entries)


def test_relevance_set(sample_site, fastapi_sites):
    relevance = yaml.safe_load((ROOT / "tests/search_relevance.yml").read_text(encoding="utf-8"))
    assert len(relevance["english"]) >= 40 and len(relevance["spanish"]) >= 25
    sites = {"sample": sample_site, "fastapi-en": fastapi_sites["en"], "fastapi-es": fastapi_sites["es"]}
    english = _relevance(sites, relevance["english"])
    spanish = _relevance(sites, relevance["spanish"])
    print(f"\nrelevance hit@5/MRR@5: english {english[0]:.2f}/{english[1]:.2f}, "
          f"spanish {spanish[0]:.2f}/{spanish[1]:.2f}")
    # A floor against regressions; benchmarks/bench_search.py compares with Material.
    assert english[0] >= 0.85 and spanish[0] >= 0.78
