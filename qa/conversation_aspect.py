"""A follow-up that names only an area of work (军事用地这块呢？): what the place talked about did there; or only another
subject of the last question's how or who (那各个部门呢？ after …分管领导是怎么个抓法？): the same ask of it; or a thing the
last question's first clause introduced (有个…战士…，), pointed at with the same measure word (这个兵叫什么名字？).

After 部队来演训的时候，漳州帮着解决哪些问题？ a person asks 军事用地这块呢？: a new area, asked as openly as before. Reports
write such areas as 在军事用地方面，全力支持…; the follow-up is asked as 漳州在军事用地方面做了什么？.
`qa.conversation` tries it after the bare thing found no word of the last question to replace.
"""
from __future__ import annotations

import itertools
import re
from typing import Iterable

from embeddings.places import posseg
from qa.kinds import named_in_order

AREA_SAID = re.compile(r"(?:这|那)一?(?:块|方面)|方面|领域")  # 这块 / 这方面 / 住房方面 name an area of work
COUNT_ASKED = re.compile(r"多少|几")


def area_asked(core: str, question: str, last: str, known: Iterable[str]) -> str | None:
    """The follow-up asked as what the last question's place did in the area it names, when it names one with 这块 /
    方面 and the last question asked no count (投了多少钱？ then 培训这块呢？ asks the money again); else None.

    >>> area_asked("军事用地", "军事用地这块呢？", "部队来演训的时候，漳州帮着解决哪些问题？", ["漳州"])
    '漳州在军事用地方面做了什么？'
    >>> area_asked("军事用地", "军事用地呢？", "漳州帮着解决哪些问题？", ["漳州"]) is None  # no area said
    True
    """
    if not AREA_SAID.search(question) or COUNT_ASKED.search(last):
        return None
    places = named_in_order(last, set(known))
    return f"{places[0] if places else ''}在{core}方面做了什么？"


# what a question asks of its subject right after it: 分管领导是怎么个抓法, 军供站如何保障, 该局由谁负责
# the how / who / what-part ask after a subject (分管领导是怎么抓, 武装部和双拥办主要管什么)
PREDICATE = re.compile(r"是?(?:主要|具体|一般|都)?(?:怎么|怎样|如何|由谁|是谁|靠什么|有什么|(?:管|干|做|抓|负责)(?:的是)?(?:什么|啥))")
OFFICE_END = ("办", "委", "部", "局", "厅", "处", "站", "会", "府")  # 双拥办, which jieba takes for a person's name
JOINS = ("和", "与", "及", "、")  # 武装部和双拥办: one subject of two offices
GROUP_LEAD = re.compile(r"^(?:各个|各级|各|有关|相关)")  # 各个部门: a group, still a subject


def swap_subject(core: str, last: str) -> str | None:
    """The last question with the subject of its how / who ask (the nouns right before 是怎么 / 如何 / 由谁 …) replaced
    by the follow-up's bare thing (那各个部门呢？ after …分管领导是怎么个抓法？), when both are nouns; else None.

    >>> swap_subject("各个部门", "十堰抓双拥有一套分工的格局，里面分管领导是怎么个抓法？")
    '十堰抓双拥有一套分工的格局，里面各个部门是怎么个抓法？'
    >>> swap_subject("各个部门", "十堰建了多少个服务站？") is None  # no how or who asked of a subject
    True
    >>> swap_subject("区政府", "在西固那套分工里，武装部和双拥办主要管什么？")
    '在西固那套分工里，区政府主要管什么？'

    """
    thing = [w for w in posseg().cut(GROUP_LEAD.sub("", core))]
    asked = PREDICATE.search(last)
    if not asked or not thing or not all(w.flag.startswith("n") and w.flag not in ("nr", "ns") for w in thing):
        return None
    words = list(posseg().cut(last[:asked.start()]))
    subject = list(itertools.takewhile(_subject_word, reversed(words)))[:4]
    while subject and subject[-1].word in JOINS:
        subject.pop()
    if not subject or not subject[0].flag.startswith("n") or (len(subject) > 2 and not any(w.word in JOINS for w in subject)):
        return None
    begin = asked.start() - sum(len(w.word) for w in subject)
    return last[:begin] + core + last[asked.start():]


def _subject_word(word) -> bool:
    """A word of a subject: a noun or verb of two characters or more (no place or person, but an office jieba takes
    for a person: 双拥办), or a 和 joining two."""
    office = word.flag == "nr" and word.word.endswith(OFFICE_END)
    return word.word in JOINS or (len(word.word) >= 2 and (word.flag.startswith("n") or word.flag == "v")
                                  and (word.flag not in ("nr", "ns") or office))


# a counted term: 三项机制, 五项制度, 两个预案, 四大工程
NUMBERED = re.compile(r"([一二两三四五六七八九十]|[1-9][0-9]?)(项|个|条|种|类|大|支|件|张)")


def swap_numbered(core: str, last: str) -> str | None:
    """The last question with its counted term (三项机制) replaced by the follow-up's bare one (那五项制度呢？), when
    both are a count, its measure and a noun; else None.

    >>> swap_numbered("五项制度", "西固区配套的三项机制都是啥？")
    '西固区配套的五项制度都是啥？'
    >>> swap_numbered("五项制度", "西固区建了多少个服务站？") is None  # no counted term to replace
    True
    """
    own = NUMBERED.match(core)
    if not own or len(core) - own.end() < 2 or not all(w.flag.startswith("n") for w in posseg().cut(core[own.end():])):
        return None
    for found in NUMBERED.finditer(last):
        nouns = list(itertools.takewhile(lambda w: w.flag.startswith("n") and w.flag not in ("nr", "ns"),
                                         posseg().cut(last[found.end():])))
        if nouns:
            return last[:found.start()] + core + last[found.end() + sum(len(w.word) for w in nouns):]
    return None


# the last question's first clause introducing a thing with a measure word (濮阳有个在西藏守了十年哨所的战士…，), and a
# follow-up pointing at a thing with the same measure word and a short noun before its ask (这个兵叫什么名字？)
INTRODUCED = re.compile(r"^[^，,。？?]*?有一?(?P<measure>[个位名所家支座对])[^，,。？?]{4,}(?=[，,])")
POINTED = re.compile(r"^(?:那么|那)?[这那](?P<measure>[个位名所家支座对])[\u4e00-\u9fff]{1,3}?"
                     r"(?=叫|是|有|在|一共|共|哪|什么|多少|几|从|为|还|又|都)")


def introduced(question: str, last: str) -> str:
    """The follow-up asked after the last question's first clause when that clause introduces a thing (有个…) and the
    follow-up points at it with the same measure word (这个兵); else the follow-up as it was.

    >>> introduced("这个兵叫什么名字？", "濮阳有个在西藏守了十年哨所的战士回老家结婚，局长给包了多大的红包？")
    '濮阳有个在西藏守了十年哨所的战士回老家结婚，这个兵叫什么名字？'
    >>> introduced("这所学校有多少人？", "濮阳有个战士回老家结婚，局长给包了多大的红包？")  # another measure word: another thing
    '这所学校有多少人？'
    """
    lead, pointed = INTRODUCED.match(last), POINTED.match(question)
    if not lead or not pointed or lead["measure"] != pointed["measure"]:
        return question
    return re.sub(r"(?:那|这)(?:边|里|儿)(?=有)", "", lead.group()) + "，" + question  # 钦州那边有个…: 钦州有个…
