"""Traditional and Simplified characters: a question in one script asked of reports in the other.

張掖市累計為駐地部隊劃撥了多少畝土地？ asked of Simplified reports finds the right passages but names 張掖市, which no
report does; 调动随军家属多少名？ asked of Traditional reports matches none of their 隨軍家屬. The assistant tells
the collection's script once, from its reports' texts (`collection_script`), and puts each question in it:
`to_simplified` maps character for character (OpenCC's TSCharacters table, from the `opencc-purepy` package);
`to_traditional` converts with OpenCC's s2t (phrases first: 头发 -> 頭髮), then where a Simplified character has
several Traditional forms (为: 為 爲; 台: 臺 台) keeps the one the collection itself writes. Both keep the
question's length.
"""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

SAMPLE_CHARS = 4000  # characters read from each of the first reports to tell the collection's script
TRADITIONAL_SHARE = 0.005  # a collection with fewer characters that change is Simplified
MOSTLY_TRADITIONAL = 0.05  # one with at least this many is Traditional (in between: mixed, questions left as asked)


@lru_cache(maxsize=2)
def _table(name: str = "TSCharacters.txt") -> dict[int, str]:
    """One character -> its first form in the other script ({} when opencc-purepy is not installed)."""
    return {k: v[0] for k, v in _forms(name).items()}


@lru_cache(maxsize=2)
def _forms(name: str) -> dict[int, str]:
    """One character -> its forms in the other script, the usual first, from OpenCC's table `name`
    ("TSCharacters.txt" or "STCharacters.txt"); {} when opencc-purepy is not installed."""
    try:
        import opencc_purepy
    except ImportError:
        log.warning("opencc-purepy is not installed: questions are not converted between Traditional and "
                    "Simplified characters (pip install opencc-purepy==1.5.0)")
        return {}
    path = Path(opencc_purepy.__file__).parent / "dicts" / name
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1 and parts[1].split():
            forms = "".join(f for f in parts[1].split() if len(f) == 1)
            if forms and forms != parts[0]:
                table[ord(parts[0])] = forms
    return table


def to_simplified(text: str) -> str:
    """Each Traditional character replaced by its Simplified form: "張掖市累計為駐地部隊劃撥" -> "张掖市累计为驻地部队划拨"."""
    return text.translate(_table())


def to_traditional(text: str, written: Counter | None = None) -> str:
    """`text` in Traditional characters, each character with several forms in the one `written` holds most
    (when it holds any of them): "调动随军家属" -> "調動隨軍家屬"; "台" -> "臺", or "台" where only 台 is written."""
    forms = _forms("STCharacters.txt")
    if not forms:
        return text
    converted = ""
    try:
        from opencc_purepy import OpenCC

        converted = OpenCC("s2t").convert(text)
    except Exception as err:  # noqa: BLE001 - any failure of the converter leaves the table below to do it
        log.warning("OpenCC s2t failed (%s): converting character by character", err)
    if len(converted) != len(text):
        converted = text.translate(_table("STCharacters.txt"))
    out = []
    for was, now in zip(text, converted):
        choices = forms.get(ord(was), "")
        if written and choices and not written[now] and any(written[c] for c in choices):
            now = max(choices, key=lambda c: written[c])  # the form the collection writes (ties: the usual one)
        out.append(now)
    return "".join(out)


def _changed_share(sample: str) -> float:
    """The share of a text's characters that to_simplified changes."""
    return sum(a != b for a, b in zip(sample, to_simplified(sample))) / len(sample) if sample else 0.0


def is_simplified(texts: Iterable[str]) -> bool:
    """Whether a collection is written in Simplified characters: few of its characters change under to_simplified.

    is_simplified(["张掖市累计为驻地部队划拨土地"]) -> True; is_simplified(["張掖市累計為駐地部隊劃撥土地"]) -> False
    """
    sample = "".join(t[:SAMPLE_CHARS] for t in texts)
    return bool(sample) and bool(_table()) and _changed_share(sample) < TRADITIONAL_SHARE


@dataclass(frozen=True)
class CollectionScript:
    """The script a collection is written in ("simplified", "traditional", or "" when mixed or unknown) and
    how often each character occurs in the sample it was told from."""

    name: str = ""
    written: Counter = field(default_factory=Counter)

    def convert(self, question: str) -> str:
        """The question in the collection's script (as asked when the script is mixed or unknown)."""
        if self.name == "simplified":
            return to_simplified(question)
        if self.name == "traditional":
            return to_traditional(question, self.written)
        return question


def collection_script(texts: Iterable[str]) -> CollectionScript:
    """The script of a collection from the first SAMPLE_CHARS characters of each of `texts`.

    collection_script(["张掖市累计为驻地部队划拨土地"]).name -> "simplified"
    collection_script(["張掖市累計為駐地部隊劃撥土地"]).name -> "traditional"
    """
    sample = "".join(t[:SAMPLE_CHARS] for t in texts)
    if not sample or not _table():
        return CollectionScript()
    share = _changed_share(sample)
    name = "simplified" if share < TRADITIONAL_SHARE else "traditional" if share >= MOSTLY_TRADITIONAL else ""
    return CollectionScript(name, Counter(sample))
