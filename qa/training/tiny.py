"""A tiny BertForQuestionAnswering (and a tiny BERT encoder) from a config, for tests and smoke runs (no downloads, seconds)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

BASE_CHARS = "0123456789.%：｜（）《》“”，。？、"


def make_tiny_reader(folder: str | Path, texts: Iterable[str], *, seed: int = 0) -> Path:
    """Save an untrained 1-layer BERT QA model whose vocabulary is the characters of `texts`."""
    import torch
    from transformers import BertConfig, BertForQuestionAnswering, BertTokenizer

    chars = sorted({c for t in texts for c in t} | set(BASE_CHARS))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + chars + ["##" + c for c in chars]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = BertTokenizer(vocab={token: i for i, token in enumerate(vocab)})  # transformers 5: a fast one
    torch.manual_seed(seed)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=256)
    BertForQuestionAnswering(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def make_tiny_encoder(folder: str | Path, texts: Iterable[str], *, max_position_embeddings: int = 64) -> Path:
    """Save an untrained 2-layer BERT (a plain transformers folder, as m3e-small ships) whose vocabulary is
    the characters of `texts`; `embeddings.encoders.make_encoder(str(folder))` mean-pools it."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    chars = sorted({c for t in texts for c in t})
    (folder / "vocab.txt").write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]), encoding="utf-8")
    BertTokenizerFast(str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(vocab_size=5 + len(chars), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=max_position_embeddings)
    BertModel(config).save_pretrained(folder)
    return folder
