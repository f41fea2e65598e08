"""Ingestion is linear in the input: a 5 MB file on one line, and the size limit (issue case 4)."""
import random
import time
from pathlib import Path

import pytest

from embeddings.errors import DocumentError
from embeddings.ingest import load_collection
from embeddings.loaders import check_size
from embeddings.places import body_places


def random_chinese(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(n))


def test_rare_characters_do_not_slow_place_finding():
    started = time.perf_counter()
    body_places(random_chinese(3_000) + "张掖市" * 3)
    assert time.perf_counter() - started < 10  # was 25 s: jieba's part-of-speech HMM on unknown characters


def test_a_long_single_line_file_is_cut_into_passages_and_loses_nothing(tmp_path: Path):
    # The 5 MB case (1.7M characters) loads in about 37 s on 2 busy cores (README, Reliability); the test keeps
    # the behaviour that made it linear (no passage the length of the line) on a line that loads in seconds.
    path = tmp_path / "one_line.txt"
    path.write_text(random_chinese(200_000), encoding="utf-8")
    reports, passages = load_collection([path])
    assert len(reports) == 1 and max(len(p.text) for p in passages) <= 360
    assert sum(len(p.text) for p in passages) >= 200_000 - 400  # nothing lost between the pieces


def test_a_file_over_the_size_limit_is_named(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_text("张" * 100, encoding="utf-8")
    with pytest.raises(DocumentError, match="the limit per file is 200"):
        check_size(path, limit=200)
    check_size(path, limit=10_000)
