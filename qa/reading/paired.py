"""Paired clauses: a question asking for both halves of a saying gets both.

Reports write sayings as clauses of one shape joined by a comma: 平时服务练兵，战时保障打赢; 只能加强，不能削弱;
主要领导抓全面，分管领导抓具体，双拥办负责抓落实. Asked 平时和打仗的时候分别怎么提的？ or 只能怎样、不能怎样？ or 领导之间是怎么
分工的？, the reader cuts one half (服务练兵). When the question asks for several (分别, 分工, two question words), the span
is grown over the clauses of the same shape beside its own. `qa.reading.enumerated.enumerated` applies it.
"""
from __future__ import annotations

import itertools
import re

from embeddings.places import posseg

# 分别怎么提 / 怎么分工 / 各自 / 只能怎样、不能怎样 (two question words in one question)
BOTH_ASKED = re.compile(r"分别|分工|各自|(?:怎样|怎么|什么|啥|哪)[^？?。]{0,12}?[、，,和与跟及][^？?。]{0,12}?(?:怎样|怎么|什么|啥|哪)")
CLAUSE_BREAK = "，,；;"
CLAUSE_END = "。！？!?：:\n“”‘’"
NUMBER_ASKED = re.compile(r"多少|几")  # 分别有多少人: values, the list rules' and the multi-report answers' work


def _clauses(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int] | None:
    """The clauses (between commas or semicolons) of the sentence holding the span, and the index of the span's own,
    or None when the span crosses a clause's edge."""
    if any(c in text[start:end] for c in CLAUSE_BREAK + CLAUSE_END):
        return None
    spans = _pieces(text, start, end, CLAUSE_END, CLAUSE_BREAK)
    own = next(i for i, (a, b) in enumerate(spans) if a <= start and end <= b)
    return spans, own


def _pieces(text: str, start: int, end: int, ends: str, breaks: str) -> list[tuple[int, int]]:
    """The pieces between `breaks` (empty ones too) of the sentence (ended by `ends`) holding text[start:end]."""
    left = max(text.rfind(c, 0, start) for c in ends) + 1
    right = min((i for i in (text.find(c, end) for c in ends) if i >= 0), default=len(text))
    pieces, at = [], left
    for piece in re.split(rf"([{breaks}])", text[left:right]):
        if piece not in breaks or not piece:
            pieces.append((at, at + len(piece)))
        at += len(piece)
    return pieces


def _same_shape(a: str, b: str) -> bool:
    """Two clauses of one saying: three characters or more each, and, the longer one's extra words at its front set
    aside (双拥工作 of 双拥工作只能加强), a character in the same place counted from the start (平时/战时, 只能/不能)
    or from the end (抓全面/抓具体), among the first two or the last three."""
    n = min(len(a), len(b))
    if n < 3 or max(len(a), len(b)) > 16:
        return False
    a, b = a[-n:], b[-n:]
    return any(a[i] == b[i] for i in range(2)) or any(a[-i] == b[-i] for i in range(2, min(4, n) + 1))


def paired_clauses(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a question asking both (or all) halves of a saying, the span grown over the clauses of its own clause's
    shape beside it; else unchanged.

    >>> t = "坚持平时服务练兵，战时保障打赢，全力支持部队建设。"
    >>> t[slice(*paired_clauses(t, 4, 8, "他们平时和打仗的时候分别怎么提的？"))]
    '平时服务练兵，战时保障打赢'
    >>> paired_clauses(t, 4, 8, "他们平时怎么提的？")  # one half asked
    (4, 8)
    >>> t = "新形势下，双拥工作只能加强，不能削弱。"
    >>> t[slice(*paired_clauses(t, 16, 18, "说双拥工作只能怎样、不能怎样？"))]
    '只能加强，不能削弱'
    >>> t = "形成主要领导抓全面，分管领导抓具体，双拥办负责抓落实，一级抓一级的工作格局。"
    >>> t[slice(*paired_clauses(t, 10, 17, "领导之间是怎么分工的？"))]
    '主要领导抓全面，分管领导抓具体，双拥办负责抓落实'
    """
    if not BOTH_ASKED.search(question) or NUMBER_ASKED.search(question):
        return start, end
    found = _clauses(text, start, end)
    if found is None:
        return start, end
    spans, own = found
    clause = text[slice(*spans[own])]
    first = last = own
    while first > 0 and _same_shape(text[slice(*spans[first - 1])], clause):
        first -= 1
    while last + 1 < len(spans) and _same_shape(text[slice(*spans[last + 1])], clause):
        last += 1
    if first == last:
        return start, end
    return _aligned(text, spans[first:last + 1])


HOW_ASKED = re.compile(r"怎么|怎样|如何|咋|什么样|啥样")
QUOTES = str.maketrans("", "", "“”\"")


def quoted_last(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a how / what-manner question, a quoted word that ends a run of phrases of one length joined by 、 (民企“唱戏”
    after 政府搭台、军地互动) grown over the whole run, its quotes kept; else unchanged.

    >>> t = "形成了政府搭台、军地互动、民企“唱戏”的融合机制"
    >>> t[slice(*quoted_last(t, 16, 18, "弄出来的是个什么样的机制？"))]
    '政府搭台、军地互动、民企“唱戏”'
    >>> quoted_last(t, 16, 18, "民企唱什么？")
    (16, 18)
    """
    if not HOW_ASKED.search(question) or text[start - 1:start] != "“" or text[end:end + 1] != "”":
        return start, end
    lead = re.search(r"、([\u4e00-\u9fff]{1,4})$", text[:start - 1])
    if lead is None:
        return start, end
    size, first = len(lead.group(1)) + end - start, lead.start(1)
    while (item := re.search(r"(?:^|[^\u4e00-\u9fff“”])([\u4e00-\u9fff“”]+)、$", text[max(0, first - size - 4):first])) \
            and len(item.group(1).translate(QUOTES)) == size:
        first -= len(item.group(1)) + 1
    opening = re.search(r"([\u4e00-\u9fff]+)、$", text[:first])  # the first phrase after the verb before it (形成了政府搭台)
    if opening and len(opening.group(1)) > size:
        first -= size + 1
    before = text[first:lead.start(1) - 1].split("、")  # three phrases at least, none the question sets aside (除了…)
    return (first, end + 1) if len(before) >= 2 and not any(b in question for b in before) else (start, end)


ROLE_END = ("委", "府", "书记", "长", "部", "局", "厅", "办", "院", "区", "员", "政委", "主任", "领导", "同志")
WHO_ASKED = re.compile(r"谁")
ORG_END = ("委", "府", "分区", "部", "局", "厅", "办", "院")  # an office standing for its leaders (区委主要领导)
ROLE_AFTER = re.compile(r"(?:主要|分管)?(?:领导|负责同志)")


def joint_roles(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a 谁 question, the span grown back over the offices or titles joined to it by 、 or 和 (市委、市政府、芜湖军分区
    主要负责同志 of 芜湖军分区主要负责同志; 书记、市长 of 市长): each one word, a noun ending as an office or title does;
    an office cut before the leaders it stands for taken with them (区委 -> 区委主要领导); else unchanged.

    >>> t = "持续强化市委、市政府、芜湖军分区主要负责同志挂帅的领导小组"
    >>> t[slice(*joint_roles(t, 11, 22, "双拥工作领导小组是谁挂帅？"))]
    '市委、市政府、芜湖军分区主要负责同志'
    >>> t = "建立以书记、市长为组长的领导小组"
    >>> t[slice(*joint_roles(t, 6, 8, "组长由谁来当？"))], joint_roles(t, 6, 8, "组长是哪一年定的？")
    ('书记、市长', (6, 8))
    >>> t = "由市委主要领导任组长、市政府和军分区主要领导任副组长"
    >>> at = t.index("军分区")
    >>> t[slice(*joint_roles(t, at, at + 3, "副组长是谁在当？"))]
    '市政府和军分区主要领导'
    """
    if not WHO_ASKED.search(question):
        return start, end
    role = ROLE_AFTER.match(text, end) if text[start:end].endswith(ORG_END) else None
    end = role.end() if role and role.group() not in question else end  # 区委 -> 区委主要领导
    first = start
    while text[first - 1:first] in ("、", "和"):
        words = list(posseg().cut(text[max(0, first - 9):first - 1]))
        word, flag = (words[-1].word, words[-1].flag) if words else ("", "")
        said = word in question or word[-2:] in question  # 除了军分区司令员…还有谁: the one set aside; 任组长: the title asked
        if not (flag.startswith("n") and flag not in ("nr", "ns") and len(word) >= 2 and word.endswith(ROLE_END)) or said:
            break
        first -= len(word) + 1
    return first, end


def _aligned(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The run's extent: the later clauses as long as the second within one character (一级抓一级 after
    分管领导抓具体，双拥办负责抓落实 ends it), the first one's words before the saying cut to the second's length (坚持 of
    坚持平时服务练兵，战时保障打赢; 形成 of 形成主要领导抓全面，分管领导抓具体)."""
    size = spans[1][1] - spans[1][0]
    kept = [spans[0], spans[1]] + list(itertools.takewhile(lambda s: abs(s[1] - s[0] - size) <= 1, spans[2:]))
    return max(kept[0][0], kept[0][1] - size), kept[-1][1]


# how a party works, or what it does (管什么; not 叫啥 / 是啥, a thing's name)
PART_ASKED = re.compile(r"怎么|怎样|如何|咋|(?:管|干|做|抓|负责)(?:的是|的)?(?:什么|啥)")
# counts, people, lists, every party, and one thing among several set aside (除了…第三本是啥): other rules' work
PART_NOT = re.compile(r"多少|几|谁|哪些|哪几|分别|各自|除了|除去|还有|另外|第[一二三四五六七八九十0-9]")
SUBJECT_TAIL = re.compile(r"(?:是|主要|具体|一般|都|要|又|还|该|的|在)+$")  # 分管领导是 / 区政府主要 before the ask
DOING = ("v", "d", "a", "ad")  # what a party does starts with a verb, an adverb or an adjective (具体抓, 抓指导, 放心)
RUN_BREAK = "、，,"
PREDICATE_MOST = 6


def role_part(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """For a question asking what one party of a division of work does, a span in a run of three or more parallel
    parts (each a party and what it does, all ending with the same character: 区委抓领导、政府抓指导、武装部和双拥办
    抓协调) cut to what the party the question names does; else unchanged. Of a run the reader read whole, or of a
    neighbouring part it cut, the part asked.

    >>> t = "形成主要领导亲自抓、分管领导具体抓、各个部门共同抓、职能单位分工抓的格局。"
    >>> t[slice(*role_part(t, 2, t.index("的格局"), "里面分管领导是怎么个抓法？"))]
    '具体抓'
    >>> s = t.index("职能单位"); t[slice(*role_part(t, s, s + 4, "那各个部门是怎么个抓法？"))]
    '共同抓'
    >>> role_part(t, s, s + 4, "那各个部门有多少人？") == (s, s + 4)  # a count: not this rule's
    True
    >>> role_part(t, s, s + 4, "领导之间是怎么分工的？") == (s, s + 4)  # two parties alike: paired_clauses' work
    True
    >>> role_part(t, s, s + 4, "它的领导机制是咋说的？") == (s, s + 4)  # the whole run asked
    True
    >>> t = "让现役军人安心、退役军人顺心、广大优抚对象放心。"
    >>> s = t.index("广大"); t[slice(*role_part(t, s, s + 8, "要让优抚对象怎么样？"))]
    '放心'
    """
    ask = PART_ASKED.search(question)
    if not ask or PART_NOT.search(question):  # 一套分工里…分管领导怎么抓: one party asked
        return start, end
    subject = SUBJECT_TAIL.sub("", question[:ask.start()])  # the party asked stands right before the ask
    run = _parallel_run(text, start, end) if subject else None
    if run is None:
        return start, end
    found = [(size, a + k, b) for a, b in run for k, size in [_party(text[a:b], subject)] if size]
    found.sort(reverse=True)
    if not found or (len(found) > 1 and found[1][0] == found[0][0]):
        return start, end
    return found[0][1], found[0][2]


def _parallel_run(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The longest run of three or more parts (between 、 or commas) of the span's sentence holding the span, all with
    the same character at the same place among their last three (抓 of 区委抓领导、政府抓指导; 心 of 安心、顺心), or
    None."""
    parts = [(a, b) for a, b in _pieces(text, start, end, CLAUSE_END + "；;", RUN_BREAK) if b > a]
    held = [run for back in (1, 2, 3) for run in _runs(text, parts, back)
            if len(run) >= 3 and run[0][0] <= start and end <= run[-1][1]]
    return max(held, key=len, default=None)


def _runs(text: str, parts: list[tuple[int, int]], back: int) -> list[list[tuple[int, int]]]:
    """The parts in runs sharing the character `back` from their end; a run's last part may go on with 的 and what
    the run names (职能单位分工抓 of 职能单位分工抓的格局)."""
    runs, run = [], []
    for a, b in parts:
        mark = text[run[-1][1] - back] if run else ""
        ends = [e for e in [b] + [a + m.start() for m in re.finditer("的", text[a:b])] if e - back > a
                and text[e - back] == mark] if run else []
        if not ends:
            runs.append(run)
            run = [(a, b)]
            continue
        run.append((a, ends[0]))
        if ends[0] != b:
            runs.append(run)
            run = []
    return runs + [run]


def _party(part: str, subject: str) -> tuple[int, int]:
    """(k, size): what a part's party does starts at k, a word boundary after the longest run (two characters or
    more) ending there that ends the question's `subject` too (its words before the ask), with a verb, an adverb
    or an adjective; (0, 0) when the subject is no party of it.

    >>> _party("分管领导具体抓", "里面分管领导"), _party("退役军人顺心", "里面分管领导"), _party("军地领导共同抓", "领导机制")
    ((4, 4), (0, 0), (0, 0))
    """
    best, k = (0, 0), 0
    for word, flag in posseg().cut(part):
        if k >= 2 and len(part) - k <= PREDICATE_MOST and part[k:] not in subject and flag in DOING:
            size = next((n for n in range(k, 1, -1) if subject.endswith(part[k - n:k])), 0)
            best = (k, size) if size > best[1] else best
        k += len(word)
    return best
