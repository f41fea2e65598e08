"""Traditional and Simplified characters: a question in one script asked of reports in the other.

張掖市累計為駐地部隊劃撥了多少畝土地？ asked of Simplified reports finds the right passages but names 張掖市, which no
report does. `to_simplified` maps a question character for character (OpenCC's TSCharacters table, from the
`opencc-purepy` package), so offsets and length never change; the assistant uses it only when the collection
itself is written in Simplified characters (`is_simplified`).
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

SAMPLE_CHARS = 4000  # characters read from each of the first reports to tell the collection's script
TRADITIONAL_SHARE = 0.005  # a collection with fewer characters that change is Simplified


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Traditional character -> its first Simplified form ({} when opencc-purepy is not installed)."""
    try:
        import opencc_purepy
    except ImportError:
        log.warning("opencc-purepy is not installed: Traditional questions are not converted "
                    "(pip install opencc-purepy==1.5.0)")
        return {}
    path = Path(opencc_purepy.__file__).parent / "dicts" / "TSCharacters.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1 and parts[1].split() and len(parts[1].split()[0]) == 1:
            if parts[1].split()[0] != parts[0]:
                table[ord(parts[0])] = parts[1].split()[0]
    return table


def to_simplified(text: str) -> str:
    """Each Traditional character replaced by its Simplified form: "張掖市累計為駐地部隊劃撥" -> "张掖市累计为驻地部队划拨"."""
    return text.translate(_table())


def is_simplified(texts: Iterable[str]) -> bool:
    """Whether a collection is written in Simplified characters: few of its characters change under to_simplified.

    is_simplified(["张掖市累计为驻地部队划拨土地"]) -> True; is_simplified(["張掖市累計為駐地部隊劃撥土地"]) -> False
    """
    sample = "".join(t[:SAMPLE_CHARS] for t in texts)
    if not sample or not _table():
        return False
    changed = sum(a != b for a, b in zip(sample, to_simplified(sample)))
    return changed / len(sample) < TRADITIONAL_SHARE
