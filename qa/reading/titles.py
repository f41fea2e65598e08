"""A document's whole title when the question asks for the document.

The reader often cuts part of a title in 《》 (or 〈〉 inside one): 双清单、三助力 for 《张掖市军地互提需求、互办实事
“双清单、三助力”实施办法》, 任务分工方案 for 《乌海市2023年…“双清单”及任务分工方案》. A person who asks 定了个什么办法 or a
document's 全称 expects the title whole. The title must end with a document's noun (办法, 方案, 通知 …), and the
question must ask for one: the noun it asks ends the title (什么办法 → …实施办法), it asks for a 文件 / 政策, or it asks
for the full name (全称, 全名). `qa.reading.spans.as_precise_as_asked` applies this last.

A name asked of a thing the question describes is the quoted name the text writes before the description: 完成“应急
使命·2022”高原高寒地区抗震救灾实战化演习任务 answers 那次高原抗震救灾实战演习叫啥名字 with the name, not 高寒地区.
"""
from __future__ import annotations

import re

# a title in 《》 or 〈〉 holding no other title mark (the innermost of 《关于印发〈…实施方案〉的通知》 is 〈…实施方案〉)
TITLE = re.compile(r"[《〈]([^《》〈〉\n]{2,60})[》〉]")
# what a document's title ends with, then (试行) or (暂行) at most
DOC_END = re.compile(r"(?:办法|方案|意见|通知|规定|细则|规则|条例|计划|决定|纲要|措施|清单|标准|指南|职责|要点|规划|"
                     r"公约|章程|守则|决议|公告|通告|制度|机制|法)(?:[（(](?:试行|暂行)[）)])?$")
WHOLE_ASKED = re.compile(r"全称|全名|完整(?:的)?(?:名称|名字|标题)")
DOC_ASKED = frozenset("文件 政策 规定 规章 文 红头文件 制度文件 政策文件".split())


def whole_title(text: str, start: int, end: int, asked: str, question: str) -> tuple[int, int]:
    """The span grown to the title in 《》 (or 〈〉) it lies inside, without the marks, when the title ends with a
    document's noun and the question asks for that document (`asked`, the noun it asks a name of, ends the title or
    is 文件 / 政策; or it asks a 全称); else unchanged.

    >>> t = "制定《张掖市军地互提需求、互办实事“双清单、三助力”实施办法》，连续四年"
    >>> s = t.index("双"); t[slice(*whole_title(t, s, s + 7, "办法", "专门定了个什么办法？"))]
    '张掖市军地互提需求、互办实事“双清单、三助力”实施办法'
    >>> whole_title(t, s, s + 7, "", "张掖的“双清单”是什么？") == (s, s + 7)  # no document asked
    True
    >>> t = "出台了《关于印发〈钦州市由政府安排工作退役士兵量化分值核定及结果运用实施方案〉的通知》"
    >>> s = t.index("量"); t[slice(*whole_title(t, s, t.index("〉"), "实施方案", "出过一个什么实施方案？"))]
    '钦州市由政府安排工作退役士兵量化分值核定及结果运用实施方案'
    >>> t = "印发《乌海市2023年军地互提需求、互办实事“双清单”及任务分工方案》"
    >>> s = t.index("任"); t[slice(*whole_title(t, s, t.index("》"), "", "那份文件全称叫什么？"))]
    '乌海市2023年军地互提需求、互办实事“双清单”及任务分工方案'
    >>> t = "出版《中国工农红军西路军》等系列连环画"
    >>> whole_title(t, 9, 12, "", "书名全称叫啥？") == (9, 12)  # not a document's title
    True
    """
    for title in TITLE.finditer(text, max(0, start - 61), min(len(text), end + 61)):
        inside = title.start(1) <= start and end <= title.end(1) and (start, end) != title.span(1)
        if not inside:
            continue
        name = title.group(1)
        if DOC_END.search(name) and _asks_document(name, asked, question):
            return title.span(1)
    return start, end


def _asks_document(name: str, asked: str, question: str) -> bool:
    """Whether the question asks for the document titled `name`: its asked noun ends the title or names a
    document, or it asks the full name.

    >>> _asks_document("某某实施办法", "办法", "定了什么办法？"), _asks_document("某某实施办法", "活动", "搞了什么活动？")
    (True, False)
    """
    bare = re.sub(r"[（(](?:试行|暂行)[）)]$", "", name)
    return bool(asked and (bare.endswith(asked) or asked in DOC_ASKED)) or WHOLE_ASKED.search(question) is not None


# a name asked (叫啥名字, 叫什么, 什么名称): the quoted name the text writes before what the question describes
NAME_ASKED = re.compile(r"叫(?:啥|什么)|(?:什么|啥)名|名字|名称")
DESCRIBED_REACH = 12  # characters from a quoted name's close to the reader's span within its description


def quoted_name(text: str, start: int, end: int, question: str) -> tuple[int, int]:
    """The quoted name right before the span, when the question asks a name and the span lies inside the description
    written after that name, within its clause (two of the question's characters or more before it and after it);
    else unchanged: a name the description leads to (“河南省优秀志愿者”、三代从军的退役军人马腾骐) is the one asked.

    >>> t = "全面完成“应急使命·2022”高原高寒地区抗震救灾实战化演习任务"
    >>> s = t.index("高寒"); t[slice(*quoted_name(t, s, s + 4, "那次高原抗震救灾实战演习叫啥名字？"))]
    '“应急使命·2022”'
    >>> quoted_name(t, s, s + 4, "演习是在什么地区搞的？") == (s, s + 4)  # no name asked
    True
    """
    if not NAME_ASKED.search(question) or "“" in text[start:end]:
        return start, end
    close = text.rfind("”", max(0, start - DESCRIBED_REACH), start)
    opening = text.rfind("“", max(0, close - 21), close) if close >= 0 else -1
    if opening < 0 or re.search(r"[，。；：！？,;:!?\n“、]", text[close + 1:start]) or text[opening + 1:close] in question:
        return start, end
    described = set(text[close + 1:end]) - set(text[opening:close])
    rest = re.match(r"[^，。；：！？,;:!?\n“”、]*", text[end:]).group()  # the description goes on past the span
    return (opening, close + 1) if 2 <= close - opening - 1 and sum(ch in question for ch in described) >= 2 \
        and sum(ch in question for ch in set(rest)) >= 2 else (start, end)
