"""Answer candidates in Chinese report sentences: numbers with units, dates, names, titles, quotes.

Every candidate is a character span of its sentence plus the interrogative that asks for it,
so a question is the sentence with the span replaced and the rest rephrased (see `questions`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.places import posseg
from qa.reading.answer_types import is_person

CN_NUM = "一二两三四五六七八九十百千万亿数几"
COUNT_UNITS = ("人次 个 项 次 处 家 所 名 人 位 户 批 支 场 期 届 条 座 套 件 台 辆 张 份 篇 部 类 种 对 床 栋 间 "
               "本 块 只 座 队 组 所 期 轮 趟 封 幅 首 门 枚 面 棵 株 箱 袋 桶 道 周").split()
MEASURE_UNITS = "平方米 平米 公里 千米 公顷 亩 米 吨 公斤 千克 斤 小时 天 年 个月 元 万元 亿元 万 亿".split()
MONEY_UNITS = ("元", "万元", "亿元")
_UNIT_ALT = "|".join(sorted(set(COUNT_UNITS + MEASURE_UNITS), key=len, reverse=True))
NUMBER_RE = re.compile(rf"(?<![\d.])(\d+(?:\.\d+)?|[{CN_NUM}]{{1,5}})(万|亿)?(余|多)?({_UNIT_ALT})(?:余|多)?")
PERCENT_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%|百分之[一二三四五六七八九十百点]+")
DATE_RE = re.compile(r"(?<!\d)(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日)")
TROOP_RE = re.compile(r"(?:[\u4e00-\u9fa5]{0,3}?)\d{4,6}部队")
TITLE_RE = re.compile(r"《([^《》]{2,30})》")
QUOTE_RE = re.compile(r"“([^“”]{2,20})”")
ORG_SUFFIXES = ("委员会", "办公室", "事务局", "军分区", "武装部", "人武部", "支队", "大队", "中队", "医院", "学校",
                "中心", "协会", "基金会", "公司", "银行", "集团", "小学", "中学", "大学", "学院", "边防连", "连队",
                "事务所", "服务站", "工作站", "联合会", "商会", "法院", "检察院", "公安局")


@dataclass(frozen=True)
class Candidate:
    """An answer span `sentence[start:end]` and how to ask for it.

    `kind` is one of count, number, money, percent, date, year, troop, title, quote, person, org, place;
    `ask` is the interrogative that replaces the span in the question (e.g. "多少亩").
    """

    start: int
    end: int
    kind: str
    ask: str


def number_ask(match: re.Match) -> tuple[str, str]:
    """Kind and interrogative for a number with its unit: "527亩" -> ("number", "多少亩")."""
    value, _, _, unit = match.groups()
    unit = unit or ""
    if unit in MONEY_UNITS or unit in ("万", "亿"):
        return "money", "多少" + (unit if unit != "元" else "钱")
    if unit in COUNT_UNITS:
        small = value.isdigit() and int(value) < 10 or value in "一二两三四五六七八九"
        return "count", ("几" if small else "多少") + unit
    return "number", "多少" + unit


def _regex_candidates(sentence: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in DATE_RE.finditer(sentence):
        text = m.group()
        ask = "哪一年" if text.endswith("年") else ("几月几日" if text[0] != "2" and "日" in text else "什么时候")
        found.append(Candidate(m.start(), m.end(), "year" if text.endswith("年") else "date", ask))
    for m in TROOP_RE.finditer(sentence):
        found.append(Candidate(m.start(), m.end(), "troop", "哪支部队"))
    for m in PERCENT_RE.finditer(sentence):
        found.append(Candidate(m.start(), m.end(), "percent", "多少"))
    for m in NUMBER_RE.finditer(sentence):
        value = m.group(1)
        if not value[0].isdigit() and (len(value) < 2 and m.group(4) in ("个", "种", "类", "年", "天", "万", "亿")):
            continue  # "一个机制", "一年来": an article or phrase, not a count worth asking
        kind, ask = number_ask(m)
        found.append(Candidate(m.start(), m.end(), kind, ask))
    for regex, kind, ask in ((TITLE_RE, "title", "什么"), (QUOTE_RE, "quote", "什么")):
        for m in regex.finditer(sentence):
            found.append(Candidate(m.start(1), m.end(1), kind, ask))
    return found


def _tag_candidates(sentence: str) -> list[Candidate]:
    """People, organisations and places from jieba.posseg tags (nr, nt / org suffixes, ns)."""
    words = [(w.word, w.flag) for w in posseg().cut(sentence)]
    found, pos = [], 0
    starts = []
    for word, _ in words:
        starts.append(pos)
        pos += len(word)
    for i, (word, flag) in enumerate(words):
        if flag == "nr" and 2 <= len(word) <= 3:
            if is_person(word, words[i - 1][0] if i else "", words[i + 1][0] if i + 1 < len(words) else ""):
                found.append(Candidate(starts[i], starts[i] + len(word), "person", "谁"))
        elif flag == "nt" or (flag.startswith("n") and len(word) >= 2 and word.endswith(ORG_SUFFIXES)):
            j = i
            while j > 0 and words[j - 1][1] in ("ns", "n", "nz", "nt", "j") and starts[i] + len(word) - starts[j - 1] <= 14:
                j -= 1
            if starts[i] + len(word) - starts[j] >= 3:
                found.append(Candidate(starts[j], starts[i] + len(word), "org", "哪个单位"))
        elif flag == "ns" and len(word) >= 2:
            found.append(Candidate(starts[i], starts[i] + len(word), "place", "哪里"))
    return found


def find_candidates(sentence: str) -> list[Candidate]:
    """Non-overlapping answer candidates of a sentence, regex ones winning over tag ones.

    Example: "2022年为驻地部队划拨土地527亩" -> 2022年 (year, 哪一年), 527亩 (number, 多少亩).
    """
    kept: list[Candidate] = []
    taken = [False] * len(sentence)
    for cand in _regex_candidates(sentence) + _tag_candidates(sentence):
        if cand.end > cand.start and not any(taken[cand.start:cand.end]):
            kept.append(cand)
            for i in range(cand.start, cand.end):
                taken[i] = True
    return sorted(kept, key=lambda c: c.start)
