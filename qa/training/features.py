"""Examples -> model inputs: the reader's own windowing, with start/end token labels.

A window whose context does not hold the whole answer (or an example without answer) is labelled
[CLS] (position 0), as in SQuAD 2.0 training.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Any, Sequence

from qa.reading.reader import encode_windows
from qa.training.schedule import length_batches
from qa.training.generate import Example


@dataclass(frozen=True)
class Feature:
    """One window: token ids, type ids and the labelled answer token positions (0, 0 for none)."""

    input_ids: list[int]
    token_type_ids: list[int] | None  # None for models without segment ids (XLM-R, e5)
    start: int
    end: int
    example: int


def label(offsets: Sequence[Sequence[int]], sequence_ids: Sequence[int | None], answer_start: int,
          answer_end: int) -> tuple[int, int]:
    """Token positions of the answer chars [answer_start, answer_end) in one window, or (0, 0)."""
    context = [i for i, sid in enumerate(sequence_ids) if sid == 1]
    if answer_start < 0 or not context:
        return 0, 0
    first, last = context[0], context[-1]
    if offsets[first][0] > answer_start or offsets[last][1] < answer_end:
        return 0, 0
    start = next(i for i in context if offsets[i][1] > answer_start)
    end = next(i for i in reversed(context) if offsets[i][0] < answer_end)
    return start, end


def crop(example: Example, chars: int, rng: random.Random) -> Example:
    """The example with its context cut to about `chars` characters around the answer (CPU time is short).

    Example: a 300-character paragraph with the answer at 200 becomes e.g. context[130:250].
    """
    text = example.context
    if chars <= 0 or len(text) <= chars:
        return example
    if example.answer:
        a, b = example.answer_start, example.answer_start + len(example.answer)
        if b - a >= chars:  # an answer longer than the cut: keep the whole context
            return example
        lo = rng.randint(max(0, b - chars), max(0, min(a, len(text) - chars)))
    else:
        lo = rng.randint(0, len(text) - chars)
    start = example.answer_start - lo if example.answer else -1
    return replace(example, context=text[lo:lo + chars], answer_start=start)


def build_features(tokenizer: Any, examples: Sequence[Example], *, max_length: int, stride: int,
                   chunk: int = 512, crop_chars: int = 0, seed: int = 0) -> list[Feature]:
    """Tokenize examples (header + context, as the reader does) into labelled windows."""
    rng = random.Random(seed)
    examples = [crop(e, crop_chars, rng) for e in examples]
    features: list[Feature] = []
    for lo in range(0, len(examples), chunk):
        part = examples[lo:lo + chunk]
        enc = encode_windows(tokenizer, [e.question for e in part], [e.header + e.context for e in part],
                             max_length=max_length, stride=stride, padding=False)
        for i, ex_index in enumerate(enc["overflow_to_sample_mapping"]):
            e = part[ex_index]
            shift = len(e.header)
            a_start = e.answer_start + shift if e.answer else -1
            start, end = label(enc["offset_mapping"][i], enc.sequence_ids(i), a_start, a_start + len(e.answer))
            types = enc["token_type_ids"][i] if "token_type_ids" in enc else None
            features.append(Feature(enc["input_ids"][i], types, start, end, lo + ex_index))
    return features


def batches(features: Sequence[Feature], batch_size: int, rng: random.Random) -> list[list[Feature]]:
    """Shuffled batches of similar length, so padding wastes little CPU time."""
    return length_batches(features, batch_size, rng, lambda f: len(f.input_ids))


def plan_batches(features: Sequence[Feature], batch_size: int, *, epochs: float, seed: int) -> list[list[Feature]]:
    """Every batch of a run, in order: the same list for the same features and seed (so a run resumes).

    Epoch e is shuffled with seed + e; a fractional last epoch takes the first part of its batches.
    """
    plan: list[list[Feature]] = []
    for epoch in range(max(1, int(epochs + 0.999))):
        part = batches(features, batch_size, random.Random(seed + epoch))
        take = len(part) if epoch + 1 <= epochs else max(1, int(len(part) * (epochs - epoch)))
        plan.extend(part[:take])
    return plan


def collate(batch: Sequence[Feature], pad_id: int = 0) -> dict[str, Any]:
    """Pad a batch into tensors for BertForQuestionAnswering."""
    import torch

    width = max(len(f.input_ids) for f in batch)
    ids = [f.input_ids + [pad_id] * (width - len(f.input_ids)) for f in batch]
    out = {}
    if batch[0].token_type_ids is not None:
        out["token_type_ids"] = torch.tensor([f.token_type_ids + [0] * (width - len(f.token_type_ids)) for f in batch])
    mask = [[1] * len(f.input_ids) + [0] * (width - len(f.input_ids)) for f in batch]
    return {**out, "input_ids": torch.tensor(ids),
            "attention_mask": torch.tensor(mask), "start_positions": torch.tensor([f.start for f in batch]),
            "end_positions": torch.tensor([f.end for f in batch])}
