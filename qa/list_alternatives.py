"""The alternatives a list question joins with 或, 或者 and 、 (国防园、国防公园或者军博园), read from jieba's tagged
words of the question's clause, and one head noun written once for two of them (双拥或国防教育宣传月).
"""
from __future__ import annotations

from embeddings.places import posseg

# the people a pivot verb acts on (安排过军休老干部去疗养: 疗养 is what is done), by their last character
PEOPLE_ENDS = tuple("人员属兵部母象生女者士众")


def shared_head(parts: list[str]) -> list[str]:
    """Alternatives of one head noun written once (双拥或国防教育宣传月): a short first alternative (two characters:
    国防园 is whole) gets the last one's closing word (jieba's; with the word before it when it is one character) when it
    lacks it.

    >>> shared_head(["双拥", "国防教育宣传月"]), shared_head(["创业孵化基地", "创业园"])
    (['双拥宣传月', '国防教育宣传月'], ['创业孵化基地', '创业园'])
    """
    if len(parts) < 2 or not all(parts):
        return parts
    tagged = list(posseg().cut(parts[-1]))
    words = [w for w, _ in tagged]
    head = words[-1] if len(words[-1]) >= 2 else "".join(words[-2:])  # 宣传 + 月: the closing 2+ characters
    nominal = tagged[-1].flag.startswith(("n", "m", "j"))  # a thing (宣传月), not an act (降分录取: 加分 is one)
    head = head if len(words) >= 2 and head != parts[-1] and nominal else ""
    # a common noun that is no one (专刊 of 双拥专栏、专刊或者专门栏目; 老兵 of 老兵或优抚对象去疗养 is who)
    whole = {p for p in parts[:-1] if [w.flag for w in posseg().cut(p)] == ["n"] and not p.endswith(PEOPLE_ENDS)}
    return [p + head if head and len(p) <= 2 and not p.endswith(head) and p not in whole else p
            for p in parts[:-1]] + parts[-1:]


def with_alternative_before(words: list, thing: str) -> str:
    """The thing with the word joined to it by 或 or 、 before it, when the question ends "X或者thing" (jieba's
    tagged words), each side maybe with its own verb (写慰问信、寄贺卡):
    (…, "能", "加分", "或者", "降分", "录取"), "降分录取" -> "加分或者降分录取"; (…, "写", "慰问信", "、", "寄",
    "贺卡"), "贺卡" -> "慰问信或者贺卡"; else the thing."""
    plain = [w for w, _ in words]
    for i, word in enumerate(plain):
        if word not in ("或者", "或是", "或", "、") or i == 0 or len(plain[i - 1]) < 2:
            continue
        rest = plain[i + 1:]
        if "".join(rest) == thing and _nominal(words[i - 1]):  # 国防园、国防公园或者军博园: each noun run whole
            return "".join(plain[_noun_runs_start(words, i):i]) + "或者" + thing
        own_verb = len(rest) >= 2 and words[i + 1].flag.startswith("v") and words[i - 2 if i >= 2 else i].flag.startswith("v")
        if own_verb and i >= 2 and plain[i + 1] == plain[i - 2] and "".join(rest[1:]) == thing:
            return plain[i - 2] + plain[i - 1] + "或者" + "".join(rest)  # 拥军服务队或拥军志愿队: one modifier, twice
        if "".join(rest) == thing or (own_verb and "".join(rest[1:]) == thing and words[i - 1].flag.startswith("n")):
            return plain[i - 1] + "或者" + thing
    return thing


def run_before(words: list, thing: str) -> str:
    """The thing with the alternatives of a run of three or more joined by 、 before it (jieba's tagged words), the
    first after its last verb: (…, "参加", "环境卫生", "整治", "、", "城乡", "清洁", "、", "清理", "卫生死角"),
    "卫生死角" -> "环境卫生整治、城乡清洁、卫生死角"; else the thing."""
    plain = [w for w, _ in words]
    cuts = [i for i, w in enumerate(plain) if w == "、"]
    if len(cuts) < 2 or not "".join(plain[cuts[-1] + 1:]).endswith(thing) or "或" in thing:
        return thing
    first = words[:cuts[0]]
    verbs = [i for i, (_, f) in enumerate(first) if f.startswith("v")]
    parts = ["".join(plain[verbs[-1] + 1 if verbs else 0:cuts[0]])]
    parts += ["".join(plain[a + 1:b]) for a, b in zip(cuts, cuts[1:])]
    return "、".join(parts + [thing]) if all(2 <= len(p) <= 10 for p in parts) else thing


def _nominal(word) -> bool:
    """Whether a tagged word can be part of a thing's name (nouns, abbreviations, distinguishers, bound morphemes)."""
    return word.flag.startswith(("n", "j", "b", "zg")) and word.flag != "ns"


def _noun_runs_start(words: list, end: int) -> int:
    """Where the runs of nouns joined by 、 before words[end] start: ("建有", "国防", "园", "、", "国防", "公园"), 6 -> 1."""
    start = end
    while start > 0 and (_nominal(words[start - 1]) or (start >= 2 and words[start - 1].word == "、" and _nominal(words[start - 2]))):
        start -= 1
    return start
