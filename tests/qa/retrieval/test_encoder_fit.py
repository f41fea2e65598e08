"""A manifest rewritten with its checksum to name another encoder of the same dimension is no longer searched
without a word: a few passages' own texts must find them (hostile sweep, index family)."""
import json

import pytest

from embeddings.encoders import HashingEncoder
from embeddings.errors import IndexMismatchError
from embeddings.index import load_index
from embeddings.index_checksums import manifest_checksum
from qa.interfaces.cli import main
from qa.retrieval.encoder_fit import probe_ids
from qa.retrieval.retriever import Retriever


def test_probes_are_spread_over_the_store():
    assert probe_ids(603, 3) == [0, 301, 602] and probe_ids(2, 3) == [0, 1] and probe_ids(1) == [0] and probe_ids(0) == []
    assert len(probe_ids(603)) == 16


def test_the_right_encoder_passes_and_another_of_the_same_dimension_is_named(mini_index):
    index = load_index(mini_index)  # built with HashingEncoder(128): bigrams
    assert Retriever(index, HashingEncoder(128)).search("乙县提供用地多少亩", 1)
    wrong = Retriever(index, HashingEncoder(128, ngram=3))
    with pytest.raises(IndexMismatchError, match="were not made by encoder 'hashing-128-3'"):
        wrong.search("乙县提供用地多少亩", 1)
    assert wrong.search("乙县提供用地多少亩", 1, mode="bm25")  # keywords need no encoder


def test_a_rehashed_manifest_naming_another_encoder_is_an_error_line(mini_index, capsys):
    path = mini_index / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["encoder"] = "hashing-128-3"
    manifest["checksum"] = manifest_checksum(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["search", "乙县提供用地多少亩", "--index", str(mini_index)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "qa index --force" in err and "Traceback" not in err
