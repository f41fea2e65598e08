"""ONNX exports (embeddings.onnx, embeddings.onnx_export) of tiny models built here: found, stale, damaged,
the same vectors as torch, and a process that encodes with them imports neither torch nor transformers."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from embeddings.encoders import MeanPoolEncoder, for_queries, make_encoder
from embeddings.errors import InputError, ModelMissingError
from embeddings.onnx import choose_export, export_folder, find_export
from embeddings.onnx_export import export_model
from qa.training.tiny import make_tiny_encoder

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ["乙县为驻地部队提供用地527亩。", "双拥林2处", "开展军民共建活动500余次，投入资金3.5亿元。" * 3]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        folder = tmp_path_factory.mktemp("cache")
        mp.setenv("QA_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory, cache) -> Path:
    """A 2-layer BERT saved as a plain transformers folder, and its ONNX export."""
    folder = make_tiny_encoder(tmp_path_factory.mktemp("tiny-bert"), TEXTS, max_position_embeddings=128)
    export, made = export_model(folder, "feature-extraction")
    assert made and export.max_abs_diff < 1e-4
    return folder


def test_export_is_found_reused_and_in_the_cache(tiny_bert, cache):
    export = find_export(tiny_bert, "feature-extraction")
    assert export is not None and export.folder.parent == cache / "onnx" and export.inputs[0] == "input_ids"
    assert export_model(tiny_bert, "feature-extraction") == (export, False)  # up to date: nothing done
    assert find_export(tiny_bert, "question-answering") is None
    assert choose_export("no/such/folder", "feature-extraction", "auto") is None  # a hub name: torch


def test_onnx_vectors_match_torch_and_are_batch_invariant(tiny_bert):
    fast = MeanPoolEncoder(str(tiny_bert), backend="onnx")
    slow = MeanPoolEncoder(str(tiny_bert), backend="torch")
    a, b = fast.encode(TEXTS, batch_size=2), slow.encode(TEXTS, batch_size=2)
    assert fast._onnx is not None and slow._onnx is None and fast.dim == slow.dim == 32
    assert np.abs(a - b).max() < 1e-5 and not np.allclose(a[0], a[1])
    alone = np.vstack([fast.encode([t]) for t in TEXTS])
    assert np.abs(alone - a).max() < 1e-5  # padding changes no vector
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)


def test_auto_uses_the_export_and_int8_queries_stay_on_torch(tiny_bert):
    auto = make_encoder(str(tiny_bert), backend="auto")
    auto.warm_up()
    assert auto._onnx is not None
    twin = for_queries(auto)
    assert twin.quantize and twin.backend == "auto"
    assert for_queries(make_encoder(str(tiny_bert), backend="onnx")).quantize is False  # onnx: full precision
    with pytest.raises(InputError, match="int8"):
        MeanPoolEncoder(str(tiny_bert), quantize=True, backend="onnx")
    with pytest.raises(InputError, match="backend"):
        MeanPoolEncoder(str(tiny_bert), backend="gpu")


def test_a_changed_model_has_no_export_until_exported_again(tiny_bert, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(tiny_bert, copy)
    export_model(copy, "feature-extraction")
    assert find_export(copy, "feature-extraction") is not None
    weights = copy / "model.safetensors"
    os.utime(weights, ns=(weights.stat().st_atime_ns, weights.stat().st_mtime_ns + 10**9))  # "retrained"
    assert find_export(copy, "feature-extraction") is None
    assert choose_export(copy, "feature-extraction", "auto") is None  # torch, which reads the new weights
    with pytest.raises(ModelMissingError, match="qa export-onnx"):
        choose_export(copy, "feature-extraction", "onnx")
    old = export_folder(copy, "feature-extraction")
    assert export_model(copy, "feature-extraction")[1] and old.exists()
    assert len([p for p in old.parent.glob("copy-feature-extraction-*")]) == 1  # the stale export was removed


def test_a_damaged_export_names_the_fix(tiny_bert, tmp_path):
    import shutil

    copy = tmp_path / "damaged"
    shutil.copytree(tiny_bert, copy)
    export, _ = export_model(copy, "feature-extraction")
    export.model_file.write_bytes(b"not an onnx graph")
    with pytest.raises(ModelMissingError, match="export-onnx --force"):
        MeanPoolEncoder(str(copy), backend="onnx").encode(["双拥"])
    (export.folder / "meta.json").write_text("{", encoding="utf-8")
    with pytest.raises(ModelMissingError, match="damaged.*--force"):
        find_export(copy, "feature-extraction")
    export_model(copy, "feature-extraction", force=True)
    assert MeanPoolEncoder(str(copy), backend="onnx").encode(["双拥"]).shape == (1, 32)


def test_encoding_with_the_export_imports_neither_torch_nor_transformers(tiny_bert, cache):
    code = ("import sys; from embeddings.encoders import make_encoder; "
            f"v = make_encoder({str(tiny_bert)!r}, backend='onnx').encode(['双拥林2处']); "
            "print(v.shape, 'torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, "QA_CACHE_DIR": str(cache)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["(1,", "32)", "False", "False"]


def test_export_meta_says_what_was_checked(tiny_bert):
    meta = json.loads((find_export(tiny_bert, "feature-extraction").folder / "meta.json").read_text())
    assert meta["task"] == "feature-extraction" and meta["source"] == str(tiny_bert.resolve())
    assert 0 <= meta["max_abs_diff"] < 1e-4 and meta["pad_id"] == 0 and meta["hidden_size"] == 32
