"""The places of an index's reports, as the reading stage uses them: the places a question names, the
hits about those places read first, and whether an answer's report is about another place.

Nothing here is specific to one collection: places come from the reports of the index.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from embeddings.places import GENERIC, PLACE_SUFFIX, posseg, stem
from embeddings.tables import is_row, row_head
from embeddings.types import Passage, Report
from qa.reading.concepts import candidate_names, hide, said_elsewhere
from qa.types import Hit

# jieba tags words such as 上门, 英雄, 治安 as places (ns). A question's place is either a word with an
# administrative suffix (南京市) or the question's leading word (南京获得过几次…), which is where users put it.
LEADING_TAGS = {"m", "t", "p", "c", "x", "q", "mq", "u", "uj", "f"}


def question_places(question: str) -> list[str]:
    """Place names in a question: words tagged ns that end in 省/市/县/区/… or lead the question.

    question_places("2022年在南京举办的活动上门服务了多少户？") -> ["南京"]
    """
    found, leading = [], True
    for word, flag in posseg().cut(question):
        if flag == "ns" and len(word) >= 2 and word not in GENERIC and (leading or PLACE_SUFFIX.search(word)):
            found.append(word)
        if flag not in LEADING_TAGS:
            leading = False
    return found


def unknown_places(question: str, known: Iterable[str], passage_text: str = "") -> list[str]:
    """Place names in the question that no report of the index names and the passage does not mention.

    unknown_places("南京市获得过几次双拥模范城称号？", {"张掖市", "漳州"}) -> ["南京市"]
    """
    known_stems = {stem(p) for p in known}
    words = [_past_known(question, w, known_stems) for w in question_places(question)]
    return [w for w in words if len(w) >= 2 and stem(w) not in known_stems and stem(w) not in passage_text]


def _past_known(question: str, word: str, known_stems: set[str]) -> str:
    """The place word less the characters it shares with a known place written just before it or at its start, which
    the cut ran together (信阳新县: jieba's 阳新县 is 新县 after 信阳; 桐川方岭县, one word to jieba, is 方岭县 of 桐川);
    else the word.

    >>> _past_known("信阳新县一年能出多少吨毛茶？", "阳新县", {"信阳"}), _past_known("南京有几个区？", "南京", {"信阳"})
    ('新县', '南京')
    >>> _past_known("桐川方岭县有多少人次？", "桐川方岭县", {"桐川"}), _past_known("桐川有多少人次？", "桐川", {"桐川"})
    ('方岭县', '')
    """
    at = question.find(word)
    for known in known_stems:
        k = question.find(known)
        if known and k >= 0 and k <= at < k + len(known) <= at + len(word):
            return word[k + len(known) - at:]
    return word


def local_places(question: str, known: Iterable[str]) -> list[str]:
    """The stems of the places a question names that are no report's own place: a county in a table of a
    city's report ("海宁新改建了多少公里…" over a report on 嘉兴市 -> ["海宁"]).

    local_places("海宁新改建了多少公里农村公路？", {"嘉兴市"}) -> ["海宁"]
    """
    known_stems = {stem(p) for p in known}
    words = [_past_known(question, w, known_stems) for w in question_places(question)]  # 桐川方岭县: 方岭县
    return [stem(w) for w in words if len(w) >= 2 and stem(w) not in known_stems]


def mentioning(places: Sequence[str], hits: Sequence[Hit], question: str = "", known: Iterable[str] = ()) -> list[Hit]:
    """The hits about the places within a report that the question names (`local_places` stems, and the place
    of any table row whose name the question holds: jieba does not always tag 游仙区 a place), or about none:

    - a question naming 海宁 reads only the passages naming it (the table row of 海宁市, not the city's total,
      whose figure would be another place's), when any does;
    - a question naming none reads no table row of a place ("…｜游仙区｜新增学位：4500个" is not 绵阳's
      新增学位), when other passages are left.

    A row of a district named as a report's own place (黄山区 in a report on 黄山市) is asked about only when
    the question says its whole name: 黄山进山的路口… asks of the city.
    """
    of_row = [row_place(h.passage.text) for h in hits]
    own = {stem(p) for p in known}
    rows = {stem(r): r if r in question else stem(r) for r in of_row if r and (stem(r) not in own or r in question)}
    places = list(places) + sorted(said for r, said in rows.items() if r in question and r not in places)
    if places:
        naming = [h for h in hits if any(p in h.passage.text for p in places)]
    else:
        naming = [h for h, r in zip(hits, of_row) if not r]
    return naming or list(hits)


def row_place(text: str) -> str:
    """The place a table row line is about (its name, when that ends in 省/市/县/区/…), else "".

    row_place("完成情况｜海宁市｜新改建里程：90公里") -> "海宁市"; row_place("完成情况｜合计｜…：286公里") -> ""
    """
    if not is_row(text):
        return ""
    name = row_head(text.strip())[1].strip()
    return name if len(name) >= 2 and PLACE_SUFFIX.search(name) and name not in GENERIC else ""


def named_places(question: str, known: Iterable[str]) -> list[str]:
    """The known places (by stem) that the question names: "张掖累计划拨了…" with {"张掖市"} -> ["张掖"]."""
    stems = {stem(p) for p in known if len(stem(p)) >= 2}
    return sorted(s for s in stems if s in question)


def off_place(question: str, known: Iterable[str], report_places: Iterable[str], report_text: str,
              heading: str = "") -> list[str]:
    """The places the question names that the answer's report is not about and never mentions.

    A question about 来宾 answered from a report about 连云港 that never names 来宾 -> ["来宾"]: the answer
    is another city's figure. A province the report mentions (河北 in a report on 邯郸) is not off place.
    """
    return unmentioned(named_places(question, known), report_places, report_text, heading)


def unmentioned(named: Iterable[str], report_places: Iterable[str], report_text: str, heading: str = "") -> list[str]:
    """The place stems of `named` that a report is not about and never mentions (see `off_place`)."""
    own = {stem(p) for p in report_places}
    return [p for p in named if p not in own and p not in report_text and p not in heading]


class ReportPlaces:
    """The reports of an index by number and every place they name; empty when the index does not say."""

    def __init__(self, reports: Iterable[Report] = ()) -> None:
        self.reports: dict[int, Report] = {r.number: r for r in reports}
        self.known: set[str] = {p for r in self.reports.values() for p in r.places}
        self._said: dict[str, bool] = {}  # a place + what follows it -> whether it names no place (`hidden`)
        self._stems: set[str] | None = None

    def named(self, question: str) -> list[str]:
        """The indexed places the question names (by stem; see `named_places`), not counting a place at the start
        of a name about no place (延安 in 纪念延安双拥运动80周年: `hidden`)."""
        return named_places(self.hidden(question), self.known)

    def hidden(self, text: str) -> str:
        """`text` with the place hidden in each name about no place it says (`qa.reading.concepts`; `show` undoes it)."""
        if self._stems is None:
            self._stems = {stem(p) for p in self.known if len(stem(p)) >= 2}
        names = []
        for name, place in candidate_names(text, self._stems):
            if name not in self._said:
                self._said[name] = said_elsewhere(name, place, self.reports.values())
            if self._said[name]:
                names.append(name)
        return hide(text, names)

    def unknown(self, question: str, passage_text: str = "") -> list[str]:
        """`unknown_places`, less a place written just before an indexed one whose reports name it: 兰州 of
        "兰州西固发的优待金" where the report on 西固区 names 兰州 (a user names the city, then its district)."""
        return [w for w in unknown_places(question, self.known, passage_text) if not self._qualifies(question, w)]

    def _qualifies(self, question: str, word: str) -> bool:
        """Whether `word` is written just before an indexed place (by stem) whose report mentions it."""
        rest = question[question.find(word) + len(word):]
        return any(len(stem(p)) >= 2 and rest.startswith(stem(p)) and stem(word) in r.text
                   for r in self.reports.values() for p in r.places)

    def is_off_place(self, named: Sequence[str], passage: Passage) -> bool:
        """True when a place the question names (`named`) is one the passage's report is not about and
        never mentions: an answer from it would be another place's figure."""
        report = self.reports.get(passage.report) if named else None
        if report is None:
            return False
        return bool(unmentioned(named, report.places, report.text, passage.subtitle or passage.title))

    def reading_order(self, named: Sequence[str], hits: Sequence[Hit]) -> list[Hit]:
        """The hits with those about the places the question names first (stable otherwise)."""
        off = [self.is_off_place(named, h.passage) for h in hits]
        return [h for h, o in zip(hits, off) if not o] + [h for h, o in zip(hits, off) if o]
