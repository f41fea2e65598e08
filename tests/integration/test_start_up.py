"""The shipped models on ONNX Runtime (the exports `make` writes with `qa export-onnx`): the same vectors and
answers as on torch, and a fresh `qa ask` that imports neither torch nor transformers."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from embeddings.encoders import MeanPoolEncoder, resolve_model
from embeddings.onnx import find_export
from qa.settings import ROOT, Settings

pytestmark = pytest.mark.real_models
QUESTION = "张掖市累计为驻地部队划拨了多少亩土地？"


def _gold(n: int) -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "eval" / "data" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["question"] for r in rows if r.get("split") == "dev"][:n]


@pytest.fixture(scope="module")
def exports():
    settings = Settings()
    found = {task: find_export(path, task) for task, path in
             (("feature-extraction", resolve_model(settings.encoder)), ("question-answering", settings.reader))}
    missing = [task for task, export in found.items() if export is None]
    assert not missing, f"no ONNX export for {missing}: run `make onnx` (python -m qa export-onnx)"
    return found


def test_shipped_encoder_vectors_match_torch(exports):
    texts = _gold(24)
    fast, slow = MeanPoolEncoder("m3e-small", backend="onnx"), MeanPoolEncoder("m3e-small", backend="torch")
    assert np.abs(fast.encode(texts) - slow.encode(texts)).max() < 1e-4


def test_shipped_reader_gives_the_same_answers_on_both_runtimes(exports):
    from qa.assistant import Assistant

    questions = _gold(20)
    fast = Assistant.load(Settings(backend="onnx", reader_precision="fp32")).ask_batch(questions)
    slow = Assistant.load(Settings(backend="torch")).ask_batch(questions)
    for f, s in zip(fast, slow):
        assert [a.text for a in f.answers] == [a.text for a in s.answers] and f.reason_code == s.reason_code
        assert [a.score for a in f.answers] == pytest.approx([a.score for a in s.answers], abs=1e-3)


def test_a_fresh_ask_imports_neither_torch_nor_transformers(exports):
    code = ("import sys; from qa.interfaces.cli import main; code = main(['ask', sys.argv[1]]); "
            "print('modules:', [m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules]); "
            "sys.exit(code)")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([sys.executable, "-c", code, QUESTION], capture_output=True, text=True, cwd=ROOT,
                         timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    assert "2000多亩" in out.stdout and "modules: []" in out.stdout
