"""The reader on its ONNX export (qa.reading.runtime.OnnxQA) against the same tiny model on torch: the same
windows token for token, the same answers, and no torch or transformers in a process that reads with it."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from embeddings.types import Passage
from embeddings.onnx_export import export_model
from qa.errors import InputError
from qa.reading.reader import Reader
from qa.reading.runtime import OnnxQA, TorchQA
from qa.training.tiny import make_tiny_reader
from qa.types import Hit

ROOT = Path(__file__).resolve().parents[3]
P1 = Passage("r001-p001", 1, "芜湖市为驻芜部队提供用地527亩，累计投入资金3.5亿元。", 0, 29, subtitle="芜湖市双拥工作综述", places=("芜湖市",))
P2 = Passage("r002-p001", 2, "张掖市共建双拥示范街道12处，慰问官兵1359人。", 0, 25, subtitle="张掖市双拥工作综述", places=("张掖市",))
LONG = Passage("r003-p001", 3, "，".join(["我市举办报告会20余次", "慰问官兵1359人"] * 8) + "。", 0, 0, subtitle="测试")
QUESTIONS = ["芜湖市为驻芜部队提供用地多少亩？", "张掖市共建双拥示范街道多少处？", "举办了多少次报告会？" * 9]
TEXTS = [P1.text, P2.text, LONG.text, P1.subtitle, P2.subtitle, *QUESTIONS]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        folder = make_tiny_reader(tmp_path_factory.mktemp("tiny-reader"), TEXTS)
        export, made = export_model(folder, "question-answering")
        assert made and export.inputs == ("input_ids", "attention_mask", "token_type_ids")
        yield folder, export


def test_windows_are_the_same_token_for_token(exported):
    folder, export = exported
    torch_qa, onnx_qa = TorchQA(str(folder)), OnnxQA(export)
    torch_qa.load("")
    contexts = ["芜湖市双拥工作综述：" + P1.text, LONG.text, P2.text]
    for max_length, stride in ((96, 24), (128, 32)):
        a = torch_qa.windows(QUESTIONS, contexts, max_length=max_length, stride=stride)
        b = onnx_qa.windows(QUESTIONS, contexts, max_length=max_length, stride=stride)
        assert len(a.pairs) > len(contexts)  # the long context (and long question) overflow into more windows
        assert a == b


def test_answers_and_margins_match_torch(exported):
    folder, _ = exported
    hits = [[Hit(P1, 0.03, 1), Hit(LONG, 0.02, 2)], [Hit(P2, 0.02, 1), Hit(P1, 0.01, 2)], [Hit(LONG, 0.5, 1)]]
    fast = Reader(folder, max_length=96, stride=24, backend="onnx", precision="fp32")  # int8: test_reader_int8
    slow = Reader(folder, max_length=96, stride=24, backend="torch")
    got, want = fast.read_batch(QUESTIONS, hits, top_n=5), slow.read_batch(QUESTIONS, hits, top_n=5)
    assert fast.runtime.backend == "onnx" and slow.runtime.backend == "torch"
    for g, w in zip(got, want):
        assert [(a.text, a.passage.id, a.start, a.end) for a in g.answers] == \
               [(a.text, a.passage.id, a.start, a.end) for a in w.answers]
        assert [a.score for a in g.answers] == pytest.approx([a.score for a in w.answers], abs=1e-3)
        assert g.margin == pytest.approx(w.margin, abs=1e-4)


def test_auto_picks_the_export_and_quantize_stays_on_torch(exported, tmp_path):
    folder, _ = exported
    auto = Reader(folder)
    auto.warm_up()
    assert auto.runtime.backend == "onnx"
    plain = make_tiny_reader(tmp_path / "not-exported", TEXTS)
    other = Reader(plain)
    other.warm_up()
    assert other.runtime.backend == "torch"  # no export: torch, the same answers
    with pytest.raises(InputError, match="quantize"):
        Reader(folder, quantize=True, backend="onnx")
    with pytest.raises(InputError, match="backend"):
        Reader(folder, backend="tensorrt")


def test_reading_with_the_export_imports_neither_torch_nor_transformers(exported):
    folder, export = exported
    code = ("import sys; from embeddings.types import Passage; from qa.reading.reader import Reader; "
            f"p = Passage('a', 1, {P1.text!r}, 0, 29); r = Reader({str(folder)!r}, backend='onnx').read('用地多少亩？', [p]); "
            "print(len(r.answers) > 0, 'torch' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, "QA_CACHE_DIR": str(export.folder.parents[1])})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "False"]
