"""Passages on disk: the index folder's passages.jsonl read line by line through a memory map and an offset
table, so that a million passages cost a few arrays in memory rather than a million Python objects."""
from __future__ import annotations

import hashlib
import json
import mmap
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np

from embeddings.index_checksums import damaged
from embeddings.types import Passage


def text_hash(text: str) -> int:
    """A 63-bit hash of a passage's index text: the key of the vector cache (equal text, equal vector).

    text_hash("a") == text_hash("a") != text_hash("b")
    """
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little") >> 1


def write_passages(path: Path, passages: Iterable[Passage]) -> dict[str, np.ndarray]:
    """Write passages as JSON Lines; returns the columns kept beside them: byte offsets (n + 1), each
    passage's report number and the hash of its index text."""
    offsets, reports, hashes = [0], [], []
    with path.open("wb") as fh:
        for passage in passages:
            line = (json.dumps(passage.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")
            fh.write(line)
            offsets.append(offsets[-1] + len(line))
            reports.append(passage.report)
            hashes.append(text_hash(passage.index_text))
    return {"offsets": np.asarray(offsets, dtype=np.int64), "report": np.asarray(reports, dtype=np.int32),
            "hash": np.asarray(hashes, dtype=np.int64)}


class PassageTable(Sequence[Passage]):
    """A read-only sequence of passages over a JSON Lines file; `table[i]` parses line i only."""

    def __init__(self, path: Path, offsets: np.ndarray) -> None:
        self.path = Path(path)
        self.offsets = offsets
        size = int(offsets[-1])
        with self.path.open("rb") as fh:
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if len(self._map) != size:
            raise ValueError(f"holds {len(self._map)} bytes, the offset table says {size}")
        self._get = lru_cache(maxsize=4096)(self._parse)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._get(j) for j in range(*i.indices(len(self)))]
        i = int(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"passage {i} out of range (the table holds {len(self)})")
        return self._get(i)

    def __iter__(self) -> Iterator[Passage]:
        for i in range(len(self)):
            yield self._parse(i)

    def index_texts(self) -> Iterator[str]:
        """Each passage's index text (what the encoders and BM25 see), in order."""
        return (p.index_text for p in self)

    def _parse(self, i: int) -> Passage:
        """Passage i; IndexDamagedError naming the file when its line does not parse (changed after opening)."""
        line = self._map[int(self.offsets[i]):int(self.offsets[i + 1])]
        try:
            return Passage.from_dict(json.loads(line))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise damaged(self.path, f"line {i + 1} is not a passage: {exc.__class__.__name__}: "
                                     f"{str(exc)[:80]}") from exc
