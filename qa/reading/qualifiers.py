"""What an answer's clause says about what it counts, beyond its unit: the level of a title (全国 or 全省双拥模范城) and
whether people counted are households (71名立功受奖军人家庭 answers 多少家). Used by qa.reading.abstain.
"""
from __future__ import annotations

import re

from embeddings.tables import is_row, row_head
from qa.quantities import parse
from qa.reading.answer_types import MEASURES, NAME_ENDS, counts_people_per_head, expected_type
from qa.reading.rarity import PairRarity, pairs
from qa.reading.spans import asked_head, called_noun
from qa.types import Answer

# levels of a title or body, as reports write them: 全国双拥模范城 and 全省双拥模范城 are two titles
LEVELS = {"全国": "国", "国家级": "国", "全省": "省", "省级": "省", "自治区级": "省", "全区": "区", "全市": "市",
          "市级": "市", "县级": "县", "区级": "区"}
LEVEL_WORDS = re.compile("|".join(sorted(LEVELS, key=len, reverse=True)))


def level_first(question: str, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """The answers with the first whose clause is of the level the question names put first, when the best one's
    clause names only another level (开封拿“全国双拥模范城”的次数: "8次获得全国…、10次获得全省…" answers 8次, not
    10次); else as they were.

    >>> from embeddings.types import Passage
    >>> t = "是一座8次获得全国双拥模范城称号、10次获得全省双拥模范城称号的拥军城。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> got = level_first("开封获得全国双拥模范城称号多少次？", (Answer("10次", 1.0, p, 17, 20), Answer("8次", 0.9, p, 3, 5)))
    >>> [a.text for a in got]
    ['8次', '10次']
    """
    asked = {LEVELS[w] for w in LEVEL_WORDS.findall(question)}
    if len(asked) != 1 or len(answers) < 2 or not _other_level(answers[0], asked):
        return answers
    fit = next((a for a in answers[1:] if LEVEL_WORDS.search(_clause(a)) and not _other_level(a, asked)), None)
    return answers if fit is None else (fit,) + tuple(a for a in answers if a is not fit)


# distinct character pairs of the question an alternative's clause must share beyond the best answer's to go first
# (docs/results.md, "Seventh session"); with the collection's pair rarity, the weight they must add up to beyond it
# (about one pair that a tenth of the paragraphs have; docs/results.md, "Ninth session")
CLAUSE_MARGIN = 1
RARE_MARGIN = 2.0


def clause_first(question: str, answers: tuple[Answer, ...], rarity: PairRarity | None = None) -> tuple[Answer, ...]:
    """The answers with a figure of the asked shape first when its clause shares clearly more of the question's
    wording than the best answer's does (CLAUSE_MARGIN character pairs, or with `rarity` RARE_MARGIN of their
    weight: a clause saying 退役军人 and 就业 says less of 签下就业意向的人 than one saying 意向): 珲春's "民兵党员突击队累计
    出动1520余人次，驻珲某部出动50余人次" answers 出动的民兵有多少人次 with 1520余人次; else as they were.

    >>> from embeddings.types import Passage
    >>> p = Passage("r1-p1", 1, "市人武部民兵党员突击队累计出动1520余人次，驻珲某部出动50余人次。", 0, 35)
    >>> [a.text for a in clause_first("珲春出动的民兵有多少人次？", (Answer("50余人次", 1, p, 29, 34), Answer("1520余人次", 0, p, 15, 22)))]
    ['1520余人次', '50余人次']
    """
    atype = expected_type(question)
    if atype is None or atype.name in ("person", "year", "date") or len(answers) < 2 or not atype.matches(answers[0].text):
        return answers
    shared = [said(question, a, rarity) for a in answers]
    margin = CLAUSE_MARGIN if rarity is None else RARE_MARGIN
    fits = [(n, a) for n, a in zip(shared[1:], answers[1:]) if atype.matches(a.text)
            and n >= shared[0] + margin and _alike(a.text, answers[0].text)]
    if not fits:
        return answers
    fit = max(fits, key=lambda na: na[0])[1]
    return (fit,) + tuple(a for a in answers if a is not fit)


QUOTED = re.compile(r"[“「《]([^“”「」《》]{2,16})[”」》]")


def quoted_first(question: str, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """The answers with the figure beside the name the question quotes first, when the best one stands beside another
    quoted name: in "“最美退役军人”53名、“最美军人家庭”28个、“最美拥军人物”30名" a question on “最美军人家庭” is answered
    28个 (each figure's segment, to a 、 or clause end, names what it counts); else as they were.

    >>> from embeddings.types import Passage
    >>> t = "表彰“最美退役军人”53名、“最美军人家庭”28个、“最美拥军人物”30名。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> [a.text for a in quoted_first("评出了多少“最美军人家庭”？", (Answer("30名", 1, p, t.index("30名"), t.index("30名") + 3),
    ...                                                      Answer("28个", 0, p, t.index("28个"), t.index("28个") + 3)))]
    ['28个', '30名']
    """
    names = QUOTED.findall(question)
    if not names or len(answers) < 2 or not beside_other_name(question, answers[0]):
        return answers
    beside = next((a for a in answers[1:] if any(_same_name(n, f) for n in names for f in QUOTED.findall(_clause(a)))),
                  None)
    return answers if beside is None else (beside,) + tuple(a for a in answers if a is not beside)


def title_said_first(question: str, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """The answers with the first document title (a span inside 《》) that says at least two more of the question's
    character pairs than the best one put first, when the best is a title (…给领导小组定的规则文件叫啥？: of
    《开封市双拥工作领导小组工作规则》《开封市军人子女教育优待实施办法》, the first); else as they were.

    >>> from embeddings.types import Passage
    >>> t = "出台《开封市双拥工作领导小组工作规则》《开封市军人子女教育优待实施办法》"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> rules, schools = Answer("开封市双拥工作领导小组工作规则", 1.0, p, 3, 18), Answer("开封市军人子女教育优待实施办法", 2.0, p, 20, 35)
    >>> [a.text[-4:] for a in title_said_first("开封给领导小组定的规则文件叫啥？", (schools, rules))]
    ['工作规则', '实施办法']
    >>> [a.text[-4:] for a in title_said_first("开封给军人子女上学出的文件叫啥？", (schools, rules))]
    ['实施办法', '工作规则']
    """
    if len(answers) < 2 or not _titled(answers[0]):
        return answers
    asked = pairs(question)
    said = len(pairs(answers[0].text) & asked)  # 开封 of 开封市…, said by every title of the place
    fit = next((a for a in answers[1:] if _titled(a) and len(pairs(a.text) & asked) >= said + 2), None)
    return answers if fit is None else (fit,) + tuple(a for a in answers if a is not fit)


def _titled(answer: Answer) -> bool:
    """Whether the span is one whole document title: 《 right before it, 》 right after it, none inside."""
    text = answer.passage.text
    return text[answer.start - 1:answer.start] == "《" and text[answer.end:answer.end + 1] == "》" \
        and not re.search(r"[《》]", answer.text)


def beside_other_name(question: str, answer: Answer) -> bool:
    """Whether the answer's segment (to a 、 or clause end) quotes a name and none the question quotes, when the
    question asks a figure and quotes a name: "“最美拥军人物”30名" counts no “最美军人家庭”."""
    names = QUOTED.findall(question)
    if not names:  # most questions quote nothing: no type to work out
        return False
    atype = expected_type(question)  # a figure asked (多少, 几): a name asked for may well be the quoted one (“连惠兵”)
    if atype is None or not atype.name.startswith(("count-", "unit-", "number", "money", "percent")):
        return False
    found = QUOTED.findall(_clause(answer))
    return bool(found) and not any(_same_name(n, f) for n in names for f in found)


SAME_NAME_SHARE = 0.6  # of a quoted name's character pairs another must say to be the same name, written otherwise


def _same_name(asked: str, found: str) -> bool:
    """Whether a quoted name found is the one asked, maybe written otherwise: _same_name("新中国成立70周年",
    "庆祝中华人民共和国成立70周年") -> True (6 of 8 pairs); _same_name("最美军人家庭", "最美军嫂") -> False (2 of 5)."""
    mine, theirs = ({text[i:i + 2] for i in range(len(text) - 1)} for text in (asked, found))
    return asked == found or bool(mine) and len(mine & theirs) >= SAME_NAME_SHARE * len(mine)


# what 哪个X asks for is a name ending in X (哪个村 -> 小河村, never 兵支书)
ASKED_HEAD = re.compile(rf"哪(?:一)?(?:个|所|座|家|处)?({NAME_ENDS}|县|区|陵园)")


def head_first(question: str, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """The answers with the first one ending in the noun a 哪个X question asks for put first, when the best does not
    end in it ("于瑞兴带的是哪个村？": 兵支书, 小河村 -> 小河村 first); else as they were.

    >>> from embeddings.types import Passage
    >>> t = "“兵支书”于瑞兴带领韩庄镇小河村村民共同致富"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> [a.text for a in head_first("他带的是哪个村？", (Answer("兵支书", 1.0, p, 1, 4), Answer("小河村", 0.5, p, 13, 16)))]
    ['小河村', '兵支书']
    >>> t = "“陇人骄子”陈宗新（龙渠烈士陵园第四代守墓人）"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> shown = (Answer("第四代", 2.0, p, 16, 19), Answer("陈宗新（龙渠烈士陵园", 1.5, p, 6, 16), Answer("龙渠烈士陵园", 1.0, p, 10, 16))
    >>> [a.text for a in head_first("守的是哪座烈士陵园？", shown)][0]
    '龙渠烈士陵园'
    >>> t = "建立“六个老有”服务体系，首批获批成立开封军休大学"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> [a.text for a in head_first("专门办的那所大学叫啥？", (Answer("六个老有", 2.0, p, 3, 7), Answer("开封军休大学", 1.0, p, 19, 25)))]
    ['开封军休大学', '六个老有']
    >>> t = "出台《关于免费乘坐公交车的通知》等50多份文件"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> [a.text for a in head_first("靠的是哪个文件？", (Answer("关于免费乘坐公交车的通知", 2.0, p, 3, 15), Answer("50多份文件", 1.0, p, 17, 23)))]
    ['关于免费乘坐公交车的通知', '50多份文件']
    """
    asked = ASKED_HEAD.search(question)
    # 哪座烈士陵园, 什么制度, …那所大学叫啥 too
    head = asked.group(1) if asked else (asked_head(question) or called_noun(question))
    if not head or len(answers) < 2 or answers[0].text.endswith(head):
        return answers
    fit = next((a for a in answers[1:] if a.text.endswith(head) and len(head) < len(a.text) <= NAME_MOST
                and not BROKEN_NAME.search(a.text) and not a.text[:-len(head)].endswith("的")  # X的原则: X
                and not a.text[0].isdigit()), None)  # 50多份文件 counts files, names none
    return answers if fit is None else (fit,) + tuple(a for a in answers if a is not fit)


NAME_MOST = 16  # a name is short: a longer span ending in the noun is a clause about it (开展…活动)
# no name of one thing: a span across a bracket, a list or a clause (陈宗新（龙渠烈士陵园), or cut in a quote (五个一”制度)
BROKEN_NAME = re.compile(r"[（()）、，,。；;]|^[^“]*”|“[^”]*$")

# a figure per person or period (每人每月多少钱, 每个大学生能领多少钱; 每年八一那场演出 a habit, no rate) or a rate
PER = re.compile(r"每(?:个|[十百千万]+)?(?:人|名|户|月|年(?!八一|春节|清明|建军节|国庆|元旦|中秋|[0-9一二三四五六七八九十]{1,2}月)"
                 r"|天|日|周|季度|次)|每(?:个|位|名|户|家)[\u4e00-\u9fff]|(?<![高按])(?<!按新)标准(?!的)[^，。？]{0,6}(?:多少|几)"  # not 高标准安置, 示范标准的, 按新标准发的
                 r"|(?<![0-9第十百千万一统唯同单每])一个?(?:人|户|亩|度|吨|月)(?![数次口]|一[^年月天日])(?=[^，。？]{0,8}(?:多少|几))")
# said before a figure per person or period (日均清运3260吨; a capacity per day or year: 日供水, 年产)
PER_SAID = re.compile(r"每|标准|平均|单价|亩产|[人日月年周户亩]均|(?<![0-9０-９〇零一二三四五六七八九十节今昨明当同])[日年](?=[产供处接发运吞销用排])")


def per_period(question: str, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """For a question asking a figure per person or period (每月发多少生活补助), the answers whose clause before the
    figure says 每 (每月发放650元, 从每人每月300元提高到1000元), the first of them first; () when none does: a total
    (为1.1万名优抚对象发放生活补助金4.28亿元) answers no 每月. Other questions asking no rate: `totals_first`.

    >>> from embeddings.types import Passage
    >>> t = "发放生活补助金4.28亿元，对随军未就业家属实施每月发放650元生活补助政策。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> total, monthly = Answer("4.28亿元", 2.0, p, 7, 13), Answer("650元", 1.0, p, 28, 32)
    >>> [a.text for a in per_period("来宾每月给随军未就业家属发多少生活补助？", (total, monthly))]
    ['650元']
    >>> per_period("来宾每月给随军未就业家属发多少生活补助？", (total,)), len(per_period("来宾发了多少补助？", (total,)))
    ((), 1)
    >>> per_period("每个大学生能领多少钱？", (total,)), per_period("来宾的生活补助标准是多少钱？", (total,))
    ((), ())
    """
    atype = expected_type(question)
    if atype is None or atype.name in ("person", "year", "date") or counts_people_per_head(question):
        return answers  # …给每人发一次性奖励的高原条件兵有多少名: people are counted, never a figure per person
    if not PER.search(question):
        return answers if RATE_ASKED.search(question) else totals_first(answers)
    return tuple(a for a in answers if PER_SAID.search(_said_before(a)))


RATE_ASKED = re.compile(r"每|均|平均|密度|比例|比率|占比|率")  # 每万人有几座, 人均多少: a rate is asked
PER_HEAD = re.compile(r"每(?:[0-9.]+[十百千万]*|[十百千万]+)(?:人口|人|户|名|个|家)")  # 每万人, 每3万人口; not 每人每月500元
UNIT_END = re.compile(r"[^0-9０-９.．%％]+$")


def totals_first(answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """Asked no rate, a total first when the best is a figure per so many people and the pool holds one of its unit
    whose clause says none (…5G基站1.32万座，每万人拥有5G基站18.7座: 1.32万座 for 一共有多少个5G基站); else as they were.

    >>> from embeddings.types import Passage
    >>> t = "累计建成5G基站1.32万座，每万人拥有5G基站18.7座。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> rate, total = Answer("18.7座", 2.0, p, 24, 29), Answer("1.32万座", 1.0, p, 8, 14)
    >>> [a.text for a in totals_first((rate, total))], [a.text for a in totals_first((total, rate))]
    (['1.32万座', '18.7座'], ['1.32万座', '18.7座'])
    """
    if not answers or not PER_HEAD.search(_said_before(answers[0])):  # 每万人 … before the best
        return answers
    unit = UNIT_END.search(answers[0].text)
    total = next((a for a in answers[1:] if unit and a.text.endswith(unit.group())
                  and not PER_HEAD.search(_said_before(a))), None)
    return answers if total is None else (total,) + tuple(a for a in answers if a is not total)


def _said_before(answer: Answer) -> str:  # the answer's clause before it (to a comma or a sentence's end)
    return answer.passage.text[_bounds(answer, "，。；,;")[0]:answer.start]


def said(question: str, answer: Answer, rarity: PairRarity | None = None) -> float:
    """How many of the question's character pairs the answer's clause says (to a comma or sentence end, without the
    figure; figures joined by 、 share their words: 66个镇（街道）、1038个村（社区）服务站), the question's 多少名 dropped
    (多少名军人: no pair 名军); with `rarity`, their summed weight."""
    asked = pairs(re.sub(rf"(?:多少|几)[{MEASURES}]?|哪边|哪个|谁", " ", question))
    shared = asked & pairs(_clause(answer, bare=True, stops="，。；,;"))
    return len(shared) if rarity is None else rarity.total(shared)


def _alike(text: str, other: str) -> bool:
    """Whether two answers are figures of like units (`qa.quantities`): 147人次 never stands in for 45420毫升, nor 14个
    (行政村) for 6所 (学校)."""
    one, two = parse(text), parse(other)
    return one is not None and two is not None and one.like(two)


def _other_level(answer: Answer, asked: set[str]) -> bool:
    """Whether the answer's clause names a level and none of them is the asked one."""
    found = {LEVELS[w] for w in LEVEL_WORDS.findall(_clause(answer))}
    return bool(found) and not found & asked


def _clause(answer: Answer, *, bare: bool = False, stops: str = "，。；、,;") -> str:
    """The answer's clause in its passage (to a comma, 、 or sentence end on either side: `stops`; a table cell's: its
    row's name and its own label and value); `bare`: without the answer itself (a space in its place)."""
    text, (lo, hi) = answer.passage.text, _bounds(answer, stops)
    row = row_head(text)[1] + "｜" if is_row(text) and text.rfind("｜") < answer.start else ""  # a cell: its row
    return row + (text[lo:answer.start] + " " + text[answer.end:hi] if bare else text[lo:hi])


def _bounds(answer: Answer, stops: str) -> tuple[int, int]:
    """Where the answer's clause (to one of `stops` or a table row's ｜ on either side: a cell's label and value)
    starts and ends in its passage."""
    text, stops = answer.passage.text, stops + "｜"
    lo = max((text.rfind(c, 0, answer.start) for c in stops), default=-1) + 1
    ends = [i for i in (text.find(c, answer.end) for c in stops) if i >= 0]
    return lo, min(ends) if ends else len(text)


def counts_households(question: str, answer: Answer) -> bool:
    """Whether a question counting households (多少家 / 多少户) is answered by a number of people whose noun is a
    household: "为71名立功受奖军人家庭送喜报" counts families in 名.

    >>> from embeddings.types import Passage
    >>> t = "为71名立功受奖军人家庭送喜报。"
    >>> counts_households("乌海给立功受奖军人家庭送了多少家喜报？", Answer("71名", 1.0, Passage("r1-p1", 1, t, 0, len(t)), 1, 4))
    True
    """
    atype = expected_type(question)
    if atype is None or atype.name not in ("count-家", "count-户"):
        return False
    after = re.split(r"[，。；、,;]", answer.passage.text[answer.end:answer.end + 16])[0]
    return re.search(r"家庭|家属|户", after) is not None
