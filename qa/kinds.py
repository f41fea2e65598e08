"""Question kinds: one report's fact (single), which places (list), X and Y compared (compare), a sum over
named places (total); and each named place's own question (`for_place`).

Detection is by rules over the wording and the indexed places the question names; anything unclear is
single, which the ordinary pipeline answers as before. Measured on eval/data/kinds.jsonl
(`python -m eval.kinds`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from embeddings.places import stem
from qa.script import to_simplified

KINDS = ("single", "list", "compare", "total")
# a kind of place, as a list question asks for it: 哪些城市, 哪几个地方, 有几个县区
PLACE_NOUN = (r"(?:城市|地方|地区|地市|县区|市县|县市|区县|[篇份]?报告|座城市|个城市|个地方|个地区|省份"
              r"|[省市县区](?!级|里的|内的|委|直|民|场|政|长|域|属))")  # 哪些省里的称号 / 哪些市级荣誉: no places
# the kinds of place of two characters or more a list may ask for at its end (…的城市有哪些？, …的县区都是哪几个？)
PLACE_KIND = r"(?:城市|地方|地区|地市|县区|市县|县市|区县|省份)"
# …的城市有哪些？, 设了荣誉墙的地方都是哪几个？: the kind of place asked for before the list words, at the end
LIST_ASK = re.compile(rf"(?:都|还)?有?(?:哪些|哪几个|哪几|多少个|几个){PLACE_NOUN}|都有谁|都是谁|都有哪些(?=[？?]*$)"
                      rf"|(?:{PLACE_KIND}|的[市县区省])(?:都|还|又)?(?:有|是)(?:哪些|哪几个|哪几)(?=[呢啊？?]*$)"
                      rf"|^(?:报告里|报告中)?有没有(?:哪个|哪些)?{PLACE_KIND}")  # 有没有地方建了双拥公园？: which did
NOTE_AFTER = re.compile(r"(?<=[？?])\s*[（(][^（）()]*[）)][\s。.]*$")  # a bracketed note after the question mark
TOTAL_WORDS = re.compile(r"加起来|合起来|加在一起|加一起|合在一起|加一块儿?|合一块儿?|加到一块儿?|一共|合计|总共|共计|总计|总和|之和|总数")
EACH_WORDS = re.compile(r"分别|各自|各(?![地级县区市界类项种部族])")
WHO = r"(?:谁|哪一个|哪个|哪一方|哪方|哪边|哪座|哪家|哪里|哪篇|哪份|哪一?天|哪一?件|哪一?次|哪一?场|哪一?回)"
# before or after, where the question ends: 落款哪个在前面？ 哪篇日子靠后？
BEFORE_AFTER = r"(?:靠|在|排在?)(?:前|后)(?:面|边|头)?"
# a direction: 更多, 较早, 最大 anywhere; a bare 多, 少一些 only where the question ends (大 of 大型 is none)
DIRECTION = re.compile(r"(?:更|较|最|还要|要)(?:多|少|早|晚|大|小|高|低|先)|(?:更|较|还要)(?:长|短|久)"  # 年头更长
                       r"|(?:多|(?<!多)少|早|晚|大|小|高|低|(?<!多)长|(?<!多)短|(?<!多)久)(?:一些|一点|些)?(?:吗|呢)?(?=[？?！!。]*$)"
                       r"|(?<=谁|个|方|边|家)先|领先|落后"
                       rf"|{BEFORE_AFTER}(?:一些|一点|些)?(?=[呢吗]?[？?！!。]*$)")
COMPARED = re.compile(r"相比|对比|比较")
# how far apart two places' figures are (差了多少亩, 比来宾多出多少个, 相差几年): a comparison, its gap said too
GAP_ASKED = re.compile(r"(?:相差|差了|差距|差|多出来?|多了|高出|少了|低了)(?:有|是)?(?=多少|几)")
GAP_SIZE = re.compile(r"差(?:距|别)(?:有|是)?多大")  # 差距有多大: each place's figure asked (有多少), then the gap
RATIO_ASKED = re.compile(r"是[^，,。；;？?]{1,10}?的(?:几|多少)倍|(?:几|多少)倍于")  # 芜湖的是来宾的几倍: each figure, then the ratio


def asks_gap(question: str) -> bool:
    """Whether a comparison asks how far apart its figures are: 差了多少亩, 比来宾多出多少个, 差距有多大."""
    return bool(GAP_ASKED.search(question) or GAP_SIZE.search(question))


def each_figure(question: str) -> str:
    """A comparison of a gap or a ratio as the figures it compares: "…差了多少亩" -> "…多少亩", "…是来宾的几倍" -> "…有多少"."""
    return RATIO_ASKED.sub("有多少", GAP_SIZE.sub("有多少", GAP_ASKED.sub("", question)))
# which place of the collection has the most (哪个城市…最多？, …最少的是哪个地方？): a comparison of every place
WHICH_PLACE = re.compile(r"哪(?:一)?(?:个|座)?(?:城市|地方|地区|地市|市|县|区|地)|哪里|哪儿")
MOST = re.compile(r"最(多|少|大|小|高|低|长|短)")
# every place of the collection (各地…分别有多少？, 每个城市…多少？): each place's figure
EVERY_PLACE = re.compile(r"各(?:个)?(?:地方|城市|地区|地市|县区|地)(?![方区市])|每(?:一)?(?:个|座)(?:地方|城市|地区|市|县|区)"
                         r"|所有(?:的)?(?:地方|城市|地区)")
DIRECTIONS = {"多": "more", "大": "more", "高": "more", "少": "less", "小": "less", "低": "less",
              "早": "earlier", "先": "earlier", "晚": "later", "领": "more", "落": "less",
              "长": "more", "短": "less", "久": "more", "前": "earlier", "后": "later"}


@dataclass(frozen=True)
class QuestionKind:
    """What a question asks: `kind` (one of KINDS), the indexed places it names (stems, in the order
    named), the direction of a comparison ("more", "less", "earlier", "later"; "" otherwise) and, for a
    list, whether it asks a value for each named place (各…分别) rather than which places."""

    kind: str = "single"
    places: tuple[str, ...] = ()
    direction: str = ""
    each: bool = False


NEIGHBOURS = r"(?:这些|这几个|等)(?:周边|附近|邻近|临近|周围|兄弟)"


def named_in_order(question: str, known: Iterable[str]) -> list[str]:
    """The known places (by stem) the question names, in the order it names them (a province qualifying
    the next place left out).

    named_in_order("芜湖和张掖谁多？", {"张掖市", "芜湖市"}) -> ["芜湖", "张掖"]
    named_in_order("河北省邯郸市和保定市谁多？", {"河北省", "邯郸市", "保定市"}) -> ["邯郸", "保定"]
    named_in_order("安阳跟邯郸这些周边城市合作，拉上了几个地市？", {"安阳市", "邯郸市"}) -> ["安阳"]
    named_in_order("庆阳（陇东）驻军修的公路，加上许昌的，一共多少公里？", {"庆阳市", "陇东", "许昌市"}) -> ["庆阳", "许昌"]
    """
    stems = {stem(p) for p in known if len(stem(p)) >= 2}
    found = [s for s in stems if s in question and not any(s != o and s in o and o in question for o in stems)]
    # a province just before another place qualifies it (河北省邯郸市): it is not asked about itself; two cities
    # side by side are two places (张掖芜湖两地)
    provinces = {stem(p) for p in known if p.endswith("省")}
    qualifiers = {s for s in found if s in provinces for o in found
                  if re.search(rf"{re.escape(s)}省?{re.escape(o)}", question)}
    # a place named as one of another's neighbours (安阳跟邯郸这些周边城市搞合作): an example, not asked about itself
    examples = {s for s in found if re.search(rf"(?:跟|和|与|同){re.escape(s)}[市县区]?{NEIGHBOURS}", question)}
    # a place's other name in brackets after it (庆阳（陇东）驻军…): the same place, named once
    aliases = {s for s in found for o in found if re.search(rf"{re.escape(o)}[市县区]?[（(]{re.escape(s)}[市县区]?[）)]", question)}
    return sorted((s for s in found if s not in qualifiers | examples | aliases), key=question.find)


def detect(question: str, known: Iterable[str]) -> QuestionKind:
    """The kind of a question over reports about the `known` places.

    detect("芜湖和来宾，谁建的服务站更多？", known) -> QuestionKind("compare", ("芜湖", "来宾"), "more")
    detect("哪些城市为部队划拨了土地？", known) -> QuestionKind("list")
    detect("张掖一共划拨了多少亩土地？", known) -> QuestionKind("single", ("张掖",))
    detect("張掖和蕪湖，誰劃撥的土地更多？", {"張掖市", "蕪湖市"}) -> QuestionKind("compare", ("張掖", "蕪湖"), "more")

    The wording is read in Simplified characters (qa.script.to_simplified, character for character), the
    places returned as the collection writes them.
    """
    known = list(known)
    back = {stem(to_simplified(p)): stem(p) for p in known}  # the places as the collection writes them
    question = to_simplified(question)  # the kind words are Simplified (誰 -> 谁, 幾 -> 几, 總共 -> 总共)
    question = NOTE_AFTER.sub("", question)  # …的城市有哪些？（只算获评的，入围、提名不算）: the note asks nothing
    question = one_ask(question)  # …的地方有几个？是哪些？ asks which
    simple = tuple(named_in_order(question, [to_simplified(p) for p in known]))
    places = tuple(back.get(p, p) for p in simple)
    if len(places) >= 2:
        direction = compare_direction(question, simple)
        if direction:
            return QuestionKind("compare", places, direction)
        if TOTAL_WORDS.search(question):
            return QuestionKind("total", places)
        if EACH_WORDS.search(question):
            return QuestionKind("list", places, each=True)
    elif not places and LIST_ASK.search(question):
        return QuestionKind("list")
    elif not places and WHICH_PLACE.search(question) and (most := MOST.search(question)):
        return QuestionKind("compare", (), DIRECTIONS[most.group(1)])  # 哪个城市…最多: every place ranked (qa.list_most)
    elif not places and (every := EVERY_PLACE.search(question)) and re.search(r"多少|几", question[every.end():]):
        return QuestionKind("list", (), each=True)  # 各地…分别有多少个？: every place's figure (qa.list_most)
    return QuestionKind("single", places)


def one_ask(question: str) -> str:
    """A list asked twice, how many and then which (…的有几个地方？分别是哪些？), as the one question it is; any other
    question as it was.

    >>> one_ask("有几个地方打造了“双拥村”？分别是哪些？"), one_ask("当兵的帮老乡抗旱的，报告里有几个地方？是哪些？")
    ('哪些地方打造了“双拥村”？', '当兵的帮老乡抗旱的有哪些地方？')
    >>> one_ask("有企业组成拥军志愿队的地方有几个？是哪些？")
    '有企业组成拥军志愿队的有哪些地方？'
    >>> one_ask("有没有地方把军人立功的奖励标准往上提了？都是哪些？")
    '哪些地方把军人立功的奖励标准往上提了？'
    """
    asked = WHICH_AFTER.match(question)
    if not asked:
        return question
    first = asked.group(1)
    front = HOW_MANY_FRONT.match(first)
    if front:
        return f"哪些{front.group(1) or '地方'}{first[front.end():]}？"
    back = HOW_MANY_BACK.search(first)
    if back and back.start() > 0:
        return f"{first[:back.start()].rstrip('的')}的有哪些地方？"
    return question


WHICH_AFTER = re.compile(r"^(.+?)[？?]\s*(?:有的话[，,]?)?(?:那)?(?:分别|都|具体)?(?:是|有)哪(?:些|几个|几)(?:地方|城市|市|县|区)?"
                         r"[呢？?]*$")
# …有几个地方…？ / 有没有地方…？ before the second ask (有没有地方把…提了？都是哪些？)
HOW_MANY_FRONT = re.compile(r"^(?:报告里|报告中)?(?:一共|共|总共)?(?:有几个|有没有(?:哪个|哪些)?)(地方|城市|市|县区|县|区)?")
HOW_MANY_BACK = re.compile(r"[，,]?(?:在?(?:报告|材料)(?:里|中))?(?:的(?:地方|城市))?(?:一共|共|总共)?有几个(?:地方|城市|市|县区|县|区)?$")


def compare_direction(question: str, places: Iterable[str]) -> str:
    """The direction a question compares its places in, or "" when it does not compare them.

    Compared: 谁/哪个 … 更多 (a who-word, then a direction), X比Y多, or 相比/对比 with a direction.
    compare_direction("开封和许昌哪个安置的退役军人更多？", ["开封", "许昌"]) -> "more"
    compare_direction("邯郸和保定都属于哪个省？", ["邯郸", "保定"]) -> ""
    compare_direction("张掖和芜湖给部队的土地差了多少亩？", ["张掖", "芜湖"]) -> "more" (its gap asked too)
    """
    names = "|".join(re.escape(p) for p in places)
    after_than = re.search(rf"比(?:{names})[市县区州]?(?:还|更|要)?(多|(?<!多)少|早|晚|大|小|高|低)", question)
    if after_than:
        return direction_of(after_than.group(1))
    who = re.search(WHO, question)
    if who or COMPARED.search(question):
        start = who.end() if who else 0
        for match in DIRECTION.finditer(question, start):
            return direction_of(match.group())
    return "more" if asks_gap(question) or RATIO_ASKED.search(question) else ""


def direction_of(word: str) -> str:
    """"更多" -> "more", "较早" -> "earlier", "少一些" -> "less"."""
    core = re.sub(r"^(?:更|较|最|还要|要|靠|排在|排|在)", "", word)
    return DIRECTIONS.get(core[:1], "")
