"""Train the reader from a pack (`qa.training.pack build`) where only torch and transformers are installed.

    python qa/training/packed.py .pack --out OUT --device cuda --lr 3e-5 --max-minutes 7

Runs the pack's epochs in order (each its own examples), AdamW with linear warm-up and decay, bf16
autocast on a GPU, the word embeddings frozen. After each epoch it scores the dev windows (the exact
start/end, or "no answer", of each window) and keeps the layers of the epoch best on the mean of
dev span exact match and dev "no answer" accuracy; at the end it writes
them, fp16, as `layers-N.safetensors` shards of at most 15 MiB (what comes back from a lent machine is
capped per file) and `log.json`. Imports nothing of this project but `schedule.py` beside it (standard library
only), so it runs as a plain file.
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

try:
    from qa.training.schedule import length_batches, linear_warmup
except ImportError:  # run as a file where only torch is installed: schedule.py beside it is plain Python
    from schedule import length_batches, linear_warmup  # type: ignore[no-redef]

log = logging.getLogger("packed")
SHARD_BYTES = 15 * 2**20


def is_embedding(key: str) -> bool:
    """The frozen word-embedding matrix, which never travels back.

    >>> is_embedding("roberta.embeddings.word_embeddings.weight"), is_embedding("qa_outputs.weight")
    (True, False)
    """
    return key.endswith("embeddings.word_embeddings.weight")


def windows(path: Path) -> list[tuple]:
    """(ids, start, end) per window of one `*.npz` of the pack; (ids, start, end, accepted spans) when the
    file lists several accepted answers per window (`gold.npz`)."""
    import numpy as np

    data = np.load(path)
    ids, cuts = data["ids"].astype("int64"), np.concatenate([[0], np.cumsum(data["lengths"])])
    rows = [(ids[cuts[i]:cuts[i + 1]].tolist(), int(s), int(e))
            for i, (s, e) in enumerate(zip(data["start"], data["end"]))]
    if "spans" not in data:
        return rows
    return [row + ([(int(a), int(b)) for a, b in spans if a >= 0],) for row, spans in zip(rows, data["spans"])]


def right(item: tuple, prediction: tuple[int, int]) -> bool:
    """A window read right: its labelled span (or any accepted one), or "no answer" (0, 0) when it has none.

    >>> right(([1], 3, 4), (3, 4)), right(([1], 3, 4, [(3, 4), (3, 5)]), (3, 5)), right(([1], 0, 0), (2, 2))
    (True, True, False)
    """
    return prediction in item[3] if len(item) > 3 else prediction == (item[1], item[2])


def positive(item: tuple) -> bool:
    """Whether a window holds an answer (any accepted span but "no answer")."""
    return any(span != (0, 0) for span in item[3]) if len(item) > 3 else item[1] > 0


def batches(items: list, size: int, rng: random.Random) -> list[list]:
    """Batches of (ids, start, end) windows of similar length in shuffled order (schedule.length_batches)."""
    return length_batches(items, size, rng, lambda item: len(item[0]))


def tensors(batch: list, pad: int, device: str) -> dict:
    import torch

    width = max(len(b[0]) for b in batch)
    ids = torch.full((len(batch), width), pad, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for i, item in enumerate(batch):
        row = item[0]
        ids[i, :len(row)] = torch.tensor(row)
        mask[i, :len(row)] = 1
    return {"input_ids": ids.to(device), "attention_mask": mask.to(device),
            "start_positions": torch.tensor([b[1] for b in batch], device=device),
            "end_positions": torch.tensor([b[2] for b in batch], device=device)}


def predict(start, end, mask, max_answer: int = 40) -> list[tuple[int, int]]:
    """Best (s, e) per row with s <= e < s + max_answer, or (0, 0) when [CLS] scores at least as high."""
    import torch

    neg = torch.finfo(start.dtype).min / 4
    start = start.masked_fill(mask == 0, neg)
    end = end.masked_fill(mask == 0, neg)
    width = start.shape[1]
    pair = start[:, 1:, None] + end[:, None, 1:]
    band = torch.ones(width - 1, width - 1, device=start.device).triu().tril(max_answer - 1).bool()
    pair = pair.masked_fill(~band, neg)
    best = pair.flatten(1).max(1)
    s, e = best.indices // (width - 1) + 1, best.indices % (width - 1) + 1
    null = start[:, 0] + end[:, 0]
    return [(0, 0) if n >= v else (int(a), int(b)) for n, v, a, b in zip(null, best.values, s, e)]


def score(model, dev: list, pad: int, device: str, bf16: bool) -> dict:
    """Window accuracy on dev: answer windows need the exact span, the others "no answer"."""
    import torch

    model.eval()
    right_pos = right_neg = n_pos = 0
    with torch.no_grad(), torch.autocast(device.split(":")[0], dtype=torch.bfloat16, enabled=bf16):
        for batch in batches(dev, 128, random.Random(0)):
            inputs = tensors(batch, pad, device)
            out = model(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"])
            preds = predict(out.start_logits.float(), out.end_logits.float(), inputs["attention_mask"])
            for item, p in zip(batch, preds):
                has, ok = positive(item), right(item, p)
                n_pos += has
                right_pos += has and ok
                right_neg += not has and ok
    model.train()
    n_neg = len(dev) - n_pos
    return {"span_em": round(right_pos / max(1, n_pos), 4), "no_answer_acc": round(right_neg / max(1, n_neg), 4),
            "window_acc": round((right_pos + right_neg) / max(1, len(dev)), 4),
            "balanced": round((right_pos / max(1, n_pos) + right_neg / max(1, n_neg)) / 2, 4)}


def dev_sets(pack: Path) -> tuple[list, list]:
    """The pack's dev windows, and its gold dev windows (empty when it has none)."""
    return windows(pack / "dev.npz"), windows(pack / "gold.npz") if (pack / "gold.npz").exists() else []


def load_layers(folder: Path) -> dict:
    """The trained layers a run wrote into `folder` (its `layers-*.safetensors` shards), by weight name."""
    from safetensors.torch import load_file

    return {k: v for shard in sorted(folder.glob("layers-*.safetensors")) for k, v in load_file(str(shard)).items()}


def scores(model, dev: list, gold: list, pad: int, device: str, bf16: bool) -> dict:
    """Dev scores; with gold windows also theirs (`gold_*`), and `choose`, what the epoch is kept by: the
    mean of the two balanced accuracies (dev's alone without gold windows)."""
    row = score(model, dev, pad, device, bf16)
    if not gold:
        return {**row, "choose": row["balanced"]}
    mine = {f"gold_{k}": v for k, v in score(model, gold, pad, device, bf16).items()}
    return {**row, **mine, "choose": round((row["balanced"] + mine["gold_balanced"]) / 2, 4)}


def save_layers(state: dict, out: Path) -> list[str]:
    """Non-embedding weights, fp16, in shards of at most SHARD_BYTES."""
    from safetensors.torch import save_file

    shards, part, size = [], {}, 0
    for key, value in state.items():
        if is_embedding(key):
            continue
        nbytes = value.numel() * 2
        if part and size + nbytes > SHARD_BYTES:
            shards.append(part); part, size = {}, 0
        part[key], size = value.half().contiguous(), size + nbytes
    shards.append(part)
    names = []
    for i, shard in enumerate(shards):
        names.append(f"layers-{i}.safetensors")
        save_file(shard, str(out / names[-1]))
    return names


def run(pack: Path, out: Path, *, lr: float, batch_size: int, warmup: float, device: str, bf16: bool,
        max_minutes: float, seed: int, passes: int = 1, epochs: int = 0) -> dict:
    import torch
    from transformers import AutoModelForQuestionAnswering

    torch.manual_seed(seed)
    info = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    pad = info["pad"]
    model = AutoModelForQuestionAnswering.from_pretrained(str(pack / "model"), dtype=torch.float32).to(device)
    model.get_input_embeddings().weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    epochs = [windows(pack / f"epoch-{e}.npz") for e in range(min(epochs or info["epochs"], info["epochs"]))]
    dev, gold = dev_sets(pack)
    epochs = epochs * passes  # a second pass reads the same windows again, in another order
    plans = [batches(items, batch_size, random.Random(seed + e)) for e, items in enumerate(epochs)]
    total = sum(len(p) for p in plans)
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, linear_warmup(total, max(1, int(total * warmup))))
    started, history = time.time(), [{"epoch": -1, **scores(model, dev, gold, pad, device, bf16)}]
    best, best_state = history[0], {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    log.info("start: %s, %d steps", history[0], total)
    model.train()
    for e, plan in enumerate(plans):
        losses = []
        for batch in plan:
            with torch.autocast(device.split(":")[0], dtype=torch.bfloat16, enabled=bf16):
                loss = model(**tensors(batch, pad, device)).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step(); schedule.step(); optimizer.zero_grad(set_to_none=True)
            losses.append(loss.item())
            if len(losses) % 10 == 0:
                log.info("epoch %d step %d/%d loss %.3f (%.1f s)", e, len(losses), len(plan),
                         sum(losses[-10:]) / 10, time.time() - started)
            if max_minutes and time.time() - started > max_minutes * 60:
                break
        row = {"epoch": e, "loss": round(sum(losses) / len(losses), 4), "seconds": round(time.time() - started, 1),
               **scores(model, dev, gold, pad, device, bf16)}
        history.append(row)
        log.info("%s", row)
        if row["choose"] > best["choose"]:
            best, best_state = row, {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        if max_minutes and time.time() - started > max_minutes * 60:
            log.warning("time budget spent in epoch %d of %d", e, len(plans))
            break
    out.mkdir(parents=True, exist_ok=True)
    result = {"lr": lr, "batch_size": batch_size, "warmup": warmup, "seed": seed, "passes": passes, "steps": total,
              "device": torch.cuda.get_device_name() if device.startswith("cuda") else device,
              "history": history, "best": best, "seconds": round(time.time() - started, 1)}
    result["shards"] = save_layers(best_state, out)  # epoch -1 (the pack's own model) when nothing beat it
    (out / "log.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return result


def soup(pack: Path, runs: list[Path], out: Path, *, device: str, bf16: bool) -> dict:
    """The mean of several runs' kept layers (one start, other seeds or learning rates), scored like an epoch."""
    import torch
    from transformers import AutoModelForQuestionAnswering

    info = json.loads((pack / "pack.json").read_text(encoding="utf-8"))
    layers = [load_layers(r) for r in runs]
    mean = {k: sum(part[k].float() for part in layers) / len(layers) for k in layers[0]}
    model = AutoModelForQuestionAnswering.from_pretrained(str(pack / "model"), dtype=torch.float32)
    model.load_state_dict({**model.state_dict(), **mean})
    model.to(device)
    row = {"epoch": "soup", **scores(model, *dev_sets(pack), info["pad"], device, bf16)}
    out.mkdir(parents=True, exist_ok=True)
    result = {"soup_of": [str(r) for r in runs], "history": [row], "best": row, "seconds": 0.0,
              "shards": save_layers(model.state_dict(), out)}
    (out / "log.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return result


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--bf16", type=lambda v: v.lower() in ("1", "true", "yes"), default=None)
    parser.add_argument("--max-minutes", type=float, default=0.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=0, help="use the pack's first N epochs (0: all)")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--soup", type=Path, nargs="+", help="average these runs' kept layers instead of training")
    args = parser.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    bf16 = args.device != "cpu" if args.bf16 is None else args.bf16
    if args.soup:
        print(json.dumps(soup(args.pack, args.soup, args.out, device=args.device, bf16=bf16)["best"]))
        return 0
    result = run(args.pack, args.out, lr=args.lr, batch_size=args.batch_size, warmup=args.warmup,
                 device=args.device, bf16=bf16, max_minutes=args.max_minutes, seed=args.seed, passes=args.passes,
                 epochs=args.epochs)
    print(json.dumps(result["best"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
