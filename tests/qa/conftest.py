"""A tiny BertForQuestionAnswering built from a config, with a vocabulary made from the test text."""
from pathlib import Path

import pytest

TEXTS = ["芜湖市为驻芜部队提供用地527亩，累计投入资金3.5亿元。", "张掖市共建双拥示范街道12处，慰问官兵1359人。",
         "芜湖市为驻芜部队提供用地多少亩？", "张掖市共建了几处示范街道？", "我市举办报告会20余次，全市军民团结一家亲。"]


def make_tiny_reader(folder: Path, extra: str = "") -> Path:
    import torch
    from transformers import BertConfig, BertForQuestionAnswering, BertTokenizer

    chars = sorted({c for t in TEXTS + [extra] for c in t} | set("0123456789.%：｜（）《》“”"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + chars + ["##" + c for c in chars]
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = BertTokenizer(vocab={token: i for i, token in enumerate(vocab)})  # transformers 5: a fast tokenizer
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128)
    BertForQuestionAnswering(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_reader_dir(tmp_path_factory) -> Path:
    return make_tiny_reader(tmp_path_factory.mktemp("tiny-reader"))
