"""The process's jieba tokenizer and part-of-speech tagger, over the on-disk word table (embeddings.wordtable)
when it can be used, else plain in-memory jieba: the same tokens either way, ~2 s sooner on a fresh process."""
from __future__ import annotations

import io
import sys
import threading
from functools import lru_cache

from embeddings.wordtable import FreqView, TagView, WordTable, dict_file, open_table

_IMPORT_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def shared_table() -> WordTable | None:
    """The word table of jieba's default dictionary in cache_root()/jieba (None: plain jieba)."""
    return open_table()


@lru_cache(maxsize=1)
def shared_tokenizer():
    """The process's jieba.Tokenizer (keyword.tokenize and places.posseg share it)."""
    return make_tokenizer(shared_table())


@lru_cache(maxsize=1)
def shared_pos_tokenizer():
    """The process's jieba.posseg.POSTokenizer, over shared_tokenizer()."""
    return make_pos_tokenizer(shared_tokenizer(), shared_table())


def make_tokenizer(table: WordTable | None):
    """A jieba.Tokenizer of the table's dictionary (jieba's default one: `jieba.Tokenizer()`) whose FREQ and
    total come from the table; without a table, a plain one of the default dictionary, initialised."""
    import jieba

    jieba.setLogLevel(60)
    if table is None:
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        return tokenizer
    tokenizer = jieba.Tokenizer() if table.dictionary == dict_file() else jieba.Tokenizer(str(table.dictionary))
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = FreqView(table), table.total, True
    view = tokenizer.FREQ
    table.on_whole(lambda: setattr(tokenizer, "FREQ", view.as_dict()))  # bulk tokenizing at dict speed
    return tokenizer


def make_pos_tokenizer(tokenizer, table: WordTable | None):
    """A jieba.posseg.POSTokenizer over the tokenizer, its tags from the table (without one, from dict.txt).

    Importing jieba.posseg reads all of dict.txt for its global tagger `jieba.posseg.dt` (0.65 s): imported
    here, it reads nothing, and `dt` gets the same tags as the tagger made here (a view of the table, or a
    copy of the tags read for it), so that any other user of jieba.posseg tags as before.
    """
    default = table is None or table.dictionary == dict_file()
    with _IMPORT_LOCK:
        posseg, fresh = import_posseg(light=default)
        try:
            if table is None:
                tagger = posseg.POSTokenizer(tokenizer)
                if fresh:
                    posseg.dt.word_tag_tab = dict(tagger.word_tag_tab)
                return tagger
            tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # its __init__ would read dict.txt
            tagger.tokenizer = tokenizer
            give_tags(tagger, table)
            if fresh:
                give_tags(posseg.dt, table)
            return tagger
        except BaseException:
            if fresh:  # never leave jieba.posseg's global tagger without its tags
                posseg.dt.load_word_tag(posseg.dt.tokenizer.get_dict_file())
            raise


def give_tags(tagger, table: WordTable) -> None:
    """The tagger's word_tag_tab: the table's tags, a plain dict once the table is whole."""
    tagger.word_tag_tab = view = TagView(table)
    table.on_whole(lambda: setattr(tagger, "word_tag_tab", view.as_dict()))


def import_posseg(*, light: bool):
    """(jieba.posseg, fresh). Fresh: imported by this call, with `light` (tags of jieba's default dictionary
    to come) and jieba.dt on that dictionary, so without reading dict.txt: the caller gives `dt` its tags."""
    import jieba

    jieba.setLogLevel(60)
    if "jieba.posseg" in sys.modules or not light or jieba.dt.dictionary is not None:
        import jieba.posseg

        return jieba.posseg, False
    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")  # for this import only: an empty dictionary
    try:
        import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    return jieba.posseg, True
