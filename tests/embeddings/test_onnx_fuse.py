"""The reader's export with fused attention (embeddings.onnx_fuse): fused when the optimizer can, the plain dynamo
export when it cannot, checked against torch either way, and made again over an export of an older version."""
import json
import logging

import numpy as np
import onnx
import pytest

from embeddings import onnx_fuse
from embeddings.onnx import META_VERSION, OnnxModel
from embeddings.onnx_export import check_pairs, export_model
from qa.training.tiny import make_tiny_reader

TEXTS = ["芜湖市为驻芜部队提供用地527亩。", "投入资金3.5亿元。", "提供用地多少亩？"]


def op_types(path) -> set[str]:
    return {node.op_type for node in onnx.load(str(path)).graph.node}


@pytest.fixture()
def tiny(tmp_path, monkeypatch):
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "cache"))
    return make_tiny_reader(tmp_path / "reader", TEXTS)


def test_the_reader_export_fuses_attention_and_matches_torch(tiny):
    export, made = export_model(tiny, "question-answering")
    meta = json.loads((export.folder / "meta.json").read_text(encoding="utf-8"))
    assert made and meta["graph"] == "fused" and meta["version"] == META_VERSION
    assert meta["fused"]["Attention"] == 1  # the tiny reader's one layer
    assert "Attention" in op_types(export.model_file) and "Softmax" not in op_types(export.model_file)
    assert 0 <= meta["max_abs_diff"] < 1e-4  # outputs checked against torch, padded batch included
    assert not list(export.folder.glob("*.unfused.onnx"))  # the TorchScript export in between is removed


def test_without_the_fusions_the_plain_export_is_kept(tiny, monkeypatch, caplog):
    def fails(*args, **kwargs):
        raise RuntimeError("no fusion for this architecture")

    monkeypatch.setattr(onnx_fuse, "_optimize", fails)
    with caplog.at_level(logging.WARNING, logger="embeddings.onnx_fuse"):
        export, made = export_model(tiny, "question-answering")
    meta = json.loads((export.folder / "meta.json").read_text(encoding="utf-8"))
    assert made and meta["graph"] == "plain" and meta["fused"] == {}
    assert "Attention" not in op_types(export.model_file) and meta["max_abs_diff"] < 1e-4
    assert "no fusion for this architecture" in caplog.text


def test_fused_and_plain_graphs_give_the_same_logits(tiny, monkeypatch):
    fused, _ = export_model(tiny, "question-answering")
    arrays, context = check_pairs(fused)
    want = OnnxModel(fused).run(arrays)
    monkeypatch.setattr(onnx_fuse, "_optimize", lambda *a, **k: {})  # fuses nothing: the plain export is kept
    plain, made = export_model(tiny, "question-answering", force=True)
    assert made and "Attention" not in op_types(plain.model_file)
    got = OnnxModel(plain).run(arrays)
    for a, b in zip(want, got):
        assert np.abs(a - b)[context].max() < 1e-4


def test_an_export_of_an_older_version_is_made_again(tiny):
    export, _ = export_model(tiny, "question-answering")
    meta_file = export.folder / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta_file.write_text(json.dumps({**meta, "version": META_VERSION - 1}), encoding="utf-8")
    again, made = export_model(tiny, "question-answering")
    assert made and json.loads(meta_file.read_text(encoding="utf-8"))["version"] == META_VERSION
    _, made = export_model(tiny, "question-answering")
    assert not made  # up to date now


def test_a_fused_graph_that_differs_from_torch_gives_way_to_the_plain_one(tiny, monkeypatch, caplog):
    from embeddings import onnx_export

    real = onnx_export.fused_export

    def broken(graph, sample, inputs, outputs, config, path):
        counts = real(graph, sample, inputs, outputs, config, path)
        model = onnx.load(str(path))
        weight = max(model.graph.initializer, key=lambda t: len(t.raw_data))  # the embeddings, say
        weight.raw_data = (np.frombuffer(weight.raw_data, dtype=np.float32) * 3).tobytes()
        onnx.save(model, str(path))
        return counts

    monkeypatch.setattr(onnx_export, "fused_export", broken)
    with caplog.at_level(logging.WARNING, logger="embeddings.onnx_export"):
        export, made = export_model(tiny, "question-answering")
    meta = json.loads((export.folder / "meta.json").read_text(encoding="utf-8"))
    assert made and meta["graph"] == "plain" and meta["max_abs_diff"] < 1e-4
    assert "differs from torch" in caplog.text
