"""Abstention checks beyond the reader's own "no answer" score."""
from __future__ import annotations

from typing import Iterable

from embeddings.places import stem


def unknown_places(question: str, known: Iterable[str], passage_text: str = "") -> list[str]:
    """Place names in the question that no report of the index names and the passage does not mention.

    unknown_places("南京市获得过几次双拥模范城称号？", {"张掖市", "漳州"}) -> ["南京市"]
    """
    import jieba.posseg as pseg

    known_stems = {stem(p) for p in known}
    found = [w for w, flag in pseg.cut(question) if flag == "ns" and len(w) >= 2]
    return [w for w in found if stem(w) not in known_stems and stem(w) not in passage_text]
