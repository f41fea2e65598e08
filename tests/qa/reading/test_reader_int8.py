"""The reader's int8 copy (embeddings.onnx_quantize): made and checked by `qa export-onnx --int8`, run with
Settings.reader_precision "int8", refused with the fix named when it is missing, kept only when it agrees."""
import json
import os
from pathlib import Path

import numpy as np
import pytest

from embeddings import onnx_quantize
from embeddings.errors import ModelMissingError
from embeddings.onnx import INT8_FILE, OnnxExport, OnnxModel
from embeddings.onnx_export import check_pairs, export_model
from qa.errors import InputError
from qa.reading.reader import Reader
from qa.settings import Settings
from qa.training.tiny import make_tiny_reader
from embeddings.types import Passage

P1 = Passage("r001-p001", 1, "芜湖市为驻芜部队提供用地527亩，累计投入资金3.5亿元。", 0, 29, subtitle="芜湖市双拥工作综述")
QUESTION = "芜湖市为驻芜部队提供用地多少亩？"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        folder = make_tiny_reader(tmp_path_factory.mktemp("tiny-reader"), [P1.text, P1.subtitle, QUESTION])
        plain, made = export_model(folder, "question-answering")
        assert made and plain.int8_file is None and not (plain.folder / INT8_FILE).exists()  # only on request
        export, made = export_model(folder, "question-answering", int8=True)
        assert made and os.stat(export.model_file).st_mtime_ns == os.stat(plain.model_file).st_mtime_ns
        yield folder, export


def test_the_export_makes_a_checked_int8_copy(exported):
    folder, export = exported
    meta = json.loads((export.folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["int8"]["kept"] is True and meta["int8"]["same_spans"] is True
    assert export.int8_file == export.folder / INT8_FILE and export.int8_file.stat().st_size > 0
    arrays, context = check_pairs(export)
    full = OnnxModel(export).run(arrays)
    small = onnx_quantize.run_alone(OnnxModel(export, precision="int8"), arrays)
    assert onnx_quantize.best_spans(*full, context) == onnx_quantize.best_spans(*small, context)
    real = arrays["attention_mask"].astype(bool)
    assert 0 < meta["int8"]["max_abs_diff"] == pytest.approx(max(float(np.abs(a - b)[real].max())
                                                                 for a, b in zip(full, small)))


def test_int8_on_request_fp32_by_default(exported):
    folder, _ = exported
    auto, full = Reader(folder, backend="onnx", precision="int8"), Reader(folder, backend="onnx")
    a, b = auto.read(QUESTION, [P1]), full.read(QUESTION, [P1])
    assert auto.runtime.precision == "int8" and full.runtime.precision == "fp32"
    assert auto.runtime._model.model_file.name == INT8_FILE and full.runtime._model.model_file.name == "model.onnx"
    assert [x.text for x in a.answers] == [x.text for x in b.answers]  # the export's check held on these texts
    for answer in a.answers:
        assert P1.text[answer.start:answer.end] == answer.text


def test_int8_without_a_checked_copy_names_the_fix(exported, tmp_path):
    _, export = exported
    unchecked = OnnxExport(export.folder, export.task, export.inputs, export.pad_id, export.hidden_size,
                           export.source, export.max_abs_diff, int8_checked=False)
    with pytest.raises(ModelMissingError, match="qa export-onnx --force"):
        OnnxModel(unchecked, precision="int8")
    plain = make_tiny_reader(tmp_path / "not-exported", [P1.text, QUESTION])
    with pytest.raises(ModelMissingError, match="export-onnx"):
        Reader(plain, precision="int8").warm_up()  # no export at all: torch cannot run the int8 copy
    Reader(plain).warm_up()  # fp32 on torch


def test_a_copy_that_picks_other_spans_is_not_kept(exported, monkeypatch):
    _, export = exported
    calls = iter([[(1, 2)], [(1, 3)]])
    monkeypatch.setattr(onnx_quantize, "best_spans", lambda *a, **k: next(calls))
    found = onnx_quantize.quantize_export(export, lambda: check_pairs(export))
    assert found["kept"] is False and found["same_spans"] is False
    assert not (export.folder / INT8_FILE).exists()  # removed: the fp32 graph runs
    monkeypatch.undo()
    found = onnx_quantize.quantize_export(export, lambda: check_pairs(export))  # the real check
    assert (export.folder / INT8_FILE).exists() == found["kept"]


def test_int8_asked_for_later_is_added_without_exporting_again(exported):
    folder, export = exported
    meta_file = export.folder / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta.pop("int8")
    meta_file.write_text(json.dumps(meta), encoding="utf-8")
    (export.folder / INT8_FILE).unlink()
    before = os.stat(export.model_file).st_mtime_ns
    assert export_model(folder, "question-answering")[1] is False  # not asked for: nothing made
    again, made = export_model(folder, "question-answering", int8=True)
    assert made and again.int8_file is not None and os.stat(again.model_file).st_mtime_ns == before
    assert export_model(folder, "question-answering", int8=True) == (again, False)


def test_the_precision_setting_is_checked(monkeypatch):
    with pytest.raises(InputError, match="QA_READER_PRECISION"):
        Settings(reader_precision="int4")
    monkeypatch.setenv("QA_READER_PRECISION", "maybe")
    with pytest.raises(InputError, match="maybe"):
        Settings()
    monkeypatch.setenv("QA_READER_PRECISION", "int8")
    assert Settings().reader_precision == "int8"
    monkeypatch.delenv("QA_READER_PRECISION")
    assert Settings().reader_precision == "fp32"
    with pytest.raises(InputError, match="precision"):
        Reader(Path("x"), precision="half")


def test_int8_answers_never_depend_on_batch_mates(exported):
    folder, _ = exported
    reader = Reader(folder, backend="onnx", max_length=64, stride=16, precision="int8")
    other = Passage("r002-p001", 2, "张掖市共建双拥示范街道12处，慰问官兵1359人，" * 4, 0, 100, subtitle="张掖")
    alone = reader.read(QUESTION, [P1])
    together = reader.read_batch([QUESTION, "慰问官兵多少人？"], [[P1], [other]])[0]
    assert reader.runtime.precision == "int8"
    assert [(a.text, a.score) for a in alone.answers] == [(a.text, a.score) for a in together.answers]
    assert alone.margin == together.margin  # exactly: each window runs alone, at its own length
