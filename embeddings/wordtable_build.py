"""Writing jieba's word table (embeddings.wordtable reads it): the words and prefixes jieba's gen_pfdict
makes of dict.txt, with their frequencies and the tags POSTokenizer.load_word_tag reads, in an SQLite file
(a WITHOUT ROWID table keyed by word, and a meta table: schema, dictionary key, jieba version, total, rows)."""
from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA = "1"


def dict_file() -> Path:
    """jieba's default dictionary (what `jieba.Tokenizer().get_dict_file()` opens)."""
    import jieba

    return Path(jieba.__file__).with_name("dict.txt")


def dict_key(path: Path) -> str:
    """A key that changes with the dictionary file: "<size>-<mtime in ns>", e.g. "5071559-1733054161000000000"."""
    stat = path.stat()
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def table_path(folder: Path, key: str) -> Path:
    """The table file for a dictionary key: folder / "words-<key>.sqlite"."""
    return folder / f"words-{key}.sqlite"


def read_dictionary(path: Path) -> tuple[dict[str, int], int, dict[str, str]]:
    """A dictionary file's FREQ and total (jieba's own gen_pfdict: words and their prefixes) and its word
    tags, read as POSTokenizer.load_word_tag reads them: "双拥 12 n" -> ({"双": 0, "双拥": 12}, 12, {"双拥": "n"})."""
    import jieba

    freq, total = jieba.Tokenizer.gen_pfdict(path.open("rb"))
    tags: dict[str, str] = {}
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.strip().decode("utf-8")
            if line:
                parts = line.split(" ")
                if len(parts) != 3:
                    raise ValueError(f"invalid POS dictionary entry in {path} at Line {lineno}: {line}")
                tags[parts[0]] = parts[2]
    return freq, total, tags


def build_table(dictionary: Path, path: Path, key: str) -> None:
    """Write the table of a dictionary to path: into a temporary file beside it, then renamed into place
    (two processes building at once both succeed; a killed build leaves only its temporary file)."""
    import jieba

    path.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        started = time.perf_counter()
        freq, total, tags = read_dictionary(dictionary)
        if not tags.keys() <= freq.keys():
            raise ValueError(f"{dictionary} tags words that it gives no frequency")
        meta = {"schema": SCHEMA, "key": key, "jieba": jieba.__version__, "total": str(total), "rows": str(len(freq))}
        _write(Path(tmp), ((word, n, tags.get(word)) for word, n in sorted(freq.items())), meta)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600; the cache may be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.info("built jieba's word table %s (%d words) in %.1fs", path, len(freq), time.perf_counter() - started)
    for old in path.parent.glob("words-*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)  # tables of an older dictionary


def _write(path: Path, rows, meta: dict[str, str]) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=OFF")  # a temporary file: a crash leaves it unused, never half-read
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID")
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        conn.executemany("INSERT INTO words VALUES (?, ?, ?)", rows)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.commit()
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _clear_leftovers(folder: Path, *, older_than_s: float = 3600) -> None:
    """Temporary files of builds killed long ago (a running build's own is younger)."""
    for tmp in folder.glob(".words-*.tmp"):
        try:
            if time.time() - tmp.stat().st_mtime > older_than_s:
                tmp.unlink()
        except OSError:
            pass
