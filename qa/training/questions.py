"""Turn a sentence and an answer candidate into a question that does not simply copy the sentence.

The span is replaced by its interrogative; the rest is cut to the clause(s) around it, lightly
reordered and rephrased with a synonyms table, 我市/全市 become the report's place, and the place
or the report's subtitle is often named up front, because users name what they ask about.
"""
from __future__ import annotations

import random
import re

from qa.training.candidates import Candidate

CLAUSE_SPLIT = re.compile(r"[，,；;：:、]")
LOCAL_WORDS = ("我市", "全市", "本市", "我区", "全区", "我县", "全县", "我州", "全州")
SYNONYMS = {
    "累计": ["总共", "一共", "共计", "前后"], "投入": ["花了", "投了", "拿出"], "建成": ["建起", "建好"],
    "开展": ["组织", "搞了", "举办"], "慰问": ["看望", "走访慰问"], "帮助": ["帮", "帮扶"], "解决": ["落实", "帮忙解决"],
    "组织": ["组织开展", "安排"], "发放": ["发了", "发放了"], "先后": ["陆续", "前后"], "共": ["一共", "总共"],
    "建立": ["设立", "成立"], "举办": ["办了", "组织"], "提供": ["给", "拿出"], "安置": ["安排", "妥善安置"],
    "驻地部队": ["当地驻军", "驻军"], "退役军人": ["退伍军人", "退役官兵"], "官兵": ["部队官兵", "战士"],
    "资金": ["经费", "钱"], "筹集": ["募集", "筹措"], "协调": ["协助", "帮助协调"], "达到": ["达", "到了"],
    "近年来": ["这些年", "近几年"], "以来": ["来"], "被评为": ["获评", "被命名为"],
}
OPENERS = ("同时", "此外", "另外", "其中", "目前", "近年来", "今年以来", "一是", "二是", "三是", "四是", "五是")
SUBTITLE_FRAMES = ("{s}中，", "按{s}的说法，", "{s}提到，", "据{s}，", "在{s}里，")


def short_place(place: str) -> str:
    """"张掖市" -> "张掖" (a suffix-less form users type), keeping two-character names whole."""
    return place[:-1] if len(place) > 2 and place[-1] in "市县区州盟旗" else place


def ask_for(cand: Candidate, span: str, rng: random.Random) -> str:
    """The interrogative for a candidate, with some variety: money may be 多少钱 / 多少万元 / 多少资金."""
    if cand.kind == "money":
        unit = re.sub(r"^[\d.一二两三四五六七八九十百千数几]+(余|多)?", "", span).lstrip("余多")
        return rng.choice(["多少钱", "多少资金", f"多少{unit}" if unit else "多少", "多少"])
    if cand.kind == "count" and rng.random() < 0.2:
        return "多少" + cand.ask[2:] if cand.ask.startswith("多少") else cand.ask
    if cand.kind == "date":
        return rng.choice(["什么时候", "哪天", cand.ask])
    if cand.kind in ("title", "quote"):
        return rng.choice(["什么", "哪个", "什么名称"])
    return cand.ask


def clause_window(sentence: str, start: int, end: int, rng: random.Random) -> tuple[int, int]:
    """Character bounds of the clause holding [start, end), sometimes widened by a neighbour clause."""
    cuts = [0] + [m.end() for m in CLAUSE_SPLIT.finditer(sentence)] + [len(sentence) + 1]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end) - 1 if any(c >= end for c in cuts[1:]) else len(sentence)
    right = min(max(right, end), len(sentence))
    if rng.random() < 0.5 and left > 0:
        left = max([c for c in cuts if c < left - 1] or [0])
    if rng.random() < 0.3 and right < len(sentence):
        right = min([c - 1 for c in cuts if c - 1 > right] or [len(sentence)])
    return left, min(right, len(sentence))


def rephrase(text: str, rng: random.Random, *, rate: float = 0.5) -> str:
    """Swap some words for synonyms and drop openers: "累计投入资金" -> "一共投了经费"."""
    for opener in OPENERS:
        if text.startswith(opener):
            text = text[len(opener):].lstrip("，,")
    for word, alternatives in SYNONYMS.items():
        if word in text and "□" not in word and rng.random() < rate:
            text = text.replace(word, rng.choice(alternatives), 1)
    return text


def make_question(sentence: str, cand: Candidate, *, place: str, subtitle: str, rng: random.Random) -> str:
    """A question asking for `sentence[cand.start:cand.end]`.

    Example: ("我市累计为驻地部队划拨土地527亩", 527亩, place 张掖市) -> "张掖一共为驻军划拨土地多少亩？"
    """
    span = sentence[cand.start:cand.end]
    left, right = clause_window(sentence, cand.start, cand.end, rng)
    marker = "□"  # keeps the slot safe from the synonyms table
    body = sentence[left:cand.start] + marker + sentence[cand.end:right]
    if cand.kind in ("title", "quote"):
        body = body.replace("《" + marker + "》", marker).replace("“" + marker + "”", marker)
    body = rephrase(body.strip("，,；;：:。 "), rng)
    name = short_place(place) if place and rng.random() < 0.6 else place
    for word in LOCAL_WORDS:
        if word in body and name:
            body = body.replace(word, name, 1)
    body = _reorder(body, rng)
    if name and name not in body:
        roll = rng.random()
        if roll < 0.55:
            body = name + body
        elif roll < 0.75 and subtitle:
            body = rng.choice(SUBTITLE_FRAMES).format(s=subtitle) + body
    return body.replace(marker, ask_for(cand, span, rng)).strip("，, ") + "？"


def _reorder(body: str, rng: random.Random) -> str:
    """Move a leading time phrase ("2022年，" / "近三年来，") to after the subject, or drop it."""
    m = re.match(r"^((?:\d{4}年(?:以来|来)?|近[一二三四五两几\d]+年(?:来)?|[^，,□]{0,6}期间))[，,]", body)
    if not m or "□" in m.group(1) or rng.random() < 0.3:
        return body
    rest = body[m.end():]
    return rest if rng.random() < 0.5 else (rest[:2] + m.group(1) + rest[2:] if len(rest) > 4 else body)
