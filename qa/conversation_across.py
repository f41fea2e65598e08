"""Follow-ups across places and things: a comparison or a total over the places talked about (那它和珲春比谁多？,
两个加起来多少？), and a reference to the thing the last answer named (这个机场 after 张掖丹霞通用机场).
`qa.conversation.resolve` calls these; each takes the questions already standing alone.
"""
from __future__ import annotations

import re
from typing import Sequence

from embeddings.places import posseg
from qa.kinds import detect, named_in_order
from qa.reading.answer_types import ASKS_NAME, MEASURES, NAME_ENDS, SURNAMES, tagged_person

PUNCT = re.compile(r"[\s，,。！!？?]+")
# words that refer to the place talked about (该市, 这个县, 那里 …): `qa.conversation.REFERENCE` and the follow-ups
# that say a place first (`qa.conversation_last.HERE`) share them
# 该市 / 那个县 / 那边 / 在那里 / 驻那儿; not 中心组那里 (a noun's "there": 在各级党委中心组那里算作什么), not 那区政府
# (an office: 那区政府呢？ after 武装部和双拥办管什么 asks the 区政府's part), not 这里头 / 这里面 (among them)
PLACE_REFERENCE = (r"该(?:市|县|区|地|省|州)|(?:这|那)(?:个|座)?(?:城市|地方|边|(?:市|县|区)(?:上|里)?(?!政府|委|人大|政协|武装部|人武部|级|直))"
                   r"|(?:(?<![\u4e00-\u9fff])|(?<=[在去到从往来回向们驻住于]))(?:这|那)(?:里|儿)(?!头|面(?!积))")  # 这里头: of them
ASKS = re.compile(r"多少|几|哪|什么|谁|何时|吗|如何|怎么|怎样|干嘛|为啥|啥|咋")  # 咋说 / 咋样: colloquial how
CLAUSE_BREAK = re.compile(r"[，,。？?！!]")
# a comparison with one place named, the other the one talked about: 光荣牌的数量跟来宾比，哪个多？
ONE_SIDE = re.compile(r"(?:跟|和|与|同)[^，,。？?]{1,8}?(?:相比|比较|对比|比)|比[^，,。？?]{1,8}?(?:还|更)?(?:多|少|早|晚|高|低|大|小)")
# the end of a comparison that does not say which way (和芜湖相比呢？ / 跟芜湖比怎么样？): asked as "which has more"
OPEN_COMPARE = re.compile(r"(?<=相比|比较|对比|[^相对]比)(?:呢|怎么样|如何|又如何|的话)*[？?]?$")
# words that stand for the last answer in such a comparison: 这个数比濮阳多吗？
THIS_FIGURE = re.compile(r"这个数字?|这个数量|这一数字|这个|这|数量|数字|吗")
# what a comparison says besides its places: nothing of its own when only these are left (那它和珲春比谁多？)
COMPARE_WORDS = re.compile(r"那么|那|和|与|跟|同|相比|对比|比较|比|谁|哪个|哪里|哪边|哪一方|哪方|哪家|更|最|多|少|大|小|高|低|早|晚|一些|呢|，|,|？|\?|。")
GROUP_SIZE = {"两": 2, "二": 2, "俩": 2, "三": 3, "四": 4}  # the places a group word counts (两个, 这三个市)
# a total over the places talked about (两个加起来多少？, 这三个市一共有多少？, 它们合计呢？)
SUMMED = re.compile(r"(?:那么|那)?(?:这|那)?(?:(?P<n>两|二|三|四|几|俩)(?:个|座|家|地)?(?:城市|地方|市|县|区|边)?|它们|他们)?的?"
                    r"(?:加起来|加在一起|加一块儿?|加到一起|一共|合计|总共|总计|共)+(?:是|有)?(?:多少|几)?[个名人亩元家处座所]?(?:呢)?")
# a comparison naming no place after two places were asked about (哪个更多？, 它们谁多？, 两个比呢？)
GAP_TAIL = r"(?:之间)?(?:相差|差了|差|差距|多出|多了)(?:有|是)?(?:多少|几|多大)[个名人亩元家处座所]?"  # 差了多少？
PAIRED = re.compile(r"(?:那么|那)?(?:(?:这|那)?(?:两|二|俩)(?:个|座|家|地)?(?:城市|地方|市|县|区|边)?|它们|他们)?(?:相比|比较|对比|比)?"
                    rf"(?:(?:谁|哪个|哪边|哪里|哪家)(?:[\u4e00-\u9fff]{{1,2}}得)?(?:更|还)?(?:多|少|大|小|高|低|早|晚)(?:一些|一点)?|呢|{GAP_TAIL})+")


def summed(question: str, questions: Sequence[str], known: set[str]) -> str | None:
    """A total over the last places the earlier questions (standing alone) named: two for 两个, all for 几个 or
    它们, asked on the last question's topic; the question as it is when fewer places were named; None when the
    follow-up is no such total.

    >>> summed("两个加起来多少？", ["芜湖建了多少个服务站？", "来宾建了多少个服务站？"], {"芜湖市", "来宾市"})
    '芜湖和来宾，建了多少个服务站，一共多少？'
    """
    found = SUMMED.fullmatch(PUNCT.sub("", question))
    if not found or not questions:
        return None
    named = _named(questions, known)
    said = found["n"] or re.search(r"它们|他们", question)
    if not said and len({p for q in questions[-2:] for p in named_in_order(q, known)}) < 2:
        return None  # 总共多少？ right after one place asks that place's own total
    count = GROUP_SIZE.get(found["n"] or "", len(named) if said else 2)
    last = questions[-1]
    topic = next((p for p in named_in_order(last, known)), None)
    if len(named) < 2 or count > len(named) or topic is None:
        return question  # 这三个市一共有多少？ after two places: not made up
    return f"{'和'.join(named[-count:])}，{asked_of(last, topic)}，一共多少？"


def compared_pair(question: str, questions: Sequence[str], known: set[str]) -> str | None:
    """A comparison naming no place, right after the last two questions asked about two places: those two
    compared on the last question's topic; the question as it is when there are no two such places; None when the
    follow-up is no such comparison.

    >>> compared_pair("哪个更多？", ["张掖划拨了多少亩土地？", "芜湖划拨了多少亩土地？"], {"张掖市", "芜湖市"})
    '张掖和芜湖，划拨了多少亩土地，谁更多？'
    """
    plain = PUNCT.sub("", question)
    if not PAIRED.fullmatch(plain) or not re.search("谁|哪|比|差|多出|多了", plain) or named_in_order(plain, known):
        return None
    pair = [named_in_order(q, known) for q in questions[-2:]]
    if len(pair) < 2 or not all(len(p) == 1 for p in pair) or pair[0] == pair[1]:
        return question  # 谁更多？ after one place: left as asked (qa.text.asks_about_nothing), not scoped to it
    asked = f"{pair[0][0]}和{pair[1][0]}" + re.sub(r"^(?:那么|那)?(?:(?:这|那)?(?:两|二)\w?(?:城市|地方)?|它们|他们)", "", plain)
    asked = (asked if detect(asked, known).kind == "compare" else asked.rstrip("呢") + "谁更多") + "？"
    return on_topic(asked, questions[-1], pair[1][0], known)


# the places talked about, said as a group at a follow-up's start (两地一共划拨了多少亩？, 这两个市谁建得多？); not 他们, the
# people of the last place (那西固呢？ 他们一共慰问了多少人次？ asks 西固's, as every such follow-up of eval/data does)
GROUP = re.compile(r"^(?:那么|那)?(?:这|那)?(?:(?P<n>两|二|三|四|俩)(?:个|座|家)?(?:城市|地方|地|市|县|区|边)?|它们)")
WHOLE = re.compile(r"一共|加起来|合计|总共|总计|谁|哪个|哪边")


def group_named(question: str, questions: Sequence[str], known: set[str]) -> str | None:
    """A follow-up that opens on the places talked about as a group, its group put back as their names, when it
    sums or compares; None otherwise.

    >>> group_named("两地一共划拨了多少亩？", ["张掖划拨了多少亩？", "芜湖呢？"], {"张掖市", "芜湖市"})
    '张掖和芜湖一共划拨了多少亩？'
    """
    plain = PUNCT.sub("", question)
    found = GROUP.match(plain)
    if not found or not WHOLE.search(plain[found.end():]) or named_in_order(plain, known):
        return None
    named = _named(questions, known)
    count = GROUP_SIZE.get(found["n"] or "", len(named))
    if len(named) < 2 or count > len(named):
        return None
    return f"{'和'.join(named[-count:])}{plain[found.end():]}？"


def _named(questions: Sequence[str], known: set[str]) -> list[str]:
    """The places the questions name, each once, in the order last named."""
    named: list[str] = []
    for asked in questions:
        for place in named_in_order(asked, known):
            named = [p for p in named if p != place] + [place]
    return named


def single_body(question: str, known: set[str]) -> str | None:
    """What a comparison or total of several places asks of each, or None when it names fewer than two:
    "张掖和芜湖，累计划拨了多少亩土地，谁更多？" -> "累计划拨了多少亩土地"."""
    places = named_in_order(question, known)
    if len(places) < 2:
        return None
    for place in places:
        question = re.sub(rf"{place}[市县区州省]?", "", question)
    clauses = [c.strip("和、与及的 ") for c in CLAUSE_BREAK.split(question)]
    return next((c for c in clauses if c and ASKS.search(c) and not WHOLE.match(c)), None)


# a reference to the thing the last answer named (这个机场 after 张掖丹霞通用机场; 它 after a question of 哪个/什么)
THING_REF = re.compile(r"(?:这个|那个|这座|那座|这家|那家|这所|那所|这项|那项|这艘|那艘|这支|那支|这条|那条|该)"
                       r"(?P<noun>[\u4e00-\u9fff]{1,4}?)(?=[是有在的投花建用于给为还也都又就，,？?]|$)")  # 那个村还给…
WHICH = re.compile(r"哪个|哪家|哪所|哪座|哪项|哪一个|什么")


def answer_named(question: str, last: str, answer: str) -> str | None:
    """The follow-up with its reference to the thing the last answer named put back as that name, or None: "这个机场
    是哪年通航的？" after the answer 张掖丹霞通用机场 (its head noun), "它是哪年建的？" after a question asking 哪个/什么
    and a name for answer; an answer with a figure is never a thing's name.

    >>> answer_named("这个机场是哪年通航的？", "张掖修建了哪个通用机场？", "张掖丹霞通用机场")
    '张掖丹霞通用机场是哪年通航的？'
    >>> answer_named("这个机场是哪年通航的？", "张掖有多少个机场？", "2个") is None
    True
    """
    answer = answer.strip()
    he = HE.search(question)
    if he and ASKS_NAME.search(last) and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", answer) and answer[0] in SURNAMES:
        return question[:he.start()] + answer + question[he.end():]  # 他带的是哪个村？ after 他叫什么？ -> 于瑞兴
    if not 3 <= len(answer) <= 20 or re.search(r"[0-9０-９，,。（）()]", answer):
        return None
    if (ref := THING_REF.search(question)) and answer.endswith(ref["noun"]) and len(answer) > len(ref["noun"]):
        return question[:ref.start()] + answer + question[ref.end():]
    it = re.search(r"它(?!们)", question)
    # a description (最全的城市) is no name to stand for 它, and "那它…" turns back to the place talked about
    if it and WHICH.search(last) and "的" not in answer and not re.match(r"那么?它", question) \
            and not re.search(r"[市县区州省]$", answer) and not OWN_REPORT.match(question, it.end()) \
            and not tagged_person(answer):  # a title the place holds (…工作
        return question[:it.start()] + answer + question[it.end():]  # 示范市), its report, a person: 它 is the place
    return None


OWN_REPORT = re.compile(r"(?:的|那篇|这篇|那份|这份)?报告")  # 它那篇报告开头说…: the report is the place's


def as_place(reference: re.Match, topic: str) -> str:
    """What a reference to the place talked about is replaced by: the place, with the reference's 市/县/区 kept
    where the next word starts with it (该市市长 -> 北海市市长, not 北海市长); nothing where the place follows (该省保定…);
    else the place alone."""
    suffix, after = reference.group()[-1], reference.string[reference.end():reference.end() + 1]
    said = reference.string.startswith(topic, reference.end())
    return "" if said else topic + suffix if suffix in "市县区州省" and after == suffix else topic


def topic_of(last: str, end: int) -> str:
    """What the last question says before its verb and count: "乌海悬挂了多少块光荣牌？" -> "乌海" (its first word)."""
    words = list(posseg().cut(last[:end]))
    return words[0].word if words else ""


HE = re.compile(r"[他她](?!们)")
# heads of a name that a follow-up points back to with 这个 / 该 (这个村 after …帮扶的杨家佐村…)
NAME_HEADS = re.compile(rf"{NAME_ENDS}|展馆|中心|连队|广场")  # not 县/区: 这个县 is the place talked about
NAME_STOPS = "的，,、和与在是了给为对把那这市区县镇乡"  # 满城区杨家佐村: 杨家佐村


def named_before(question: str, last: str) -> str:
    """The follow-up with its 这个X (X a head of names: 村, 景区, 学校…) put back as the name ending in X that the
    last question says; else as it was.

    >>> named_before("军地一共给这个村投了多少钱？", "保定满城区军地帮扶的杨家佐村，党支部书记叫什么？")
    '军地一共给杨家佐村投了多少钱？'
    >>> named_before("这个村有多少人？", "保定有多少个村？")
    '这个村有多少人？'
    >>> named_before("这个活动给多少名困难现役军人发了慰问金？", "许昌的“爱国拥军固长城”专项救助活动连续办了多少年？")
    '“爱国拥军固长城”专项救助活动给多少名困难现役军人发了慰问金？'
    """
    ref = THING_REF.search(question)
    quoted = re.search(rf"“[^”]{{2,12}}”[\u4e00-\u9fff]{{0,6}}?{re.escape(ref['noun'])}", last) if ref else None
    if quoted:  # 这个活动 after …的“爱国拥军固长城”专项救助活动…: the thing as the last question named it
        return question[:ref.start()] + quoted.group() + question[ref.end():]
    if not ref or not NAME_HEADS.fullmatch(ref["noun"]) or ref["noun"] not in last:
        return question
    before = last[max(0, last.rindex(ref["noun"]) - 5):last.rindex(ref["noun"])]
    cut = max((before.rfind(c) for c in NAME_STOPS), default=-1)
    name = before[cut + 1:]
    if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name) or ASKS.search(name):
        return question
    return question[:ref.start()] + name + ref["noun"] + question[ref.end():]


# words that point at the topic talked about (哪边在这上面投得多？) and generic nouns of what a comparison counts,
# each with the measures of a last question it fits (谁拿到的次数多？ after 被评过几次…？)
TOPIC_REF = re.compile(r"在?(?:这|那)(?:上面|方面|一块|件事上?|上头)")
GENERIC = {"次数": "次", "数量": "多少|几", "个数": "个", "人数": "[人名]", "钱": "钱|元", "金额": "钱|元", "面积": "亩|面积"}
GENERIC_ASK = re.compile(rf"[\u4e00-\u9fff]{{1,2}}的?({'|'.join(GENERIC)})")


def light(rest: str, last: str) -> bool:
    """Whether a comparison's own words say nothing the last question does not: its verb (挂得, 投得 after 挂了…/
    投了…), or a verb and a generic noun that fits the last question's measure (拿到的次数 after 几次).

    >>> light("挂得", "乌海挂了多少块光荣牌？"), light("拿到的次数", "安阳被评过几次模范城？"), light("建得", "乌海挂了多少块？")
    (True, True, False)
    """
    verb = re.fullmatch(r"([\u4e00-\u9fff]{1,2}?)得?", rest)
    if verb and verb.group(1) in last:
        return True
    noun = GENERIC_ASK.fullmatch(rest)
    return bool(noun and re.search(GENERIC[noun.group(1)], last))


def on_topic(question: str, last: str | None, topic: str | None, known: set[str]) -> str:
    """A comparison that names only its places, asked on the last question's topic: "吴忠和珲春比谁多？" after
    "吴忠优先解决了多少名…入学？" -> "吴忠和珲春，优先解决了多少名…入学，谁更多？", also when it says only the last
    question's verb (和连云港比，哪个市挂得更多？ after …挂了多少块光荣牌？); any other question unchanged."""
    kind = detect(question, known)
    if kind.kind != "compare" or not last or not topic or topic not in last:
        return question
    gap = re.search(GAP_TAIL, question)  # 差了多少: asked as such, on the topic
    rest = COMPARE_WORDS.sub("", THIS_FIGURE.sub("", TOPIC_REF.sub("", re.sub(GAP_TAIL, "", question))))
    for place in kind.places:
        rest = rest.replace(place, "")
    rest = rest.strip("市县区州省")
    if rest and not light(rest, last):
        return question
    word = gap.group() if gap else {"more": "谁更多", "less": "谁更少", "earlier": "谁更早", "later": "谁更晚"}.get(kind.direction, "谁更多")
    return f"{'和'.join(kind.places)}，{asked_of(last, topic)}，{word}？"


def asked_of(question: str, topic: str) -> str:
    """What a question asks of its place, for asking it of others: its first clause that asks (not 想了解一下),
    the place taken out: asked_of("想问一下，张掖划拨了多少亩土地？", "张掖") -> "划拨了多少亩土地"."""
    clauses = [c for c in CLAUSE_BREAK.split(question.replace(topic, "", 1)) if c]
    return next((c for c in clauses if ASKS.search(c)), "".join(clauses)).lstrip("市县区州省的")


NEW_ACT = re.compile(r"^(?P<lead>那么|那|还有)?(?P<act>.{5,30}?)的?呢$")  # read without punctuation (PUNCT)
DESCRIBED = re.compile(r"的[那这][位个所座家支项条]")  # with no 那 before it, an act describes its thing (…的那位退役军人)
# a last question asking a name (…树起来的是啥标杆？ asks the 标杆's name)
NAME_ASK = re.compile(r"(?:叫什么名字|叫什么|叫啥|是谁|是哪位|是(?:啥|什么)[\u4e00-\u9fff]{0,4})[？?]?$")
WHEN_ASK = re.compile(r"(?:是|在|定在|放在)?(?:哪一天|哪天|什么时候|哪一年|哪年|几月几[日号])")  # or when


def new_act(question: str, last: str, topic: str | None, known: set[str]) -> str | None:
    """A follow-up that says a new act and no ask, asked as the last question asked: the act with the last
    question's verb and count (`last_ask`), about the place talked about when it names none; None otherwise.

    >>> new_act("那博湖县给驻县部队新建训练基地呢？", "巴州的若羌县投了多少钱新建公租房给部队用？", "巴州", set())
    '巴州博湖县给驻县部队新建训练基地投了多少钱？'
    >>> new_act("那芜湖呢？", "张掖投了多少钱？", "张掖", set()) is None
    True
    >>> new_act("拿到“全国五一劳动奖章”的那位退役军人呢？", "许昌出的那位全国最美拥军人物叫什么？", "许昌", set())
    '许昌拿到“全国五一劳动奖章”的那位退役军人叫什么？'
    >>> new_act("那双拥工作领导小组全体会议暨创建推进会呢？", "许昌开双拥模范城市的动员会是哪一天？", "许昌", set())
    '许昌双拥工作领导小组全体会议暨创建推进会是哪一天？'
    """
    found = NEW_ACT.match(PUNCT.sub("", question))
    act = found["act"] if found and (found["lead"] or DESCRIBED.search(found["act"])) else ""
    ask = last_ask(last) if act and not ASKS.search(act) else ""
    # a new thing with no verb (那双拥工作领导小组全体会议呢？) is asked so only when the last asked when (是哪一天)
    if not ask or not (any(f.startswith("v") for _, f in posseg().cut(act)) or WHEN_ASK.fullmatch(ask)):
        return None
    place = "" if named_in_order(act, known) or not topic or topic in act else topic
    return f"{place}{act}{ask}？"


def last_ask(last: str) -> str:
    """The last question's verb and count: "巴州的若羌县投了多少钱新建公租房给部队用？" -> "投了多少钱"; its ask of a name
    at its end (叫什么, 是谁); "" when it counts nothing or has no verb right before its count."""
    count = re.search(rf"(?:多少|几)(?:钱|[{MEASURES}])?", last)
    if not count:
        name = NAME_ASK.search(last) or re.search(rf"{WHEN_ASK.pattern}(?:召开的|开的|办的|举办的)?[？?]?$", last)
        return name.group().rstrip("？?") if name else ""
    words = list(posseg().cut(last[:count.start()]))
    tail = ""
    while words and words[-1].word in ("了", "过", "有", "共", "一共", "总共", "累计"):
        tail = words.pop().word + tail
    if not words or not words[-1].flag.startswith("v"):
        return ""
    return words[-1].word + tail + count.group()

