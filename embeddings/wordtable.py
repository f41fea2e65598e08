"""jieba's dictionary as an SQLite table read on demand, so that a fresh process does not load ~600k words
(jieba.initialize: 1.5 s) nor read dict.txt again for part-of-speech tags (import jieba.posseg: 0.65 s).

The table holds what jieba builds in memory: every word of dict.txt and every prefix of one (frequency 0),
filled by jieba's own `Tokenizer.gen_pfdict`, and the tags `POSTokenizer.load_word_tag` reads, so tokens
are the same. `FreqView` and `TagView` stand in for `Tokenizer.FREQ` and `POSTokenizer.word_tag_tab`.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Callable

from embeddings.paths import cache_root
from embeddings.wordtable_build import SCHEMA, build_table, dict_file, dict_key, read_dictionary, table_path

log = logging.getLogger(__name__)

BULK_AFTER = 50_000  # table lookups after which the whole table is read at once (an index build tokenizing)
_MISSING = object()
Row = tuple  # (freq, tag or None)


class WordTable:
    """word -> (freq, tag) from a read-only table, each answer (hit or miss) memoized; after BULK_AFTER
    lookups the whole table is read in one SELECT (~1 s) and those who asked (`on_whole`) are told, so that
    they can swap plain dicts in. Safe from several threads (one lock over the connection)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str], dictionary: Path) -> None:
        self.path, self.dictionary = path, dictionary
        self.total, self.rows = int(meta["total"]), int(meta["rows"])
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.Lock()
        self._memo: dict[str, Row | None] = {}
        self._asked = 0
        self._on_whole: list[Callable[[], None]] = []
        self.whole = False

    def row(self, word: str) -> Row | None:
        """(freq, tag) of a word or prefix in the dictionary, None when it is in neither."""
        found = self._memo.get(word, _MISSING)
        if found is _MISSING:
            return self._memo.get(word) if self.whole else self._fetch(word)  # whole: the memo is too
        return found

    def _fetch(self, word: str) -> Row | None:
        with self._lock:
            if not self.whole:
                self._asked += 1
                if self._asked < BULK_AFTER:
                    try:
                        found = self._conn.execute("SELECT freq, tag FROM words WHERE word = ?", (word,)).fetchone()
                    except sqlite3.Error as exc:
                        self._read_dictionary(exc)
                    else:
                        self._memo[word] = found
                        return found
                else:
                    self._read_all()
        return self._memo.get(word)

    def _read_all(self) -> None:
        try:
            memo = {word: (freq, tag) for word, freq, tag in self._conn.execute("SELECT word, freq, tag FROM words")}
        except sqlite3.Error as exc:
            return self._read_dictionary(exc)
        if len(memo) != self.rows:
            return self._read_dictionary(ValueError(f"{len(memo)} rows, its meta says {self.rows}"))
        self._become_whole(memo)

    def _read_dictionary(self, exc: Exception) -> None:
        """The table failed mid-use: answer from the dictionary file itself from now on (the same words)."""
        log.info("jieba's word table %s failed (%s): reading %s into memory instead", self.path, exc, self.dictionary)
        freq, _, tags = read_dictionary(self.dictionary)
        self._become_whole({word: (n, tags.get(word)) for word, n in freq.items()})

    def _become_whole(self, memo: dict[str, Row]) -> None:
        self._memo, self.whole = memo, True  # readers see the old memo or the whole one: both answer right
        self._conn.close()
        for call in self._on_whole:
            call()

    def on_whole(self, call: Callable[[], None]) -> None:
        """Call `call` once the whole table is in memory (now, if it is)."""
        with self._lock:
            if self.whole:
                call()
            else:
                self._on_whole.append(call)

    def freq_dict(self) -> dict[str, int]:
        """The whole table's FREQ as a plain dict (once whole)."""
        return {word: row[0] for word, row in self._memo.items()}

    def tag_dict(self) -> dict[str, str]:
        """The whole table's word tags as a plain dict (once whole)."""
        return {word: row[1] for word, row in self._memo.items() if row[1] is not None}


class FreqView:
    """`Tokenizer.FREQ` over a WordTable: word -> frequency (0 for a prefix), add_word's words in memory."""

    def __init__(self, table: WordTable) -> None:
        self._table = table
        self._added: dict[str, int] = {}

    def __contains__(self, word: str) -> bool:
        return (self._added and word in self._added) or self._table.row(word) is not None

    def __getitem__(self, word: str) -> int:
        if self._added and word in self._added:
            return self._added[word]
        row = self._table.row(word)
        if row is None:
            raise KeyError(word)
        return row[0]

    def get(self, word: str, default=None):
        if self._added and word in self._added:
            return self._added[word]
        row = self._table.row(word)
        return default if row is None else row[0]

    def __setitem__(self, word: str, freq: int) -> None:
        self._added[word] = freq

    def __len__(self) -> int:
        return self._table.rows + sum(1 for word in self._added if self._table.row(word) is None)

    def as_dict(self) -> dict[str, int]:
        """A plain dict of the same words (the table must be whole)."""
        return {**self._table.freq_dict(), **self._added}


class TagView:
    """`POSTokenizer.word_tag_tab` over a WordTable: word -> part-of-speech tag, user words in memory."""

    def __init__(self, table: WordTable) -> None:
        self._table = table
        self._added: dict[str, str] = {}

    def get(self, word: str, default=None):
        if self._added and word in self._added:
            return self._added[word]
        row = self._table.row(word)
        return default if row is None or row[1] is None else row[1]

    def __contains__(self, word: str) -> bool:
        return self.get(word, _MISSING) is not _MISSING

    def __getitem__(self, word: str) -> str:
        tag = self.get(word, _MISSING)
        if tag is _MISSING:
            raise KeyError(word)
        return tag

    def __setitem__(self, word: str, tag: str) -> None:
        self._added[word] = tag

    def update(self, tags) -> None:
        self._added.update(tags)

    def as_dict(self) -> dict[str, str]:
        """A plain dict of the same tags (the table must be whole)."""
        return {**self._table.tag_dict(), **self._added}


def open_table(dictionary: Path | None = None, folder: Path | None = None) -> WordTable | None:
    """The word table of a dictionary (jieba's by default) in folder (cache_root()/jieba by default), built
    first when missing, stale or unreadable; None when it can be neither read nor built (use plain jieba)."""
    dictionary = dictionary or dict_file()
    folder = folder or cache_root() / "jieba"
    try:
        key = dict_key(dictionary)
    except OSError as exc:
        log.info("jieba's dictionary %s cannot be read (%s): using plain in-memory jieba", dictionary, exc)
        return None
    path = table_path(folder, key)
    table = _open(path, key, dictionary)
    if table is None:
        try:
            build_table(dictionary, path, key)
        except (OSError, sqlite3.Error, ValueError) as exc:
            log.info("jieba's word table cannot be written at %s (%s): using plain in-memory jieba", path, exc)
            return None
        table = _open(path, key, dictionary)
        if table is None:
            log.info("jieba's word table %s does not read back: using plain in-memory jieba", path)
    return table


def _open(path: Path, key: str, dictionary: Path) -> WordTable | None:
    """The table at path when it is whole and made for this key, schema and jieba version, else None."""
    import jieba

    if not path.is_file():
        return None
    conn = None
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"  # read-only: the file is replaced, never changed
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        pages = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
        wanted = {"schema": SCHEMA, "key": key, "jieba": jieba.__version__}
        stale = {k: meta.get(k) for k, v in wanted.items() if meta.get(k) != v}
        if stale or pages != path.stat().st_size:
            raise ValueError(f"stale {stale}" if stale else f"{path.stat().st_size} bytes, its pages say {pages}")
        return WordTable(path, conn, meta, dictionary)
    except (sqlite3.Error, OSError, ValueError, KeyError, TypeError) as exc:
        if conn is not None:
            conn.close()
        log.info("jieba's word table %s is not usable (%s): building it again", path, exc)
        return None


