"""A name's place in front of it: "紫薇大道街道石袁社区", not "石袁社区"; "公馆镇扫管村", not "扫管村"; and a name's
closing 之 (刘牢之, 司马休之: `with_zhi`).

The reader often cuts a name after the place it sits in, when the place ends with an administrative unit (街道, 镇,
区 …) written right before it. A person asking 哪个社区 / 哪个村 / 哪条街 expects the name as the report writes it,
with its place. `qa.reading.reader` applies this after `qa.reading.spans.whole_name`.
"""
from __future__ import annotations

import re

from qa.reading.verb_object import with_verb_object

# the units a name's place ends with, right before the name (省 and 市 are left out: 张掖市甘州区 answers 哪个区
# with 甘州区, and 市龙城广场 is "the city's", no place)
UNIT_BEFORE = re.compile(r"(?:街道|镇|乡|区|县)$")
LEVEL_ABOVE = re.compile(r"[省市]$")  # the place above a unit ends the place taken
# what a place before a name is made of, as jieba tags it: nouns, place and person names (it tags 紫薇 and 克拉玛依
# nr), a unit on its own
PLACE_TAGS = ("n", "nr", "ns", "nt", "nz", "j")
PLACE_MOST = 10  # characters: a place before a name is short; more is a clause
# a span that is a place or a count itself: no place is put before it
NOT_A_NAME = re.compile(r"[0-9０-９%％、，,。；;（()）“”]|[省市县镇乡]$|(?<![社园景城小校营])区$")


def with_place_before(text: str, start: int, end: int, question: str = "") -> int:
    """The span's start moved back over the place written right before a name (a run of nouns ending in 街道, 镇,
    乡, 区 or 县), less the places at its front that the question writes itself (文峰区 of 安阳文峰区…哪个社区), else
    unchanged. One level only: the name's own place, not the places above it.

    >>> t = "重点打造紫薇大道街道石袁社区"
    >>> t[with_place_before(t, 10, 14):14]
    '紫薇大道街道石袁社区'
    >>> t = "打造文峰区紫薇大道街道石袁社区"
    >>> t[with_place_before(t, 11, 15, "安阳文峰区打造的是哪个社区？"):15]
    '紫薇大道街道石袁社区'
    >>> t = "带领汤阴县韩庄镇小河村"
    >>> t[with_place_before(t, 8, 11):11]
    '韩庄镇小河村'
    >>> t = "对口帮扶公馆镇扫管村"
    >>> t[with_place_before(t, 7, 10):10]
    '公馆镇扫管村'
    >>> t = "将康城吉祥路风情街打造成街区"
    >>> with_place_before(t, 1, 9)  # no unit right before it
    1
    >>> t = "张掖市甘州区"
    >>> with_place_before(t, 3, 6)  # a place itself
    3
    """
    from embeddings.places import posseg

    named = with_name_before(text, start, end)  # 军分区 of 漳州军分区: a common noun alone names nothing
    span = text[start:end]
    if named < start or len(span) < 2 or NOT_A_NAME.search(span):
        return named
    begin = max(text.rfind(c, 0, start) for c in "，,。；;：:、（(“”\n ") + 1
    before = text[max(begin, start - PLACE_MOST - 4):start]
    unit_before = UNIT_BEFORE.search(before)
    if not unit_before:
        return start
    taken, unit_seen = 0, False
    for word, flag in reversed(list(posseg().cut(before))):
        unit = UNIT_BEFORE.search(word) is not None or LEVEL_ABOVE.search(word) is not None
        if (unit and unit_seen and taken > len(unit_before.group())) or taken + len(word) > PLACE_MOST \
                or not (flag.startswith(PLACE_TAGS) or unit):
            break  # one level only: 韩庄镇小河村, not 汤阴县韩庄镇小河村
        taken, unit_seen = taken + len(word), unit_seen or unit
    place = before[len(before) - taken:]
    for said in PLACE_SAID.finditer(place):  # 文峰区 of 文峰区紫薇大道街道, when the question says 文峰区
        if said.group() in question:
            place = place[said.end():]
    if len(place) <= 2 and UNIT_BEFORE.fullmatch(place):
        return start  # a unit alone (区, 街道), or none: no place named
    return start - len(place)


PLACE_SAID = re.compile(r"[\u4e00-\u9fff]+?(?:街道|镇|乡|区|县)")


def with_zhi(text: str, start: int, end: int) -> int:
    """The span's end moved past a 之 that follows every one of its (two or more) occurrences in the passage: a name
    ending in 之, which the reader cuts as the particle (刘牢 of 刘牢之为前锋 … 刘牢之率军), else unchanged. Chosen on
    the DRCD/CMRC dev articles: two names completed there, no other span changed.

    >>> t = "以刘牢之为前锋。刘牢之率北府兵"
    >>> t[1:with_zhi(t, 1, 3)]
    '刘牢之'
    >>> t = "刘牢之为前锋。刘牢率北府兵"  # once without it: no name ends in 之
    >>> t[0:with_zhi(t, 0, 2)]
    '刘牢'
    """
    span = text[start:end]
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", span) or text[end:end + 1] != "之":
        return end
    after = [m.end() for m in re.finditer(re.escape(span), text)]
    return end + 1 if len(after) >= 2 and all(text[e:e + 1] == "之" for e in after) else end


FIGURE_OR_LIST = re.compile(r"[0-9０-９%％、，,。；;“”]")
MODIFIER_TAGS = ("n", "l", "j")  # what a name's modifier before it is made of, as jieba tags it
PLACE_END = re.compile(r"[省市县区镇乡村团]$|街道$")  # 文峰区, 边防团: a place or unit the name sits in, not its modifier


def with_modifier(text: str, start: int, end: int, question: str) -> int:
    """`with_said_modifier`, then `with_verb_object`: the start of a name moved back over the modifier the question
    says, then to the object of the verb that sets it up (成立爱国拥军促进会)."""
    return with_verb_object(text, with_said_modifier(text, start, end, question), end)


def with_said_modifier(text: str, start: int, end: int, question: str) -> int:
    """The span's start moved back over the words written right before a name, in its clause, that the question says
    in the noun it asks (女子 of 什么女子队伍, 军事模型 of 摆军事模型的区，叫啥), and on over the words before those
    that the question says anywhere (拥军优属 of 除了拥军优属协会): 拥军优属女子志愿服务队, 军事模型展示区. Only for a span
    ending with a noun, never over a place (文峰区) or a word with the span's own head (民用机场 of 民用机场福成机场).

    >>> t = "成立拥军优属协会和拥军优属女子志愿服务队"
    >>> t[with_said_modifier(t, 15, 20, "除了拥军优属协会，还拉起了一支什么女子队伍？"):20]
    '拥军优属女子志愿服务队'
    >>> t = "设有模拟射击体验区、军事模型展示区"
    >>> t[with_said_modifier(t, 14, 17, "还有个摆军事模型的区，叫啥？"):17]
    '军事模型展示区'
    >>> with_said_modifier(t, 14, 17, "还有个区，叫啥？")  # the question says none of it
    14
    >>> t = "落实重点优抚对象殡葬服务减免政策"
    >>> with_said_modifier(t, 8, 16, "那重点优抚对象办后事这块，该市落实了什么政策？")  # said, but not in the noun asked
    8
    """
    from embeddings.places import posseg
    from qa.reading.spans import asked_head, called_noun

    span = text[start:end]
    asked = asked_head(question) or called_noun(question)
    if len(span) < 2 or FIGURE_OR_LIST.search(span) or not asked or text[max(0, start - 2):start] not in asked:
        return start  # the word right before the span, in the noun asked, ends with these two characters: none, no cut
    last = list(posseg().cut(span))[-1]
    if not last.flag.startswith("n") or last.flag in ("nr", "ns"):
        return start
    begin = max(text.rfind(c, 0, start) for c in "，,。；;：:、（(“”\n ") + 1
    taken = 0
    for word, flag in reversed(list(posseg().cut(text[begin:start]))):
        said = word in asked if not taken else word in question
        if (len(word) < 2 or not said or not flag.startswith(MODIFIER_TAGS) or flag in ("nr", "ns")
                or PLACE_END.search(word) or word[-1] == span[-1]):
            break
        taken += len(word)
    return start - taken


NAME_TAGS = ("ns", "nr", "nt", "nz")  # a proper name, as jieba tags it
NAME_REACH = 10  # characters before the span that its name may take


def with_name_before(text: str, start: int, end: int) -> int:
    """The span's start moved back over the name written right before it, when the span is a body or place of a
    kind only (common nouns ending with a head noun: 军分区, 法律服务中心) and the nouns before it, in its clause, hold a
    proper name (漳州军分区, 珲春市军人军属法律服务中心); else unchanged.

    >>> t = "漳州军分区大力开展脱贫攻坚"
    >>> t[with_name_before(t, 2, 5):5]
    '漳州军分区'
    >>> t = "成立珲春市军人军属法律服务中心"
    >>> t[with_name_before(t, 11, 15):15], t[with_name_before(t, 9, 15):15]
    ('珲春市军人军属法律服务中心', '珲春市军人军属法律服务中心')
    >>> t = "为驻地部队办实事"
    >>> with_name_before(t, 3, 5)  # no name before it
    3
    >>> t = "武警北海支队"
    >>> with_name_before(t, 0, 6)  # a name itself
    0
    """
    from embeddings.places import posseg
    from qa.reading.spans import HEADS

    span = text[start:end]
    if not span.endswith(HEADS) or FIGURE_OR_LIST.search(span):  # most spans: no cut by jieba at all
        return start
    if any(w.flag in NAME_TAGS for w in posseg().cut(span)):
        return start
    begin = max(text.rfind(c, 0, start) for c in "，,。；;：:、（(“”\n ") + 1
    taken, proper = 0, False
    for word, flag in reversed(list(posseg().cut(text[max(begin, start - NAME_REACH):start]))):
        if not flag.startswith(("n", "j", "l")) or taken + len(word) > NAME_REACH:
            break
        taken, proper = taken + len(word), proper or flag in NAME_TAGS
    return start - taken if proper else start
