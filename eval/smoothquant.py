"""SmoothQuant-style int8 of the reader, measured (docs/results.md, "The int8 reader"): not kept.

Each MatMul's input channels are divided by s_j = max|X_j|^alpha / max|W_j|^(1 - alpha) (a Mul before it) and its
weight rows multiplied by s_j, so activation outliers move into the weights; then ONNX Runtime's dynamic int8
quantisation (per-channel weights, one activation scale per tensor). The channel maxima come from the reader's
windows for the first 80 gold dev questions, and the same windows, each run alone, are then read by fp32 and int8:
the count of windows whose best span is the same.

    python -m eval.smoothquant --alpha 0.5 0.8 --out /tmp/smoothquant     # and --alpha none: no smoothing
"""
from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path

import numpy as np


def calibration_windows(n: int) -> list[dict]:
    """The reader's input arrays for the first n gold dev questions, as `ask` makes them."""
    import embeddings.onnx as eo
    from qa.assistant import Assistant
    from qa.settings import ROOT, Settings

    rows = [json.loads(line) for line in (ROOT / "eval/data/gold.jsonl").read_text(encoding="utf-8").splitlines()]
    asked = [r["question"] for r in rows if r.get("split") == "dev"][:n]
    seen: list[dict] = []
    real = eo.OnnxModel.run

    def record(self, arrays):
        if self.export.task == "question-answering":
            seen.append({k: v.copy() for k, v in arrays.items()})
        return real(self, arrays)

    assistant = Assistant.load(Settings(backend="onnx"))
    eo.OnnxModel.run = record
    try:
        for q in asked:
            assistant.ask(q)
    finally:
        eo.OnnxModel.run = real
    return seen


def channel_maxima(model, names: list[str], windows: list[dict]) -> dict[str, np.ndarray]:
    """max |x| per input channel of each named tensor over the windows' real tokens."""
    import onnx
    import onnxruntime as ort

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    for name in names:
        probe.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    session = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    found: dict[str, np.ndarray] = {}
    for arrays in windows:
        real = arrays["attention_mask"].astype(bool)
        for name, out in zip(names, session.run(names, arrays)):
            peak = np.abs(out[real]).max(axis=0)
            found[name] = np.maximum(found[name], peak) if name in found else peak
    return found


def smoothed(source: str, alpha: float | None, windows: list[dict]):
    """The fp32 graph with every weighted MatMul's input smoothed (alpha None: unchanged)."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(source)
    weights = {i.name: i for i in model.graph.initializer}
    matmuls = [n for n in model.graph.node if n.op_type == "MatMul" and n.input[1] in weights]
    if alpha is None:
        return model
    peaks = channel_maxima(model, [n.input[0] for n in matmuls], windows)
    nodes = []
    for node in model.graph.node:
        if node in matmuls:
            w = numpy_helper.to_array(weights[node.input[1]]).astype(np.float32)
            a = np.maximum(peaks[node.input[0]], 1e-5)
            peak_w = np.maximum(np.abs(w).max(axis=1), 1e-5)
            s = np.clip(a ** alpha / peak_w ** (1 - alpha), 1e-2, 1e3).astype(np.float32)
            weights[node.input[1]].CopyFrom(numpy_helper.from_array(w * s[:, None], node.input[1]))
            inverse, out = f"{node.name}_smooth_inv", f"{node.name}_smoothed_input"
            model.graph.initializer.append(numpy_helper.from_array(1.0 / s, inverse))
            nodes.append(onnx.helper.make_node("Mul", [node.input[0], inverse], [out], name=f"{node.name}_smooth"))
            node.input[0] = out
        nodes.append(node)
    del model.graph.node[:]
    model.graph.node.extend(nodes)
    return model


def agreement(fp32: str, int8: str, windows: list[dict]) -> tuple[int, int]:
    """(windows whose best span int8 and fp32 agree on, windows), each window run alone."""
    import onnxruntime as ort

    from embeddings.onnx_quantize import best_spans

    full, small = (ort.InferenceSession(p, providers=["CPUExecutionProvider"]) for p in (fp32, int8))
    same = total = 0
    for arrays in windows:
        for row, n in enumerate(arrays["attention_mask"].sum(axis=1)):
            one = {k: v[row:row + 1, :n] for k, v in arrays.items()}
            context = np.ones((1, n), dtype=bool)
            context[0, 0] = False
            same += best_spans(*full.run(None, one), context) == best_spans(*small.run(None, one), context)
            total += 1
    return same, total


def main(argv: list[str] | None = None) -> int:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    parser = argparse.ArgumentParser(prog="python -m eval.smoothquant", description=__doc__.splitlines()[0])
    parser.add_argument("--alpha", nargs="+", default=["0.5"], help="migration strengths, or none")
    parser.add_argument("--questions", type=int, default=80)
    parser.add_argument("--out", default="/tmp/smoothquant", help="folder for the graphs made")
    args = parser.parse_args(argv)
    source = glob.glob(str(Path("runs/cache/onnx") / "reader-question-answering-*" / "model.onnx"))[0]
    windows = calibration_windows(args.questions)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for value in args.alpha:
        alpha = None if value == "none" else float(value)
        fp32, int8 = out / f"smoothed-{value}.onnx", out / f"smoothed-{value}.int8.onnx"
        onnx.save(smoothed(source, alpha, windows), str(fp32))
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"], extra_options={"DefaultTensorType": 1})
        same, total = agreement(source, str(int8), windows)
        print(json.dumps({"alpha": value, "same_best_span": same, "windows": total, "rate": round(same / total, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
