"""A question in everyday speech put in the words reports write, for the reader only.

The reader was trained on questions that reuse their passage's words; asked in everyday speech it finds the right
span but too unsure to show it (乌海…一年的看病补贴发了多少钱？: 155万余元 at a margin far below the cut; asked
…医疗补贴…, 0.92). `formal` replaces everyday words by the words reports use for them before the reader reads the
question; retrieval keeps the question as asked (`qa.everyday` adds report words to its keyword query)
and the user sees their own question.

The table is general Chinese (everyday speech against report style), not written for one collection; each entry is
one unambiguous everyday word or phrase and the one report word for it.
"""
from __future__ import annotations

import re

from embeddings.places import GENERIC, posseg, stem
from embeddings.types import Passage

# Each entry kept by a measurement with and without it (docs/results.md, "Fifteenth session"): the reader was sure of
# the right span only in the report's words. Entries for words reports write otherwise (退伍兵 → 退役士兵, 当兵的 → 军人,
# 啥 → 什么, 花了多少钱 → 投入了多少资金 …) changed no dev answer, and 退伍 → 退役 cost two held-out ones (通化…退伍军人的
# 移交安置率 100% fell below the cut; 保定…一共有多少退伍军人？, unanswerable, got a confident 2.6万名): left out.
FORMAL: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"看病(?=补|费|钱|的钱)"), "医疗"),  # 一年的看病补贴: 155万余元 (医疗补助), not found before
    (re.compile(r"(?:几月)?几号(?![线楼院车])|几月几日"), "哪一天"),  # …协议，是几号签的？ 6月21日, not found before
    (re.compile(r"头一个"), "首个"),  # 全区头一个什么？ 海上双拥宣传移动课堂, not 强军号
    (re.compile(r"哪几(?:头|块|方面)"), "哪些方面"),  # 从哪几头使劲 / 涉及哪几块: which aspects, no count (十四五)
    # a place's "over there" (广安那边总共建了多少个…: 1847个 at a margin 23 below 广安总共建了…); not 在那边, 他们那边
    (re.compile(r"(?<=[\u4e00-\u9fff])(?<![在去到从往来回向驻住于们他她它])(?:那边|这边)(?=[，,]?[\u4e00-\u9fff])"), ""),
)


def formal(question: str) -> str:
    """The question with its everyday words replaced by the words reports write for them.

    >>> formal("乌海给自主择业的军转干部一年发多少看病补贴？")
    '乌海给自主择业的军转干部一年发多少医疗补贴？'
    >>> formal("盘州跟健康促进中心签体检协议，是几号签的？"), formal("坐几号线？")
    ('盘州跟健康促进中心签体检协议，是哪一天签的？', '坐几号线？')
    >>> formal("北海说它是全区头一个什么？"), formal("芜湖的退伍兵搞了几回招聘会？")
    ('北海说它是全区首个什么？', '芜湖的退伍兵搞了几回招聘会？')
    >>> formal("广安那边总共建了多少个服务站？"), formal("开封那边，双拥工作在什么会上点评？"), formal("驻在那边的部队有几支？")
    ('广安总共建了多少个服务站？', '开封，双拥工作在什么会上点评？', '驻在那边的部队有几支？')
    """
    for pattern, words in FORMAL:
        question = pattern.sub(words, question)
    return question


def for_passage(question: str, passage: Passage, context: str) -> str:
    """The question as the reader reads it against one passage: a place named before the passage's own place (攀枝花
    of 攀枝花西区, 兰州 of 兰州西固) dropped when the passage and its header (`context`) never name it. The reader takes
    a place the question names and its passage does not for a sign of another place's passage: 攀枝花西区发放了多少
    慰问金（品）？ read 170余万元 at a margin of -16, 西区发放了… at +18.

    >>> p = Passage("r17-p1", 17, "发放慰问金（品）170余万元。", 0, 14, places=("西区",))
    >>> for_passage("攀枝花西区发放了多少慰问金？", p, "西区综述：" + p.text), for_passage("攀枝花西区发放了多少慰问金？", p, "攀枝花")
    ('西区发放了多少慰问金？', '攀枝花西区发放了多少慰问金？')
    >>> for_passage("去西区发放了多少慰问金？", p, p.text), for_passage("攀枝花市西区发了多少？", p, p.text)  # 去 is no place
    ('去西区发放了多少慰问金？', '西区发了多少？')
    """
    for place in passage.places:
        core = stem(place)
        at = question.find(core)
        if at <= 0:
            continue
        words = [(w, f) for w, f in posseg().cut(question[:at])]
        suffix = words.pop()[0] if words and words[-1][0] in ("市", "省") else ""  # 攀枝花 + 市 + 西区
        if words and words[-1][1] in NAME_TAGS and 2 <= len(words[-1][0]) <= 4 and words[-1][0] not in context:
            question = question[:at - len(words[-1][0]) - len(suffix)] + question[at:]
            break
    return _unsaid_places_off(question, passage, context)


def _unsaid_places_off(question: str, passage: Passage, context: str) -> str:
    """The question without the provinces and regions (`AREA`) neither the passage nor its header says, other than the
    passage's own: 珲春在吉林头一个给军人免门票的… read against 在全省范围率先推出4A级景区免门票政策 gave 4A级 at -9.7, without
    在吉林 at +11.3. A 在 before such a place goes with it.

    >>> p = Passage("r1-p1", 1, "在全省范围率先推出4A级景区免门票政策", 0, 18, places=("珲春市",))
    >>> _unsaid_places_off("珲春在吉林头一个给军人免门票的是哪级景区？", p, "珲春市综述：" + p.text)
    '珲春头一个给军人免门票的是哪级景区？'
    >>> _unsaid_places_off("珲春出远海打鱼的船有多少艘？", p, p.text)  # 远海 (ns to jieba) is no area
    '珲春出远海打鱼的船有多少艘？'
    """
    if not AREA.search(question):  # most questions name no province: read as they are, no cut per passage
        return question
    own = [stem(p) for p in passage.places]
    kept: list[str] = []
    for word, flag in posseg().cut(question):
        unsaid = flag == "ns" and AREA.fullmatch(word) is not None and word not in GENERIC and word not in context \
            and not any(o in word or word in o for o in own)
        if unsaid and kept and kept[-1] == "在":
            kept.pop()
        if not unsaid:
            kept.append(word)
    return "".join(kept)


# a province or region only: a city or county the question names is what it asks about (张掖 read against another
# report's passage must stay), and not every word jieba tags a place is one (远海 of 出远海打鱼, 长城, 高原)
AREA = re.compile(r"(?:北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西"
                  r"|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门)(?:省|市|自治区)?")
NAME_TAGS = ("ns", "i")  # how jieba tags a place before a place (兰州 ns, 攀枝花 i: an idiom to it); not 武警 (j)
