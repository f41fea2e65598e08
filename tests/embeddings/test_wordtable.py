"""jieba over the on-disk word table gives plain jieba's tokens and tags, bit for bit; a damaged, stale or
unwritable table is rebuilt or falls back to plain jieba, never to other tokens."""
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import jieba
import pytest

from embeddings import keyword, places, segmenter, wordtable
from embeddings.segmenter import make_pos_tokenizer, make_tokenizer
from embeddings.wordtable import FreqView, open_table
from embeddings.wordtable_build import build_table, dict_file, dict_key, table_path

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = [json.loads(line)["question"] for line in (ROOT / "eval/data/gold.jsonl").open(encoding="utf-8")]
LINES = [line for path in sorted((ROOT / "data/corpus").iterdir())
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
CACHES = (keyword._jieba, places.posseg, segmenter.shared_table, segmenter.shared_tokenizer,
          segmenter.shared_pos_tokenizer)


def pairs(tagged) -> list[tuple[str, str]]:
    return [(w.word, w.flag) for w in tagged]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A cache folder holding the default dictionary's table, built once for this module."""
    cache = tmp_path_factory.mktemp("cache")
    assert open_table(folder=cache / "jieba") is not None
    return cache


@pytest.fixture(scope="module")
def plain():
    """Plain, fully initialised jieba: the reference."""
    import jieba.posseg

    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


@pytest.fixture
def fresh(monkeypatch):
    """The process's shared tokenizer and tagger made anew (with the QA_CACHE_DIR a test sets), and after."""
    for cached in CACHES:
        cached.cache_clear()
    yield monkeypatch
    for cached in CACHES:
        cached.cache_clear()


def test_tokens_and_tags_are_plain_jiebas_on_the_corpus_and_gold_questions(built, plain, fresh):
    tokenizer, tagger = plain
    fresh.setenv("QA_CACHE_DIR", str(built))
    texts = LINES + QUESTIONS
    assert isinstance(keyword._jieba().FREQ, FreqView)  # really the table
    assert [keyword._jieba().lcut_for_search(t) for t in texts] == [tokenizer.lcut_for_search(t) for t in texts]
    for hmm in (True, False):
        assert [pairs(places.posseg().cut(t, HMM=hmm)) for t in texts] == \
               [pairs(tagger.cut(t, HMM=hmm)) for t in texts]
    ours = [keyword.tokenize(q) for q in QUESTIONS]
    fresh.setattr(keyword, "_jieba", lambda: tokenizer)
    assert ours == [keyword.tokenize(q) for q in QUESTIONS]
    assert keyword.tokenize("共建了12处营区") == ["共建", "12", "处", "营区"]


def test_the_table_holds_plain_jiebas_dictionary(built, plain):
    tokenizer, tagger = plain
    table = open_table(folder=built / "jieba")
    assert table.total == tokenizer.total and len(FreqView(table)) == len(tokenizer.FREQ)
    for word in ["双拥", "双", "芜湖市", "火星基地", "", "的"]:  # looked up one by one, misses too
        assert FreqView(table).get(word) == tokenizer.FREQ.get(word)
        assert (word in FreqView(table)) == (word in tokenizer.FREQ)
    table._read_all()
    assert table.whole and table.freq_dict() == tokenizer.FREQ and table.tag_dict() == tagger.word_tag_tab


@pytest.mark.parametrize("cache", ["built", "unwritable"])
def test_a_fresh_process_cuts_as_plain_jieba_and_so_does_jieba_posseg(built, plain, tmp_path, cache):
    """The start-up path: with the table, tokenize and posseg().cut load no whole dictionary (jieba's cache,
    dict.txt); with an unwritable cache, plain jieba and one log line; either way the same tokens and tags,
    from posseg() and from jieba.posseg's own global tagger (imported without its dict.txt read)."""
    (tmp_path / "a-file").write_text("")
    folder = built if cache == "built" else tmp_path / "a-file"  # its jieba/ folder cannot be made
    code = """if True:
        import json, logging, sys, jieba
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="LOG %(name)s %(message)s")
        from embeddings.keyword import _jieba, tokenize
        from embeddings.places import posseg
        tokenize("双拥共建"); list(posseg().cut("芜湖市双拥工作综述"))
        import jieba.posseg as pseg
        light = not jieba.dt.initialized and type(pseg.dt.word_tag_tab).__name__ == "TagView"
        qs = json.loads(sys.stdin.read())
        print(json.dumps([light, [_jieba().lcut_for_search(q) for q in qs], [[list(p) for p in pseg.cut(q)] for q in qs],
                          [[list(p) for p in posseg().cut(q)] for q in qs]]))
    """
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(QUESTIONS), capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "QA_CACHE_DIR": str(folder)})
    assert done.returncode == 0, done.stderr
    light, words, module_tags, our_tags = json.loads(done.stdout)
    tokenizer, tagger = plain
    expected = [[list(p) for p in pairs(tagger.cut(q))] for q in QUESTIONS]
    assert light == (cache == "built") and module_tags == expected and our_tags == expected
    assert words == [tokenizer.lcut_for_search(q) for q in QUESTIONS]
    logged = [line for line in done.stderr.splitlines() if line.startswith("LOG embeddings")]
    assert logged == [] if cache == "built" else len(logged) == 1 and "using plain in-memory jieba" in logged[0]


@pytest.fixture(scope="module")
def dict_lines() -> list[str]:
    """dict.txt's lines for the words of the first gold questions: a small dictionary, quick to build."""
    pieces = {q[i:j] for q in QUESTIONS[:80] for i in range(len(q)) for j in range(i + 1, min(i + 5, len(q)) + 1)}
    return [line for line in dict_file().read_text(encoding="utf-8").splitlines() if line.split(" ")[0] in pieces]


@pytest.fixture
def small(tmp_path, dict_lines) -> Path:
    path = tmp_path / "dict.txt"
    path.write_text("\n".join(dict_lines) + "\n", encoding="utf-8")
    return path


def plain_of(dictionary: Path):
    """Plain jieba over a dictionary file, with a cache of its own (jieba's is keyed by mtime)."""
    import jieba.posseg

    tokenizer = jieba.Tokenizer(str(dictionary))
    tokenizer.tmp_dir = tempfile.mkdtemp(dir=dictionary.parent)
    tokenizer.initialize()
    return tokenizer, jieba.posseg.POSTokenizer(tokenizer)


def assert_same(table, dictionary: Path, texts=QUESTIONS[:80]) -> None:
    assert table is not None
    tokenizer = make_tokenizer(table)
    tagger = make_pos_tokenizer(tokenizer, table)
    ref, ref_tagger = plain_of(dictionary)
    assert [tokenizer.lcut_for_search(t) for t in texts] == [ref.lcut_for_search(t) for t in texts]
    assert [pairs(tagger.cut(t)) for t in texts] == [pairs(ref_tagger.cut(t)) for t in texts]


@pytest.mark.parametrize("damage", [
    lambda p: p.write_bytes(b"not a database" * 100),
    lambda p: p.write_bytes(p.read_bytes()[:len(p.read_bytes()) // 2]),
    lambda p: p.write_bytes(b""),
])
def test_a_damaged_table_is_built_again(tmp_path, small, damage, caplog):
    folder = tmp_path / "jieba"
    open_table(small, folder)
    path = table_path(folder, dict_key(small))
    damage(path)
    with caplog.at_level(logging.INFO, logger="embeddings"):
        table = open_table(small, folder)
    assert "not usable" in caplog.text and "built jieba's word table" in caplog.text
    assert_same(table, small)


def test_a_table_failing_mid_use_answers_from_the_dictionary(tmp_path, small):
    table = open_table(small, tmp_path / "jieba")
    tokenizer = make_tokenizer(table)
    table._conn.close()  # every lookup now fails
    assert_same(table, small)
    assert table.whole and type(tokenizer.FREQ) is dict


def test_a_changed_dictionary_or_jieba_builds_the_table_again(tmp_path, small, monkeypatch, caplog):
    folder = tmp_path / "jieba"
    old = open_table(small, folder).path
    with small.open("a", encoding="utf-8") as fh:
        fh.write("营区双拥林 50000 nz\n")
    table = open_table(small, folder)
    assert table.path != old and not old.exists() and [p.name for p in folder.iterdir()] == [table.path.name]
    assert "营区双拥林" in make_tokenizer(table).lcut("建好营区双拥林")
    assert_same(table, small, QUESTIONS[:80] + ["建好营区双拥林"])
    monkeypatch.setattr(jieba, "__version__", "0.0.1")
    with caplog.at_level(logging.INFO, logger="embeddings"):
        assert open_table(small, folder) is not None
    assert "stale {'jieba': '0.42.1'}" in caplog.text


def test_add_word_goes_to_memory_and_cuts_as_plain_jieba(tmp_path, small):
    table = open_table(small, tmp_path / "jieba")
    tokenizer = make_tokenizer(table)
    tagger = make_pos_tokenizer(tokenizer, table)
    ref, ref_tagger = plain_of(small)
    for tok in (tokenizer, ref):
        tok.add_word("营区双拥林", 3000, "nz")
    text = "乙县建好营区双拥林2处"
    assert tokenizer.lcut(text) == ref.lcut(text) and "营区双拥林" in tokenizer.lcut(text)
    assert pairs(tagger.cut(text)) == pairs(ref_tagger.cut(text)) and ("营区双拥林", "nz") in pairs(tagger.cut(text))
    assert tokenizer.FREQ["营区双拥林"] == 3000 and "营区双拥" in tokenizer.FREQ and tokenizer.total == ref.total
    assert open_table(small, tmp_path / "jieba").row("营区双拥林") is None  # the file is never written


def test_many_lookups_read_the_whole_table_once_even_from_threads(tmp_path, small, monkeypatch):
    monkeypatch.setattr(wordtable, "BULK_AFTER", 300)
    table = open_table(small, tmp_path / "jieba")
    tokenizer = make_tokenizer(table)
    tagger = make_pos_tokenizer(tokenizer, table)
    ref, ref_tagger = plain_of(small)
    got: dict[int, list] = {}

    def work(n: int) -> None:
        got[n] = [(tokenizer.lcut_for_search(q), pairs(tagger.cut(q))) for q in QUESTIONS[:80][n::4]]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in range(4):
        assert got[n] == [(ref.lcut_for_search(q), pairs(ref_tagger.cut(q))) for q in QUESTIONS[:80][n::4]]
    assert table.whole and type(tokenizer.FREQ) is dict and type(tagger.word_tag_tab) is dict


def test_two_builds_at_once_both_succeed(tmp_path, small):
    path = table_path(tmp_path / "jieba", dict_key(small))
    errors: list[BaseException] = []

    def build() -> None:
        try:
            build_table(small, path, dict_key(small))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and [p.name for p in path.parent.iterdir()] == [path.name]
    assert_same(open_table(small, path.parent), small)
