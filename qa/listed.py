"""What a place list asks about, read from its question: the thing listed (哪些城市建设了双拥林？ -> 双拥林), its
alternatives, and the verb it is done with; a passage names the thing or it does not.
"""
from __future__ import annotations

import itertools
import re

from embeddings.places import posseg
from qa.kinds import PLACE_KIND as LONG_PLACE_KIND
from qa.kinds import one_ask
from qa.list_alternatives import PEOPLE_ENDS, run_before, shared_head, with_alternative_before
from qa.naming import naming  # noqa: F401 - re-exported: its public name before qa.naming


def listed_thing(question: str) -> str:
    """What a place list asks about: the question's end after its last 了/过, else its closing nouns (two
    characters or more), else what follows its first verb (quotes dropped); a place is listed only when its
    passage names it (`names`, a qualifier inside allowed). Only the question's clause that asks (the one with
    哪) is read, without a closing "这样的…" or "之类": "…，不用花钱" and "这样的组织" are no thing to name.

    listed_thing("哪些城市为驻地部队划拨了土地？") -> "土地"; listed_thing("哪几个地方建有军供站？") -> "军供站";
    listed_thing("有哪几个地方建立了“兵妈妈”服务站？") -> "兵妈妈服务站"; listed_thing("哪些城市让军人免费乘坐公交？") -> "公交"
    A quoted name is listed whole with what follows it: "…组织领导干部参加“军事日”活动？" -> "军事日活动", and
    a verb split by 过 is joined: "…去无偿献过血？" -> "献血".
    """
    body = BRACKETED.sub("", question).rstrip("？?。 ")  # 民兵（含民兵预备役…）训练基地 -> 民兵训练基地; a note after ？ goes
    clauses = [c for c in re.split(r"[，,；;：:]", body) if c]
    asking = next((c for c in clauses if "哪" in c), body)
    # a quoted name in another clause is what is listed (部队搞“军营开放日”，让学生进营区看看的城市都有哪些？)
    quoting = [c for c in clauses if QUOTE.search(c)]
    first = quoting[:1] if quoting and not QUOTE.search(asking) else []
    # the clause that asks, else (哪几个城市有这种照顾？ names nothing) the first other clause that names a thing; a
    # clause only saying where it is said (报告里提到的有哪些地方) or naming only who (连消防员也享受优待的: 军人) names none
    for clause in first + [asking] + [c for c in clauses if c != asking]:
        thing = _thing_in(MENTIONED.sub("", clause))
        if thing and thing not in GENERIC_THINGS:
            return thing
    return ""


MENTIONED = re.compile(r"(?:在?(?:报告|文中|材料)(?:里面?|中|当中)(?:提到|提及|说到|讲到|写到)?|(?:在?(?:报告|文中|材料))?"
                       r"(?:提到|提及|说到|讲到|写到))(?:了|过)?的?(?=$|(?:都|还)?(?:有|是)?哪)")  # …，报告里有哪些地方？
# who a list is about, never what it lists (a passage naming 军人 says nothing of what the place did)
GENERIC_THINGS = frozenset("军人 退役军人 部队 驻军 官兵 军属 军人军属 优抚对象 老兵 地方 城市 工作 活动 双拥 群众".split())


# a list asked at the end (建了“双拥林”的都有哪些地方？, 建有军供站的有哪些市？), a bracketed aside, and a thing used
# as the means of the act (拿公租房来解决…住处, 用关爱基金来帮扶…)
PLACE_KIND = rf"(?:{LONG_PLACE_KIND}|市|县|区)"
LIST_AT_END = re.compile(rf"的?(?:{PLACE_KIND}(?:(?:或者|或|和|及|、){PLACE_KIND})*)?(?:都|还|又)?(?:有|是)?"
                         rf"(?:哪些|哪几个|哪几|哪个|谁){PLACE_KIND}?$")
QUOTE = re.compile(r"[“\"「]")  # a quoted name opens
QUOTED_NAME = re.compile(r"[“《「]([^“”《》「」]{2,12})[”》」]")
# a clause saying what does not count (…省里的条例不算。), said after the question or as its last clause
NOT_COUNTING = r"(?:不算|除外|不计在内|不包括在内)"  # …条例不算, …除外: what a list does not count
NOT_COUNTED = re.compile(rf"(?<=[？?。，,；;])[^，,。；;？?（）()]{{2,30}}{NOT_COUNTING}[。.！!]?")
BRACKETED = re.compile(r"（[^（）]*）|\([^()]*\)")
EFFORT = re.compile(r"在(.{2,12}?)(?:上|方面)下(?:足|大)?功夫")
# 跟高铁或高铁站扯上关系的 / 和机场有关的 / 同征兵相关的: the thing is what it relates to
RELATED = re.compile(r"(?:跟|和|与|同)([^，。？跟和与同]{2,24}?)(?:(?:扯上|沾上|挂上|有)(?:关系|关联|联系)|有关|相关)")
MEANS = re.compile(r"(?:拿|用|利用|通过|依托)([^，。？的]{2,16}?)(?:来|做|搞|开展|进行)")


def _thing_in(body: str) -> str:
    """`listed_thing` of one clause."""
    at_end = not re.search("哪", LIST_AT_END.sub("", body))  # 建有军供站的有哪些市: the thing is before the list
    body = LIST_AT_END.sub("", body) if at_end else body
    body = re.split(r"这样的|这类|之类|这种|一类|等等", body)[0]
    body = purpose_dropped(re.sub(r"的$", "", body))  # 组建宣讲团去宣讲的，有哪些地方: the thing is 宣讲团
    effort = EFFORT.search(body)  # 在烈士英名录上下功夫: the thing is 烈士英名录
    if effort:
        return OWN.sub("", effort.group(1))
    means = MEANS.search(body)
    if means:
        return OWN.sub("", means.group(1))
    related = RELATED.search(body)  # 跟修机场、改造机场扯上关系: what it relates to, by its nouns (机场)
    if related:
        return "、".join(dict.fromkeys(_closing_nouns(list(posseg().cut(side))) or side
                                       for side in OR_WORDS.split(related.group(1)) if side))
    quoted = QUOTE.search(body)
    body = body.replace("“", "").replace("”", "").replace('"', "").replace("「", "").replace("」", "")
    cut = max(body.rfind("了"), body.rfind("过"))
    if quoted:  # a quoted name is what is listed, with what follows it: 参加“军事日”活动 -> 军事日活动
        thing = body[quoted.start():]
    elif cut >= 0 and cut == len(body) - 1:  # 义务兵家庭优待金的标准提高了: the thing is what changed
        thing = _changed(body[:cut])
    elif cut >= 0:
        thing = body[cut + 1:]
        if len(thing) == 1:  # a verb split by 过: 献过血 -> 献血
            thing = body[cut - 1] + thing
        thing = _past_short_act(thing)  # 立了功的军人家里送牌匾: 了 was 立功's, the thing is 送's
    else:
        words = list(posseg().cut(body))
        thing = _closing_nouns(words) or _partner(words) or _after_first_verb(words, listed=at_end)
        thing = with_alternative_before(words, re.sub(r"^(?:或者|或是|或)", "", thing))
        thing = run_before(words, thing)
        if not thing and at_end and len(body) <= 6:  # 军车免费的有哪些地方: the short description is the thing
            thing = body
    thing = OWN.sub("", thing)  # 出台了本地的…办法: a report names the thing without saying whose
    return thing if len(thing) >= 2 else ""




def purpose_dropped(body: str) -> str:
    """The clause without a closing purpose (去/来 and a verb) after a thing: "组建宣讲团去宣讲" -> "组建宣讲团";
    after people it is what they are sent to do, and stays: "安排军休老干部去疗养" as it was."""
    found = re.search(r"(?<=[\u4e00-\u9fff])(?:去|来)([\u4e00-\u9fff]{1,4})$", body)
    if not found or body[:found.start()].endswith(PEOPLE_ENDS) or len(body[:found.start()]) < 3:
        return body
    return body[:found.start()]


def _partner(words: list) -> str:
    """The partner of an act the clause ends with (jieba's tagged words): 跟边防连队或边防部队结对共建 ->
    "边防连队或边防部队" (跟/与/同 and the nouns up to the closing verbs); "" when the clause does not end so."""
    if not words or not words[-1].flag.startswith("v"):
        return ""
    starts = [i for i, w in enumerate(words) if w.word in ("跟", "与", "同") and w.flag.startswith(("p", "c"))]
    if not starts:
        return ""
    end = len(words)
    while end > starts[-1] + 1 and words[end - 1].flag.startswith("v"):
        end -= 1
    inner = words[starts[-1] + 1:end]
    nominal = inner and all(w.flag.startswith(("n", "j", "c", "l")) or w.word == "、" for w in inner)
    return "".join(w.word for w in inner) if nominal else ""


OWN = re.compile(r"^(?:(?:本地|本市|本县|本区|当地|自己|自家|各自|全市|全区|全县|全省|专门|专项|市里|县里|区里|省里)的?)+")


# alternatives ("创业孵化基地或者创业园"), and words saying only what kind of thing it is (军地联席会议制度)
OR_WORDS = re.compile(r"或者|或是|或|以及|、")
KIND_WORDS = re.compile(r"的?(?:制度|机制|活动|工作|组织|设施|项目|建设|做法|这样的\S*)$")


def listed_things(question: str) -> tuple[str, ...]:
    """The alternatives a place's passage may name for the place to be listed, most specific first: the listed
    thing (`listed_thing`) split at 或/或者/以及/、, each also without a closing word of kind (制度, 设施…)
    or a 的 inside. Empty when no thing can be read from the question.

    >>> listed_things("哪些地方办了退役军人创业孵化基地或者创业园？"), listed_things("有哪些地方搞了军地联席会议制度？")
    (('退役军人创业孵化基地', '创业园'), ('军地联席会议制度', '军地联席会议'))
    >>> listed_things("哪些地方的学生写过慰问信或者做过贺卡？")
    ('慰问信', '贺卡')
    """
    question = NOT_COUNTED.sub("", one_ask(question))  # …的地方有几个？是哪些？: one list; …条例不算。: no thing
    sides = re.split(r"或者|或是|或", BRACKETED.sub("", question).rstrip("？?。 "))
    quoted = QUOTED_RUN.search(question)  # 打造了“双拥社区”“双拥村”或者“双拥小区”: each quoted name
    if quoted:
        parts = re.findall(r"“([^“”]{2,12})”", quoted.group())
    elif len(sides) > 1 and all(re.search(r"[了过]", side) for side in sides):  # 写过慰问信或者做过贺卡
        parts = [t for t in map(listed_thing, sides) if t]
    else:
        thing = listed_thing(question)
        parts = shared_head([p for p in OR_WORDS.split(thing) if p]) if thing else []
    forms = [f for part in parts + aside(question) for f in (part, KIND_WORDS.sub("", part), part.replace("的", ""))]
    forms = [f for f in forms if len(f) >= 2]
    for name in QUOTED_NAME.findall(BRACKETED.sub("", question)):  # a name the user quoted: said as quoted
        if any(name in f for f in forms):  # within a thing (“五有”标准): also alone, last (通化's “五有”全覆盖)
            forms.append(name)
        else:  # beside it (提到《退役军人保障法》这部国家法律的): first
            forms.insert(0, name)
    return tuple(dict.fromkeys(forms))


def aside(question: str) -> list[str]:
    """Other forms of the listed thing a bracket of the question gives: examples (比如…, …之类), or another name right
    after the thing (`_renames`), each piece its closing nouns (three characters or more) or whole:
    "…对越自卫反击战（对越自卫还击作战）的…" -> ["对越自卫还击作战"]; "…送牌匾（比如“功臣之家”牌匾）…" -> ["功臣之家牌匾"];
    "…爱民学校（部队援建或冠名的学校）…" (a description), "…（线上）…" (a modifier) -> []."""
    things = []
    for found in BRACKETED.finditer(question):
        group = found.group()[1:-1]
        swapped = _tail_swapped(group, question[:found.start()])
        things += [swapped] if swapped else []
        if not (EXAMPLE.search(group) or _renames(group, question[:found.start()])):
            continue
        for piece in (re.sub(r"[“”\"「」]", "", EXAMPLE.sub("", p)) for p in OR_WORDS.split(group)):
            nouns = _closing_nouns(list(posseg().cut(piece)))
            things += [nouns if len(nouns) >= 3 else piece] if 2 <= len(piece) <= 10 else []
    return things


def _tail_swapped(group: str, before: str) -> str:
    """The thing before a bracket of one word with that word in place of its last word, as long and tagged alike by
    jieba (生活补助（补贴） -> 生活补贴, 成员单位（部门） -> 成员部门), else "".

    >>> _tail_swapped("补贴", "给他们发生活补助"), _tail_swapped("部门", "领导小组里的成员单位"), _tail_swapped("站", "服务中心")
    ('生活补贴', '成员部门', '')
    """
    words = list(posseg().cut(before))
    run = list(itertools.takewhile(lambda w: len(w.word) >= 2 and w.flag[:1] in "nvj" and w.flag != "ns",
                                   reversed(words)))
    nouns = "".join(w.word for w in reversed(run[:3]))  # 生活补助: jieba's 生活 (vn) 补助 (v)
    swap = list(posseg().cut(group))
    if not (nouns and len(swap) == 1 and len(group) == len(words[-1].word) and len(nouns) > len(group)):
        return ""
    return nouns[:-len(group)] + group if swap[0].flag[:1] in "nv" and group != words[-1].word else ""


def _renames(group: str, before: str) -> bool:
    """Whether a bracket right after a word names it otherwise: four characters or more, no 的, 了, 过 or 有 (a
    description), not opening on 含, 包括, 即 or 指 (what the thing covers)."""
    follows_word = bool(before) and "\u4e00" <= before[-1] <= "\u9fff"
    particles = {w for w, _ in posseg().cut(group)} & {"的", "了", "过", "有"}  # 过境、途经 are words, 去过 is not
    return follows_word and len(group) >= 4 and not re.search("^[含即指]|^包", group) and not particles


QUOTED_RUN = re.compile(r"“[^“”]{2,12}”(?:(?:、|和|及|以及|或者|或)?“[^“”]{2,12}”)+")  # alternatives, each quoted
EXAMPLE = re.compile(r"^(?:比如|例如|譬如)|(?:之类|等等|等)$")


def _closing_nouns(words: list) -> str:
    """The nouns a question ends with (jieba's tagged words), with an attributive before them, if two characters
    or more: …乘坐公交 -> "公交", …发放一次性奖励金 -> "一次性奖励金"."""
    tail = ""
    for word, flag in reversed(words):
        attributive = tail and (flag == "b" or (flag == "d" and len(word) >= 3))  # 一次性奖励金: not any 奖励金
        if (not flag.startswith(("n", "j")) or flag == "ns") and not attributive:
            break
        tail = word + tail
    return tail if len(tail) >= 2 else ""


def _changed(text: str) -> str:
    """What a clause ending on its verb says changed, without a closing word of measure: "义务兵家庭优待金的标准提高"
    -> "义务兵家庭优待金"; "" when it names nothing before the verb."""
    words = [(w, f) for w, f in posseg().cut(text)]
    while words and words[-1][1].startswith(("v", "d")):
        words.pop()
    text = "".join(w for w, _ in words)
    text = re.sub(r"的?(?:标准|数量|规模|金额|人数|面积|比例|水平)$", "", text)
    return _closing_nouns(list(posseg().cut(text)))


def _past_short_act(thing: str) -> str:
    """The thing read after a 了 that closed a short act before a 的 (立了功的…): what follows the last verb after
    the 的, when there is one: "功的军人家里送牌匾" -> "牌匾"; "本地的…优待办法" (whose, not an act) as it was."""
    if "的" not in thing:
        return thing
    before, after = thing.split("的", 1)[0], thing.rsplit("的", 1)[1]
    if len(before) > 2 or OWN.fullmatch(before + "的"):
        return thing
    return _after_last_verb(after) or thing


def _after_last_verb(text: str) -> str:
    """What follows the text's last verb (jieba's), "" when it has none or ends on one: "军人家里送牌匾" -> "牌匾"."""
    words = [(w, f) for w, f in posseg().cut(text)]
    last = max((i for i, (_, f) in enumerate(words) if f.startswith("v")), default=None)
    return "".join(w for w, _ in words[last + 1:]) if last is not None else ""


def _after_first_verb(words: list, *, listed: bool = False) -> str:
    """What follows the first verb after the list words (jieba's tagged words; from the start when `listed`, the
    list words being at the end): 哪几个地方建有军供站 -> "军供站"."""
    seen_list = listed
    for i, (word, flag) in enumerate(words):
        listing = word.startswith(("哪", "有哪"))
        seen_list = seen_list or listing
        if seen_list and flag.startswith("v") and not listing:
            return "".join(w for w, _ in words[i + 1:])
    return ""


# characters of a question's verb that say nothing of the action: 建有 is 建, 搞了 nothing
LIGHT_VERB_CHARS = set("有了过是在给为让能去搞办做弄")


def asked_verb(question: str, thing: str) -> str:
    """The characters of the verb the question does its listed thing with (jieba's word before the thing, light
    characters dropped): asked_verb("哪些城市建设了双拥林？", "双拥林") -> "建设"; "…建有军供站？" -> "建"."""
    body = re.sub(r"[“”\"「」]", "", question)
    at = body.find(thing)
    for word, flag in reversed(list(posseg().cut(body[:at])) if at > 0 else []):
        if word in ("了", "过", "的"):
            continue
        if word in MENTION_VERBS:  # 哪几个城市提到了人防工程？: a passage naming it is what is asked
            return NAMING_SUFFICES
        return "".join(c for c in word if c not in LIGHT_VERB_CHARS) if flag.startswith("v") else ""
    return ""


NAMING_SUFFICES = "*"  # the verb of a question asking where a thing is mentioned: naming it is enough
MENTION_VERBS = ("提到", "提及", "涉及", "说到", "讲到", "写到", "谈到")


def own_verb(question: str, thing: str, first: str, verb: str) -> str:
    """The verb an alternative of the listed thing is checked by: the first thing's (`verb`) for the first, a form
    of it (联络员 of 专人当联络员), one in a bracket or one after 、/或/和 with no verb of its own; else its own
    (`asked_verb`), or none (NAMING_SUFFICES: 清理 of 清理卫生死角 is no verb to jieba)."""
    plain = re.sub(r"[“”\"「」]", "", question)
    before = plain[:plain.find(thing)]
    if thing in first or first in thing or before.count("（") > before.count("）"):
        return verb
    return asked_verb(question, thing) or (verb if re.search(r"(?:、|或者|或是|或|以及|和|及)$", before) else NAMING_SUFFICES)
