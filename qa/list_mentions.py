"""Place lists asked by the words a report says: 报告里提到“三等功”的有哪些地方？, “让最可爱的人成为最幸福的人”这句话
出现在哪几个地方的报告里？. What is asked is whether a report says the words, so every report in scope is searched for
them word for word (`Retriever.naming`, the whole keyword ranking), and each place saying them is listed with the
clause that says them; no reader decides it, and no place is left out because its top passages were about
something else. A question that asks what a place did (报告里明说当兵的参与了“文明城市”创建的) is no such question:
the words must be the whole object of the verb of saying.
"""
from __future__ import annotations

import re
from typing import Iterable

from embeddings.places import stem
from qa.list_headings import heading_answers
from qa.list_shown import acted
from qa.listed import NAMING_SUFFICES
from qa.rewrite import for_place
from qa.retrieval.stores.base import make_filter
from qa.types import Hit, Part, Response

SAYS = r"(?:提到|提及|提起|说到|讲到|谈到|写到|写着|写有|出现|用到|引用)(?:了|过)?"
SAYS_QUOTED = r"(?:写出|写了|用了|用过|引了|点到|说成|称为|称作|称之为|比作|誉为|叫作|叫做)"  # before quoted words only: 写出部队番号的 names no words
PLACES_ASKED = re.compile(r"哪(?:些|几个|几座)(?:地方|城市|地区|市|县|区)|哪(?:几篇|些报告|几份)")
QUOTED = r"[“「《\"]([^“”「」《》\"]{2,20})[”」》\"]"
# the words themselves pointed at: 这句话, 这个说法, 这八个字, 两个字
THESE_WORDS = r"(?:(?:这|那)(?:句话|句老话|句口号|个词|个说法|个提法|种说法|几个字|[两三四五六七八九十]个字)|[两三四五六七八九十]个字)"
# the words after the verb of saying, quoted or a short run, and nothing more before 的 / 这句话 …
SAID_AFTER = re.compile(rf"(?:{SAYS}((?:{QUOTED}(?:[、或和]|或者)?)+|(?![的这那某])[\u4e00-\u9fff]{{2,8}}?(?:[（(][^）)]{{2,12}}[）)])?)"
                        rf"|{SAYS_QUOTED}((?:{QUOTED}(?:[、或和]|或者)?)+))"
                        rf"(?={THESE_WORDS}|这本|这个|的?字样|的说法|的[是有，,]|(?<=[”」》\"])[？?]*$)")  # …写到了“X”？
# or words a report uses of something: 用“坚如磐石”来形容军政军民团结的
SAID_USED = re.compile(rf"用((?:{QUOTED}(?:[、或和]|或者)?)+)来?(?:形容|描述|描绘|概括|比喻|比作|称呼|称赞)")
# or before it: “…”这句话，出现在哪几个地方的报告里 / “…”出现在哪几个地方
SAID_BEFORE = re.compile(rf"((?:{QUOTED}[、或和]?)+)(?:{THESE_WORDS}|[，,]?(?:都|又|还|连着)?出现)")
ALTERNATIVES = re.compile(r"或者|或是|[或、和/]")
ASKING = re.compile(r"哪|什么|啥|谁")  # 讲到哪些地方去了 asks where, it says no words
# a parenthesis after the words: its quoted forms are the words too when they are forms of them (“红色热土”（“一片
# 红色的热土”之类）), not fragments (“不是…标语”（或者“不只是”…）) nor what does not count (“五位一体”不算)
ASIDE = re.compile(r"[（(][^（）()]*[）)]")
NOT_COUNTED = re.compile(r"^[^，,、）)]{0,4}(?:不算|除外|不包括)")
WHOLE = 10 ** 9  # the whole keyword ranking: every passage saying the words
MENTION_CONFIDENCE = 0.95  # the report says the words: listed whatever a reader would make of the clause


def mentioned(question: str) -> tuple[str, ...]:
    """The words a place list asks after (each form it allows), or () when it asks something else.

    >>> mentioned("报告里提到“三等功”的有哪些地方？"), mentioned("“让最可爱的人成为最幸福的人”这句话，出现在哪几个地方的报告里？")
    (('三等功',), ('让最可爱的人成为最幸福的人',))
    >>> mentioned("报告里提到抗日或者抗战的是哪几个地方？"), mentioned("报告里提到《中国双拥》这本杂志的是哪几个地方？")
    (('抗日', '抗战'), ('中国双拥',))
    >>> mentioned("报告里明说当兵的参与了本地“文明城市”创建的，有哪些地方？"), mentioned("哪些地方建了双拥公园？")
    ((), ())
    >>> mentioned("报告里讲到军休所（军队干部休养所）的是哪几个地方？"), mentioned("报告里提到的有哪些地方？")
    (('军休所', '军队干部休养所'), ())
    >>> mentioned("哪些地方提到帮退役军人（或在优抚安置上）把拖了多年的问题处理掉了？")  # what was done, not words
    ()
    >>> mentioned("哪些地方搞“老兵宣讲”，都讲到哪些地方去了？")  # where they went
    ()
    >>> mentioned("报告里用“坚如磐石”来形容军政军民团结的，是哪几个地方？")
    ('坚如磐石',)
    >>> mentioned("把军民情谊说成“双向奔赴”的（“双向的奔赴”也算）是哪几个地方？")
    ('双向奔赴', '双向的奔赴')
    """
    if not PLACES_ASKED.search(question):
        return ()
    plain = question  # 提到军休所（军队干部休养所）的: the aside is the words
    said = SAID_AFTER.search(plain) or SAID_BEFORE.search(plain) or SAID_USED.search(plain)
    if said is None:
        plain = ASIDE.sub("", question)  # “…”这句话（常跟…一起说）出现在: what points at the words, asides left out
        said = SAID_AFTER.search(plain) or SAID_BEFORE.search(plain) or SAID_USED.search(plain)
        if said is None:
            return ()
    run = next(g for g in said.groups() if g)
    words = re.findall(QUOTED, run) or [w for w in ALTERNATIVES.split(re.sub(r"[（()）]", "、", run)) if len(w) >= 2]
    words = [w.strip() for w in words if w.strip() and not ASKING.search(w)]
    words += _forms_aside(question, words) if words else []
    return tuple(dict.fromkeys(words))


def _forms_aside(question: str, words: list[str]) -> list[str]:
    """The quoted forms of the words in the question's asides (“一片红色的热土” of 红色热土), not the ones that do not
    count (“五位一体”不算) nor fragments of them (“不只是” of 不是挂在墙上的标语)."""
    forms = []
    for aside in ASIDE.finditer(question):
        for quoted in re.finditer(QUOTED, aside.group()):
            form = quoted.group(1)
            if NOT_COUNTED.match(aside.group()[quoted.end():]) or not any(_alike(form, w) for w in words):
                continue
            forms.append(form)
    return forms


def _alike(form: str, word: str) -> bool:
    """Whether a form is the word written otherwise: the word's characters in order within it, or most of both
    shared.

    >>> _alike("一片红色的热土", "红色热土"), _alike("部队打胜仗，人民是靠山", "军队打胜仗，人民是靠山"), _alike("不只是", "不是挂在墙上的标语")
    (True, True, False)
    """
    from difflib import SequenceMatcher

    chars = iter(form)
    return all(c in chars for c in word) or SequenceMatcher(None, form, word).ratio() >= 0.6


def mention_parts(assistant, question: str, kind, words: tuple[str, ...], *, reports: Iterable[int] | None = None,
                  places: Iterable[str] | None = None) -> tuple[list[Part], dict]:
    """One part per place whose reports (within the filters) say one of the words, its answer the clause saying
    it; no part when none does. Returns the parts and what was read ({"places_named": n, "places_read": n}: every
    place saying the words is listed, none left unread)."""
    retriever = assistant.retriever
    if not hasattr(retriever, "naming"):
        return [], {}
    scope = {"reports": list(reports or []) or None, "places": list(places or []) or None}
    said: dict[str, tuple] = {}
    for word in words:
        for hits in retriever.naming(word, WHOLE, unquoted=True, **scope).values():
            if hits and hits[0].passage.places:
                said.setdefault(stem(hits[0].passage.places[0]), (hits[0], word))
    parts = []
    for place, (hit, word) in said.items():
        sub = for_place(question, kind, place)
        parts.append(Part(place, sub, acted(Response(sub, (), (hit,)), hit, word, NAMING_SUFFICES,
                                            confidence=MENTION_CONFIDENCE)))
    for place, (answer, word) in _in_headings(assistant, words, set(said), scope).items():  # 标题里的也算
        sub = for_place(question, kind, place)
        parts.append(Part(place, sub, Response(sub, (answer,), (Hit(answer.passage, 1.0, 1, {}),))))
    return parts, {"places_named": len(parts), "places_read": len(parts)}


def _in_headings(assistant, words: tuple[str, ...], skip: set[str], scope: dict) -> dict:
    """The places whose reports say one of the words in a heading only (`qa.list_headings`), within the filters."""
    store = getattr(assistant.retriever, "index", None)
    if store is None or not hasattr(assistant, "reports"):
        return {}
    where = make_filter(store.reports, scope["reports"], scope["places"]) if any(scope.values()) else None
    return heading_answers(assistant.reports().values(), store.passages, words, MENTION_CONFIDENCE, skip=skip,
                           scope=set(where.reports) if where else None)
