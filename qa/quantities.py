"""Numbers in answers, normalised to compare and add them: 万/亿 multiplied out, areas in 亩, years as years.

Only like units compare or add: areas (亩, 平方米, 公顷, 平方公里) convert to 亩 and money (元) keeps its
multiplier; a measure word (个, 家, 名, 处) is kept as given, so 12个 and 3家 never add up. 多 / 余 / 超过
mark a lower bound and 约 / 近 / 左右 an estimate: a total over such a value says so (2834多亩, 约500名).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

AREA = {"亩": 1.0, "平方米": 3 / 2000, "平米": 3 / 2000, "公顷": 15.0, "平方公里": 1500.0}  # in 亩 (平米: 平方米)
SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
UNIT = r"(平方公里|平方米|平米|公顷|[\u4e00-\u9fff%％])?"  # a measure word is one character: 个, 家, 亩, 元
BIG = r"(千万|百万|十万|千亿|百亿|万亿|万|亿|千(?=[万亿元人名个亩多余]|$))"  # after Arabic digits: 5千万元, 3千元
NUMBER = [re.compile(rf"(约|近|大约|将近|超过|逾|超)?({digits})(多|余)?{big}?(多|余)?{UNIT}(左右|以上|多)?")
          for digits, big in ((r"\d+(?:\.\d+)?", BIG), (r"[零〇一二两三四五六七八九十百千]+", "(万|亿)"))]
PEOPLE = {"名", "人", "位"}  # counts of people: 名 and 人 count the same thing
# measure words of sites and bodies, which reports also count with 个 (50处 / 18个 爱国主义教育基地); not 支 (teams:
# 918支 服务队 against 2024个 服务站 is two things), 项, 条, 张…
COUNTED_THINGS = set("个处所家座间栋")
# measure words of items, documents and matters, which reports write for the same thing in turn (31个 / 14件 实际问题,
# 50多份 / 20余项 文件和政策, 20多个 / 12项 培训项目): any two of them rank (docs/results.md, "Ninth session")
# (块 and 幅 were tried with them: dev comparisons +1 -2, a 幅 of slogans ranked against a 块 of plaques; "Tenth session")
# 篇 of articles with 条 of news items (双拥宣传专栏的报道 / 双拥信息; docs/results.md, "Twenty-fifth session")
ITEMS = set("个件项份条篇")
EVENTS = set("次场")  # occasions, which reports count in 次 or 场 (场次 reads as 场): 180余次 and 40多场 活动 rank
# wider families, for a bound or a ranking over places (qa.list_bounds, qa.list_most), where what a figure counts is
# checked by the thing's name beside it: any measure word of things (光荣牌 4.8万余块 and 12万余张), of times (拿过8回 and
# 八连冠, 8次), and, for a bound, of people or households too (喜报 1874名 for 一千份以上)
TIMES = set("次回届场起")  # 起: incidents (抢险救援70余起)
THINGS = set("个件项份条块张幅面座处所家间栋套台辆部本册篇首枚片")
COUNTS = THINGS | set("名人位户") | {"人次"}


@dataclass(frozen=True)
class Quantity:
    """A number with its unit: `value` in the base unit (亩 for areas, 元 for money, the unit as given else),
    `scale` the multiplier it was written with (1e4 for 万), `inexact` "多" (a lower bound), "约" or ""."""

    value: float
    unit: str
    scale: float = 1.0
    inexact: str = ""

    def like(self, other: "Quantity") -> bool:
        """Whether the two measure the same thing (areas with areas, 名 with 人, 个 only with 个)."""
        return family(self.unit) == family(other.unit)

    def comparable(self, other: "Quantity") -> bool:
        """Whether the two can be ranked: like units, two counts of things one of which uses the general
        measure word 个 for sites or bodies (50处 and 18个 爱国主义教育基地; never 支, people, events, money or
        areas with 个), or two counts of items (ITEMS: 31个 and 14件 实际问题) or of occasions (EVENTS)."""
        if self.like(other):
            return True
        units = {self.unit, other.unit}
        return (units <= COUNTED_THINGS and "个" in units) or units <= ITEMS or units <= EVENTS


def ranks_with(a: "Quantity", b: "Quantity") -> bool:
    """Whether a comparison may rank the two: comparable, or people counted once against people counted per time
    (2900余名 官兵 against 600余人次: ranked, never added; `total` keeps them apart).

    >>> ranks_with(parse("2900余名"), parse("600余人次")), ranks_with(parse("2900余名"), parse("600余次"))
    (True, False)
    """
    return a.comparable(b) or {family(a.unit), family(b.unit)} <= {"人", "人次"}


def counts_alike(a: "Quantity", b: "Quantity", *, people: bool = False) -> bool:
    """Two counts a bound or a ranking over places puts side by side: both of times, or both of things (with
    `people`, of things, people or households): counts_alike(parse("4.8万余块"), parse("12万余张")) -> True."""
    units = {a.unit, b.unit}
    return units <= TIMES or units <= (COUNTS if people else THINGS)


def family(unit: str) -> str:
    """The unit a measure word counts in alike: 名, 人, 位 as 人; 株 as 棵 (trees)."""
    return "人" if unit in PEOPLE else SAME.get(unit, unit)


SAME = {"株": "棵"}  # two measure words of the same thing: 2000余棵 and 2万余株 of trees rank and add


def chinese_number(text: str) -> float | None:
    """A Chinese numeral as a number: "三十二" -> 32, "两千" -> 2000, "一百零五" -> 105; None when it is none."""
    if not text or any(c not in DIGITS and c not in CN_UNITS for c in text):
        return None
    total, digit = 0, 0
    for c in text:
        if c in DIGITS:
            digit = DIGITS[c]
        else:
            total += (digit or 1) * CN_UNITS[c]
            digit = 0
    return float(total + digit)


def parse(text: str) -> Quantity | None:
    """The quantity an answer states, or None when it states none.

    parse("2000多亩") -> Quantity(2000, "亩", 1, "多"); parse("1.6亿元") -> Quantity(1.6e8, "元", 1e8)
    parse("1.2万平方米") -> Quantity(18.0, "亩", 1e4); parse("近500名") -> Quantity(500, "名", 1, "约")
    parse("5千万元") -> Quantity(5e7, "元", 1e7); parse("2.5万人次") -> Quantity(25000.0, "人次", 1e4)
    """
    match = NUMBER[0].search(text)
    if match is None and (rounded := round_figure(text)) is not None:
        return rounded
    match = match or NUMBER[1].search(text)
    if match is None:
        return None
    before, digits, more1, big, more2, unit, after = match.groups()
    number = float(digits) if digits[0].isdigit() else chinese_number(digits)
    if number is None:
        return None
    scale = 1.0
    for c in big or "":  # 千万 -> 1e7
        scale *= SCALE.get(c, 10.0 if c == "十" else 1.0)
    inexact = "多" if (more1 or more2 or after in ("以上", "多") or before in ("超过", "逾", "超")) else ""
    inexact = "约" if before in ("约", "近", "大约", "将近") or after == "左右" else inexact
    unit = unit or ""
    if unit in PEOPLE and text[match.end(6):match.end(6) + 1] == "次":
        unit += "次"  # 2.5万人次: visits, never added to a count of people (3559人); a comparison ranks them (ranks_with)
    if unit == "连" and "连冠" in text:
        unit = "次"  # 四连冠: won four times running, a count of 次 (a 全国双拥模范城 title is won once a term)
    if unit in AREA:  # written in 亩 with the multiplier it had: 1.6万亩; converted ones in plain 亩
        return Quantity(number * scale * AREA[unit], "亩", scale if unit == "亩" else 1.0, inexact)
    return Quantity(number * scale, unit, scale, inexact)


# a round figure without a digit: 近万件 (about ten thousand), 上千人 / 逾万名 / 过万 (more than a thousand / ten thousand)
ROUND = re.compile(rf"(近|将近|约|上|逾|超过|过)(千|万|百)(余|多)?{UNIT}")


def round_figure(text: str) -> Quantity | None:
    """The quantity a round figure without a digit states, or None: 近 is an estimate, 上 / 逾 a lower bound.

    >>> round_figure("近万件"), round_figure("上千人")
    (Quantity(value=10000.0, unit='件', scale=10000.0, inexact='约'), Quantity(value=1000.0, unit='人', scale=1000.0, inexact='多'))
    >>> round_figure("万人空巷") is None
    True
    """
    match = ROUND.search(text)
    if match is None:
        return None
    before, big, _, unit = match.groups()
    return Quantity(SCALE[big], unit or "", SCALE[big], "约" if before in ("近", "将近", "约") else "多")


def year(text: str) -> int | None:
    """The year an answer names: "2019年5月" -> 2019; "1998" -> 1998; None when it names none."""
    found = when(text)
    return found[0] if found else None


def when(text: str) -> tuple[int, ...] | None:
    """The date an answer names, as precise as it says: "2023年8月1日" -> (2023, 8, 1); "2019年5月" -> (2019, 5);
    "1998" -> (1998,); None when it names no year."""
    match = re.search(r"(1[89]\d\d|20\d\d)(?:年(\d{1,2})月(?:(\d{1,2})[日号])?)?", text)
    return tuple(int(g) for g in match.groups() if g) if match else None


def total(quantities: Sequence[Quantity]) -> Quantity:
    """The sum of like quantities; inexact when any is (约 wins over 多); written with the smallest multiplier.

    total([parse("2000多亩"), parse("527亩")]) -> Quantity(2527, "亩", 1, "多")
    """
    if not quantities:
        raise ValueError("total of no quantities")
    first = quantities[0]
    unlike = [q.unit for q in quantities if not q.like(first)]
    if unlike:
        raise ValueError(f"cannot add {first.unit or 'a bare number'} to {unlike[0] or 'a bare number'}")
    marks = {q.inexact for q in quantities}
    inexact = "约" if "约" in marks else "多" if "多" in marks else ""
    return Quantity(sum(q.value for q in quantities), first.unit, min(q.scale for q in quantities), inexact)


def gap(a: Quantity, b: Quantity) -> Quantity:
    """How far apart two comparable quantities are, inexact when either is (约 wins over 多), in the first's unit.

    >>> written(gap(parse("1018个"), parse("887个"))), written(gap(parse("2000多亩"), parse("527亩")))
    ('131个', '约1473亩')
    """
    if not a.comparable(b):
        raise ValueError(f"cannot compare {a.unit or 'a bare number'} with {b.unit or 'a bare number'}")
    inexact = "约" if a.inexact or b.inexact else ""  # 2000多 less 527: about 1473, not more than it
    return Quantity(abs(a.value - b.value), a.unit, min(a.scale, b.scale), inexact)


def written(quantity: Quantity) -> str:
    """A quantity as Chinese text: Quantity(2527, "亩", 1, "多") -> "2527多亩"; (3.56288e8, "元", 1e4) ->
    "35628.8万元"; (500, "名", 1, "约") -> "约500名"; (5e7, "元", 1e7) -> "5000万元"."""
    big = "亿" if quantity.scale >= 1e8 else "万" if quantity.scale >= 1e4 else ""  # 千万 written in 万
    number = quantity.value / {"亿": 1e8, "万": 1e4, "": 1.0}[big]
    digits = f"{number:.2f}".rstrip("0").rstrip(".")
    if quantity.inexact == "约":
        return f"约{digits}{big}{quantity.unit}"
    return f"{digits}{quantity.inexact if not big else ''}{big}{quantity.inexact if big else ''}{quantity.unit}"
