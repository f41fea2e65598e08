"""A BM25 folder that bm25s saved, read without importing bm25s (0.3 s: it imports scipy): the arrays and the
vocabulary KeywordIndex scores with, exactly as `bm25s.BM25.load(folder, allow_pickle=False)` gives them."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

ARRAYS = {"data": "data.csc.index.npy", "indices": "indices.csc.index.npy", "indptr": "indptr.csc.index.npy"}
PARAMS, VOCAB, NONOCCURRENCE = "params.index.json", "vocab.index.json", "nonoccurrence_array.index.npy"
NEEDS_NONOCCURRENCE = ("bm25l", "bm25+")  # bm25s's methods_requiring_nonoccurrence
# the keyword arguments of bm25s.BM25(...), which load() passes the saved parameters to
PARAM_NAMES = {"k1", "b", "delta", "method", "idf_method", "dtype", "int_dtype", "corpus", "backend",
               "csc_backend", "auto_compile"}

try:  # bm25s reads its JSON with orjson when it is installed (gradio and pymilvus bring it): the same parser
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - as bm25s does without it
    _loads = json.loads


class SavedBM25:
    """What KeywordIndex uses of a loaded bm25s.BM25: `scores` (data, indices, indptr, num_docs),
    `vocab_dict` (token -> id) and `get_tokens_ids`; `params` as saved, `nonoccurrence_array` or None."""

    def __init__(self, scores: dict, vocab_dict: dict[str, int], params: dict,
                 nonoccurrence_array: np.ndarray | None = None) -> None:
        self.scores, self.vocab_dict, self.params = scores, vocab_dict, params
        self.nonoccurrence_array = nonoccurrence_array

    def get_tokens_ids(self, query_tokens: list[str]) -> list[int]:
        """The ids of the known tokens, in order, repeats kept (bm25s's own):
        vocab {"双拥": 0, "部队": 3}: ["部队", "火星", "双拥", "部队"] -> [3, 0, 3]."""
        return [self.vocab_dict[token] for token in query_tokens if token in self.vocab_dict]


def load_bm25(folder: Path) -> SavedBM25:
    """The saved BM25 state in folder. Raises OSError for a missing file, ValueError (JSON, .npy, or a file
    of the wrong shape) or TypeError (a parameter bm25s does not take), as bm25s's load would."""
    folder = Path(folder)
    with open(folder / PARAMS) as fh:
        params = _loads(fh.read())
    if not isinstance(params, dict):
        raise ValueError(f"{PARAMS} holds a JSON {type(params).__name__}, not an object")
    with open(folder / VOCAB, encoding="utf-8") as fh:
        vocab = _loads(fh.read())
    if not isinstance(vocab, dict):
        raise ValueError(f"{VOCAB} holds a JSON {type(vocab).__name__}, not an object")
    options = {k: v for k, v in params.items() if k not in ("version", "num_docs")}
    unknown = sorted(set(options) - PARAM_NAMES)
    if unknown:
        raise TypeError(f"BM25.__init__() got an unexpected keyword argument {unknown[0]!r}")
    num_docs = params.get("num_docs")
    if not isinstance(num_docs, int) or isinstance(num_docs, bool) or num_docs < 0:
        raise ValueError(f"{PARAMS} should give num_docs as a count, it gives {num_docs!r:.40}")
    scores = {name: np.load(folder / file, allow_pickle=False) for name, file in ARRAYS.items()}
    check_arrays(scores, len(vocab), num_docs)
    scores["num_docs"] = num_docs
    nonoccurrence = None
    if options.get("method", "lucene") in NEEDS_NONOCCURRENCE:
        nonoccurrence = np.load(folder / NONOCCURRENCE, allow_pickle=False)  # bm25s: FileNotFoundError if absent
    return SavedBM25(scores, vocab, params, nonoccurrence)


def check_arrays(scores: dict[str, np.ndarray], vocab_size: int, num_docs: int) -> None:
    """ValueError unless the postings are a CSC matrix of the vocabulary's words (O(1) checks: the index
    file checksums catch changed bytes): one indptr row per word and one more (bm25s's vocabulary may hold one
    word more, "", which no query token maps to), as many positions as scores, none past the last document.

    data [.5, .7], indices [0, 3], indptr [0, 1, 2], 2 words, 4 documents -> fine."""
    data, indices, indptr = scores["data"], scores["indices"], scores["indptr"]
    if any(a.ndim != 1 for a in (data, indices, indptr)):
        raise ValueError("the BM25 arrays should be flat")
    if data.dtype.kind != "f" or indices.dtype.kind not in "iu" or indptr.dtype.kind not in "iu":
        raise ValueError(f"the BM25 arrays have dtypes {data.dtype}, {indices.dtype}, {indptr.dtype}: "
                         "expected float scores and integer positions")
    if not len(indptr) - 1 <= vocab_size <= len(indptr) or len(data) != len(indices) or (len(indptr) and (
            indptr[0] != 0 or indptr[-1] != len(indices))):
        raise ValueError(f"the BM25 postings do not fit: {len(indptr)} row starts for {vocab_size} words, "
                         f"{len(indices)} positions, {len(data)} scores")
    if len(indices) and int(indices.max()) >= num_docs:
        raise ValueError(f"a BM25 posting points at document {int(indices.max())} of {num_docs}")
