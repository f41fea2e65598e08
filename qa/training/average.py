"""The weighted mean of readers fine-tuned from one start (a "model soup" / WiSE-FT): each weight averaged.

    python -m qa.training.average --out runs/reader-avg runs/reader-gpu=0.5 models/reader=0.5

Averaging a fine-tuned reader with its starting point kept what the start knew of the corpus's own
questions while keeping most of what the fine-tuning learnt on unseen text (docs/training.md, the fourth
run). The folders must hold the same architecture and tokenizer; the first one's config, tokenizer and
calibration are copied, the weights are averaged in fp32 and saved fp16.
"""
from __future__ import annotations

import argparse
import json
import logging
import shutil
from pathlib import Path

from embeddings.errors import InputError

log = logging.getLogger(__name__)


def parse_part(text: str) -> tuple[Path, float]:
    """"FOLDER=WEIGHT" -> (folder, weight).

    >>> parse_part("runs/a=0.25")
    (PosixPath('runs/a'), 0.25)
    """
    folder, sep, weight = text.rpartition("=")
    try:
        return Path(folder), float(weight) if sep else float("nan")
    except ValueError:
        raise InputError(f"{text!r}: give each reader as FOLDER=WEIGHT, e.g. runs/reader-gpu=0.5") from None


def average(parts: list[tuple[Path, float]], out: Path) -> dict:
    """Write the weighted mean of the parts' `model.safetensors` (weights summing to 1) into `out`."""
    from safetensors.torch import load_file, save_file

    total = sum(w for _, w in parts)
    if len(parts) < 2 or not abs(total - 1) < 1e-6:
        raise InputError(f"give two or more FOLDER=WEIGHT whose weights sum to 1 (they sum to {total})")
    states = [(load_file(str(folder / "model.safetensors")), w) for folder, w in parts]
    keys = set(states[0][0])
    for (folder, _), (state, _) in zip(parts, states):
        if set(state) != keys or any(state[k].shape != states[0][0][k].shape for k in keys):
            raise InputError(f"{folder} is not the same architecture as {parts[0][0]}: average readers of one start")
    mixed = {k: sum(s[k].float() * w for s, w in states).half().contiguous() for k in sorted(keys)}
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(parts[0][0], tmp)
    save_file(mixed, str(tmp / "model.safetensors"), metadata={"format": "pt"})
    record = {"weight_average": [{"reader": str(f), "weight": w} for f, w in parts]}
    config_path = tmp / "training_config.json"
    previous = json.loads(config_path.read_text(encoding="utf-8")) if config_path.exists() else {}
    config_path.write_text(json.dumps({**previous, **record}, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return {"out": str(out), **record}


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m qa.training.average", description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="+", help="FOLDER=WEIGHT, two or more, weights summing to 1")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    print(json.dumps(average([parse_part(p) for p in args.parts], args.out), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
