"""A ranking asked in a user's many clauses (不算X，只看Y，报告里写了人数的地方里，哪个地方最多？) made one figure
question a report can answer (哪些地方Y有多少人？): the clauses that only narrow or say where the number is written
are left out, the thing counted is kept, and the measure a counting word names (人数, 场次, 片数) is asked for.
"""
from __future__ import annotations

import re

from embeddings.places import posseg
from qa.kinds import EVERY_PLACE, MOST, WHICH_PLACE
from qa.reading.answer_types import MEASURES

NOUN_TAGS = ("n", "j", "l", "vn", "nz")

CLAUSE = re.compile(r"(?:[^，,；;：:（(]|[（(][^）)]*[）)])+")  # a bracket's commas are inside its clause
BRACKET = re.compile(r"[（(][^）)]*[）)]")
# a clause that only narrows what is counted (…都不算, 医疗费报销也算): read by the checks, not asked
ASIDE = re.compile(r"不算|不包括|不包含|不含|除外|不计|排除|不考虑|也算|都算|算在内|不论|不管|也包括|包括在内|不同于")
# a clause saying where or how the number is written (报告里写了人数的, 按片数算): the measure is kept
SAID = re.compile(r"报告|报出|写(?:了|明|清|出|有)|给出|列出(?:了)?(?:数|人数)|有数字|^(?:按|按照).{0,16}(?:算|计|排|比|标准|口径)(?:的话)?$")
SOME = re.compile(r"^(?:有些|有的|一些)(?:地方|城市|地区)")
ONLY = re.compile(r"^(?:只看|只算|就看|单看|仅看|只比|光看|只说)")
EVERY = re.compile(rf"^(?:在)?(?:{EVERY_PLACE.pattern}|各市|各县|各区)(?:的)?")
# a counting word and the measure it asks (资助的学生人数 -> 多少人; 按看过的人次算 -> 多少人次)
COUNTING = {"人数": "人", "人次": "人次", "场次": "场", "次数": "次", "户数": "户", "片数": "片", "条数": "条",
            "棵数": "棵", "株数": "株", "家数": "家", "个数": "个", "所数": "所", "项数": "项", "支数": "支",
            "金额": "钱", "总额": "钱", "钱": "钱", "比例": "比例", "占比": "比例", "数量": "", "数目": "", "总数": "",
            "规模": "", "人": "人"}
COUNTED_AT_END = re.compile("(?:的)?(" + "|".join(sorted(COUNTING, key=len, reverse=True)) + ")$")
BARE_COUNTING = frozenset("人数 人次 金额 总额 数量 总数 数目 场次 次数".split())
VAGUE = frozenset("队伍 数字 东西 地方 城市".split())


def plain_most(question: str) -> tuple[str, str] | None:
    """The thing a ranking counts, said plainly, and the measure asked ("" for none; "钱" for money), from a
    question of two clauses or more; None for a question of one clause (read as it is) or none asking a ranking.

    >>> plain_most("各地拉起来的退役军人志愿服务队，哪个地方的队伍数量最多？")
    ('拉起来的退役军人志愿服务队', '')
    >>> plain_most("驻军帮着资助贫困学生上学，哪个地方资助的学生人数最多？")
    ('驻军帮着资助贫困学生上学，资助的学生', '人')
    >>> plain_most("部队医生给驻地老百姓义诊看病，按看过的人次算，哪个地方最多？")
    ('部队医生给驻地老百姓义诊看病', '人次')
    >>> plain_most("不算转业士官，只看政府按计划安置的转业军官，报告里写了安置人数的地方里，哪个地方安置得最少？")
    ('政府按计划安置的转业军官', '人')
    >>> plain_most("军民共建点（共建联系点）报出来的数量，哪个地方最多？")
    ('军民共建点（共建联系点）', '')
    >>> plain_most("哪个城市建的退役军人服务站最多？") is None
    True
    """
    clauses = CLAUSE.findall(question.rstrip("？?。 "))
    if len(clauses) < 2 or not (WHICH_PLACE.search(question) and MOST.search(question)):
        return None
    topic, content, measure = [], "", ""
    for clause in clauses:
        if WHICH_PLACE.search(clause) or MOST.search(clause):
            content = content or _asked(clause)
            continue
        plain = _unaside(clause)
        if ASIDE.search(plain):
            continue
        said = SAID.search(plain)
        if said and not ONLY.match(clause.strip()):
            measure = measure or _measure(clause)
            said_of = EVERY.sub("", plain[:said.start()].strip())  # 军民共建点报出来的数量: what it says first is the thing
            if len(said_of) >= 2 and not re.search(r"(?:里|中|上)$", said_of):
                topic.append(said_of)
            continue
        topic.append(SOME.sub("", EVERY.sub("", ONLY.sub("", plain.strip()))))
    content, asked = _counted(_unaside(content))
    kept = [t for t in topic if t]
    if kept and not content:  # the last topic clause says the thing (学生参加军训的人数 -> 学生参加军训, 人)
        thing, counted = _counted(kept[-1], bare=True)
        kept[-1], asked = thing or kept[-1], asked or counted
    measure = asked or measure
    if content and not "".join(kept).endswith(content):
        kept.append(content)
    return ("，".join(kept), measure) if kept else None


def _asked(clause: str) -> str:
    """What the asking clause itself says is counted: 哪个地方资助的学生人数最多 -> 资助的学生人数."""
    text = WHICH_PLACE.sub("", MOST.sub("", clause))
    text = re.sub(r"^(?:是|的是|都是)|(?:的是|是|都是)$", "", text.strip())
    return EVERY.sub("", text).strip("的得了 ")


def _counted(content: str, *, bare: bool = False) -> tuple[str, str]:
    """The asked clause's thing and measure: 资助的学生人数 -> (资助的学生, 人); an act with no noun (建得, 评出来)
    or a vague noun (队伍) is no thing: ("", measure). `bare`: a topic's, whose act is kept.

    >>> _counted("资助的学生人数"), _counted("贷出去的钱"), _counted("学生参加军训的人数", bare=True)
    (('资助的学生', '人'), ('', '钱'), ('学生参加军训', '人'))
    """
    found = COUNTED_AT_END.search(content)
    if bare and found and found.group(1) not in BARE_COUNTING:
        found = None  # 帮到的人, 掏的钱, 占多大比例: a topic's person, money or share is what it says
    measure = COUNTING[found.group(1)] if found else ""
    thing = (content[:found.start()] if found else content).strip("的得了 ")
    nouns = [w for w, f in posseg().cut(thing) if f.startswith(NOUN_TAGS) and w not in VAGUE and len(w) >= 2]
    if not bare and not nouns:
        return "", measure
    return thing, measure


def _unaside(text: str, *, examples: bool = False) -> str:
    """The text without a bracket that narrows (（不算退役军人服务中心）) or, unless `examples`, gives examples
    (（比如…）); a bracket naming it (（军转干部）) kept."""
    return BRACKET.sub(lambda m: "" if ASIDE.search(m.group()) or (not examples and re.search("比如|例如", m.group()))
                       else m.group(), text)


def _measure(clause: str) -> str:
    """The measure a clause saying how to count names: 按看过的人次算 -> 人次; 报告里写了安置人数的 -> 人."""
    clause = BRACKET.sub("", clause)
    found = re.search("|".join(sorted((c for c in COUNTING if len(c) > 1), key=len, reverse=True)), clause)
    if found is None:
        many = re.search(rf"多少([{MEASURES}])", clause)
        return many.group(1) if many else ""
    return COUNTING[found.group()]


def figure_asked(thing: str, measure: str) -> str:
    """The figure question of a ranking's thing and measure, of every place (`qa.rewrite.for_place` puts one in).

    >>> figure_asked("资助的学生", "人"), figure_asked("发给义务兵家里的优待金", "钱")
    ('哪些地方资助的学生有多少人？', '哪些地方发给义务兵家里的优待金有多少钱？')
    >>> figure_asked("新兵里大学毕业的占多大比例", "比例")
    '哪些地方新兵里大学毕业的比例是多少？'
    """
    if measure == "比例":
        return f"哪些地方{re.sub(r'(?:的)?(?:占)?(?:多大|多少)?(?:的)?比例$', '', thing)}的比例是多少？"
    return f"哪些地方{thing}有多少{measure}？"


SENTENCE = re.compile(r"[^。！？?!]+[。！？?!]*")
PIECE = re.compile(r"[^，,；;—]+[，,；;—]*")


def unasided(question: str, asks: re.Pattern) -> str:
    """The question without the sentences, clauses and brackets that only narrow what it asks (…的不算。, （…不算）):
    the asking sentence (`asks`), what it says and its examples (（比如…）: other forms of the thing listed) kept.

    >>> from qa.kinds import LIST_ASK
    >>> unasided("当兵的帮村里修路的有哪些地方？救灾时抢通的路不算。", LIST_ASK)
    '当兵的帮村里修路的有哪些地方？'
    >>> unasided("武警担着警卫任务，大型活动安保不算，是哪些地方？", LIST_ASK)
    '武警担着警卫任务，是哪些地方？'
    """
    kept = []
    for sentence in SENTENCE.findall(question):
        if asks.search(sentence):
            pieces = PIECE.findall(_unaside(sentence, examples=True))
            kept.append("".join(p for p in pieces if asks.search(p) or not ASIDE.search(p)))
        elif not ASIDE.search(sentence):
            kept.append(_unaside(sentence, examples=True))
    return "".join(kept) or question


def measured(figure: str) -> str:
    """A figure question whose thing ends with a counting word asks in its measure (…招聘会场次有多少？ ->
    …招聘会有多少场？); any other as it is.

    >>> measured("哪些地方组织的专场招聘会场次有多少？"), measured("哪些地方建的服务站有多少？")
    ('哪些地方组织的专场招聘会有多少场？', '哪些地方建的服务站有多少？')
    """
    asked = re.search(r"(?:有|是)?多少[？?]?$", figure)
    found = COUNTED_AT_END.search(figure[:asked.start()]) if asked else None
    if found is None or not COUNTING[found.group(1)] or found.group(1) == "人":
        return figure
    return figure[:found.start()] + "有多少" + COUNTING[found.group(1)] + "？"


EXAMPLES = re.compile(r"(?P<items>[^，,；;：:]+?)(?:这类|这样的|这种|之类的?|这些|等)的?[\u4e00-\u9fff]{1,8}$")


def examples_of(thing: str) -> tuple[str, ...]:
    """The examples a thing is said by before its kind (爱国拥军联合会、促进会这类拥军组织): each is counted as the
    thing, which reports name rather than the kind; none for a thing said plainly.

    >>> examples_of("爱国拥军联合会、促进会这类拥军组织"), examples_of("双拥示范街、双拥一条街这样的街道")
    (('爱国拥军联合会', '促进会'), ('双拥示范街', '双拥一条街'))
    >>> examples_of("退役军人志愿服务队")
    ()
    """
    found = EXAMPLES.search(thing)
    if found is None:
        return ()
    items = [i.strip("“”\"的 ") for i in re.split(r"[、和及或]|或者", found["items"])]
    return tuple(i for i in items if 2 <= len(i) <= 10 and re.search(r"[\u4e00-\u9fff]{2}", i))
