"""What a figure counts, read from the words right after it (110场专场招聘会 counts 专场招聘会), against what a
question counts (多少岗位): the reader's best figure counting another thing gives way to one counting the asked.
"""
from __future__ import annotations

import re

from embeddings.places import posseg
from qa.reading.answer_types import COUNT_ASKED, MEASURES
from qa.types import Answer

ASKED = re.compile(rf"(?:多少|(?<!哪)几)[{MEASURES}]?")  # 哪几个数字 asks which, it counts none
FIGURE = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两]")
CLAUSE_END = "，。；：,;:！？!?\n"
AFTER_REACH = 10  # characters after a figure within which the asked thing, named, is what it counts


def _noun(flag: str) -> bool:
    """A jieba tag of a noun that can be counted: n…, vn; not a place or a name."""
    return (flag.startswith("n") and flag not in ("ns", "nr")) or flag == "vn"


def _noun_run(text: str) -> str:
    """The nouns the text opens with (jieba's n…, vn; not a place or a name), joined: "专场招聘会，定向" -> "专场招聘会"."""
    run = []
    for word, flag in posseg().cut(text):
        if _noun(flag):
            run.append(word)
            continue
        break
    return "".join(run)


def asked_noun(question: str) -> str:
    """The nouns a question counts, right after its 多少 or 几 (and measure word), else right before it (a place
    between them skipped: …的岗位连云港有多少？); "" when none.

    >>> asked_noun("连云港专场招聘会上给退役军人拿出来了多少岗位？"), asked_noun("来宾有多少个成员单位？"), asked_noun("投入了多少？")
    ('岗位', '成员单位', '')
    >>> asked_noun("专场招聘会上给退役军人拿出来的岗位连云港有多少？"), asked_noun("来宾领取抚恤的优抚对象有多少？")
    ('岗位', '优抚对象')
    >>> asked_noun("河北一共立了多少个军人优先之类的标识？")
    '标识'
    >>> asked_noun("西固出动民兵的人次有多少？"), asked_noun("开封的工作思路是用哪几个数字概括的？")
    ('', '')

    """
    found = ASKED.search(question)
    if found is None:
        return ""
    rest = question[found.end():]
    kind = re.match(r"[^，,。？?]{1,10}?(?:之类的|这类的|一类的|这样的)(.+)", rest)  # 军人优先之类的标识: the 标识
    after = _noun_run(kind.group(1) if kind else rest)
    if after:
        return "" if after in COUNTING else after
    before = re.sub(r"(?:有|是|一共|共|总共)+$", "", question[:found.start()])
    run = []
    for word, flag in reversed(list(posseg().cut(before))):
        if flag in ("ns", "nr") and not run:  # the place asked of (连云港 is tagged nr)
            continue
        if _noun(flag):
            run.insert(0, word)
            continue
        break
    return "" if "".join(run) in COUNTING else "".join(run)


# words that say how a thing is counted, not what (…民兵的人次有多少？): no thing to check a figure against
COUNTING = frozenset("人次 人数 次数 场次 户数 数量 数目 个数 总数 数 金额 面积 规模 比例".split())


def counts_other(question: str, answer: Answer, asked: str | None = None) -> str:
    """The thing an answer's figure counts when it is another than the question counts (the nouns right after
    the figure, neither naming nor named by the asked ones), else "".

    >>> from embeddings.types import Passage
    >>> t = "举办110场专场招聘会，定向提供岗位4.2万余个"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> counts_other("连云港拿出来了多少岗位？", Answer("110场", 1.0, p, 2, 6))
    '专场招聘会'
    >>> counts_other("连云港拿出来了多少岗位？", Answer("4.2万余个", 1.0, p, 18, 24))
    ''
    >>> t = "先后举办专场招聘会85场次，提供各类岗位9.7万余个"
    >>> counts_other("濮阳拿出来了多少岗位？", Answer("85场次", 1.0, Passage("r1-p1", 1, t, 0, len(t)), 9, 13))
    '专场招聘会'
    """
    asked = asked_noun(question) if asked is None else asked  # `asked`: the question's, when read already
    if len(asked) < 2 or not FIGURE.search(answer.text):
        return ""
    after = re.split(f"[{CLAUSE_END}]", answer.passage.text[answer.end:answer.end + 16])[0]
    if asked[-2:] in after[:AFTER_REACH]:  # 1048名随军未就业家属: the asked 家属 closes the phrase the figure counts
        return ""
    other = _noun_run(after) or _nouns_before(answer)
    if len(other) < 2 or other in asked or asked in other or other[-2:] == asked[-2:]:
        return ""
    return other


def _nouns_before(answer: Answer) -> str:
    """The nouns right before a figure in its clause, when it has nothing after it (举办专场招聘会85场次，): what it
    counts; "" when a verb or nothing stands there (举办110场)."""
    words = list(posseg().cut(_clause_before(answer)))
    run = []
    for word, flag in reversed(words):
        if _noun(flag):
            run.insert(0, word)
            continue
        break
    return "".join(run)


def counted_first(question: str, answers: tuple[Answer, ...]) -> tuple[Answer, ...]:
    """The answers with the first figure counting what the question counts put first when the best counts another
    thing (`counts_other`) and that one names the asked thing in its clause before it (提供岗位4.2万余个) or right
    after it (1.1万名优抚对象); else as they were.

    >>> from embeddings.types import Passage
    >>> t = "举办110场专场招聘会，定向提供岗位4.2万余个"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> fairs, posts = Answer("110场", 2.0, p, 2, 6), Answer("4.2万余个", 1.0, p, 18, 24)
    >>> [a.text for a in counted_first("连云港拿出来了多少岗位？", (fairs, posts))]
    ['4.2万余个', '110场']
    """
    if len(answers) < 2:
        return answers
    asked = asked_noun(question)  # read once for every answer weighed
    if not counts_other(question, answers[0], asked):
        return answers
    head = asked[-2:]  # 岗位 of 工作岗位: the asked thing's head names it too
    fit = next((a for a in answers[1:] if FIGURE.search(a.text) and not counts_other(question, a, asked)
                and (head in _clause_before(a) or head in _noun_run(a.passage.text[a.end:a.end + 16]))), None)
    return answers if fit is None else (fit,) + tuple(a for a in answers if a is not fit)


def _clause_before(answer: Answer) -> str:
    text = answer.passage.text[:answer.start]
    cut = max(text.rfind(c) for c in CLAUSE_END)
    return text[cut + 1:]


# heads too general to say what is counted (多少个驻军单位: 20余家企业单位 counts something else)
GENERIC_HEADS = frozenset("单位 人员 人数 人次 工作 情况 项目 机构 组织 部门 地方 数量 方面 活动 服务".split())


def counted_head(question: str) -> str | None:
    """The last noun of the run of nouns a count question counts (its head) when the run has more than one (or the
    last two characters of one noun of four led by a general word) and the head says what is counted, else None: 多少名部队官兵子女入托入学 -> "子女" (a report says 现役军人子女 where the
    question said 部队官兵子女); 多少个驻军单位 -> None (单位 is too general).

    >>> counted_head("解决了多少名部队官兵子女入托入学？"), counted_head("通化有多少个驻军单位？"), counted_head("提供了多少个工作岗位？")
    ('子女', None, '岗位')
    >>> counted_head("绵阳有多少名特级教师？")  # 860名教师 counts no 特级教师

    """
    match = COUNT_ASKED.search(question)
    if not match:
        return None
    run = []
    for word, flag in posseg().cut(question[match.end():]):
        if not ((flag.startswith("n") and flag not in ("ns", "nr")) or flag == "vn"):
            break
        run.append(word)
    lone = len(run) == 1 and len(run[0]) == 4 and run[0][:2] in GENERIC_HEADS  # 工作岗位: 岗位; not 特级教师
    head = run[-1] if len(run) > 1 else run[0][2:] if lone else None
    return head if head and len(head) >= 2 and head not in GENERIC_HEADS else None
