"""Follow-ups read against the last question's own words: a bare thing put in the place of its kin (先进个人 after
…先进单位: the same award, its other kind, the count asked of the new kind), a bare act asked of the last question's
lead (一共发了多少钱？ after 许昌的救助活动给多少名…发了慰问金？), and a bare count counting what the last question
counted (换成来宾，建了几个？); a ranking's other end or a list's other bound (那最少的呢？, 那超过10万块的呢？)."""
from __future__ import annotations

import re

from embeddings.places import posseg
from qa.conversation_across import ASKS
from qa.kinds import MOST, WHICH_PLACE
from qa.list_bounds import asked_bound
from qa.reading.answer_types import MEASURES


def swap_kin(core: str, last: str) -> str | None:
    """The last question with the thing that opens as the follow-up's does replaced by it (先进个人 after …先进单位: the
    same award, its other kind): the follow-up's first two characters or more open a run of the last question's
    nouns (jieba's), which it replaces; None when none does.

    >>> swap_kin("先进个人", "六盘水有几家单位评上了全省学校国防教育先进单位？")
    '六盘水有多少人评上了全省学校国防教育先进个人？'
    >>> swap_kin("先进个人", "六盘水组织了多少名军嫂参加技能培训？") is None
    True
    """
    lead = next((core[:n] for n in range(min(len(core) - 1, 6), 1, -1) if core[:n] in last), None)
    if lead is None:
        return None
    at, start = last.rindex(lead), 0
    for word, flag in posseg().cut(last):
        end = start + len(word)
        if start == at:  # the word the run opens: a noun holding the lead, or an adjective the lead is (先进 + 单位)
            noun = end >= at + len(lead) and flag.startswith(("n", "vn", "j")) and flag != "ns"
            adjective = end == at + len(lead) and flag.startswith(("a", "b"))
            tail = end + _nouns_ahead(last[end:])
            if not (noun or (adjective and tail > end)):
                return None
            swapped = last[:at] + core + last[tail:]
            # what was counted was the replaced thing's kind (几家单位 … 先进单位): the count asks of the new kind
            kind = next((w for w, _ in posseg().cut(last[at:tail]) if last[at:tail].endswith(w)), "")
            count = re.compile(rf"(?:多少|几)[{MEASURES}]?{re.escape(kind)}") if kind and not core.endswith(kind) else None
            return count.sub("多少人" if core.endswith(("人", "者", "员")) else "多少", swapped, 1) if count else swapped
        start = end
    return None


def _nouns_ahead(text: str) -> int:
    """How many characters of nouns (jieba's, no place) the text opens with: _nouns_ahead("单位？") -> 2."""
    taken = 0
    for word, flag in posseg().cut(text):
        if not flag.startswith(("n", "j")) or flag == "ns":
            break
        taken += len(word)
    return taken


# a follow-up that is only an act and its ask (一共发了多少钱？, 投入了多少钱？, 又建了几个？): no subject of its own
BARE_ACT = re.compile(r"^(?:一共|总共|总计|累计|共|又|还|另外)?[\u4e00-\u9fff]{1,3}?[了过](?:有)?(?:多少|几)[^，,。？?]{0,4}[？?]?$")
LEAD_VERB = ("v", "p", "ul", "uz", "ug")  # the verb (了/过 with it) or preposition the last ask followed


def carried_lead(question: str, last: str) -> str | None:
    """A follow-up with no subject of its own (一共发了多少钱？, 投入了多少钱？) asked after the last question's lead: what
    the last question said before the verb or preposition its ask followed; None for any other follow-up.

    >>> carried_lead("投入了多少钱？", "濮阳市财政为武警支队训练基地划拨了多少亩土地？")
    '濮阳市财政为武警支队训练基地投入了多少钱？'
    >>> carried_lead("一共发了多少钱？", "许昌的专项救助活动给多少名困难现役军人发了慰问金？")
    '许昌的专项救助活动一共发了多少钱？'
    >>> carried_lead("花了多少钱？", "西固驻军出钱帮村里修沟渠，帮的是哪个村？")
    '西固驻军出钱帮村里修沟渠，花了多少钱？'
    >>> carried_lead("芜湖呢？", "濮阳划拨了多少亩土地？"), carried_lead("当选党代表的有多少人？", "濮阳划拨了多少亩土地？")
    (None, None)
    """
    asked = ASKS.search(last)
    if not BARE_ACT.match(question) or asked is None:
        return None
    start = asked.start()
    for word, flag in reversed(list(posseg().cut(last[:asked.start()]))):
        if flag not in LEAD_VERB:  # 活动 (vn) is a noun here
            break
        start -= len(word)
    lead = last[:start].rstrip("，, ")
    before, comma, clause = lead.rpartition("，")
    if comma and clause.endswith("的") and len(clause) <= 4 and len(before) >= 2:  # …修沟渠，帮的是哪个村？
        return f"{before}，{question}"  # the clause the ask's 的 points back to, without it: …修沟渠，花了多少钱？
    return lead + question if start < asked.start() and len(lead) >= 2 else None


# 建了几个？ / 安置了多少？: a count right after the act, with no thing before or after it (…企业有多少家？ names its own)
COUNT_AT_END = re.compile(rf"(?<=[了过])(?:多少|几)[{MEASURES}]?(?=[？?]?$)")
COUNTED_IN = re.compile(rf"(?:多少|几)[{MEASURES}]?([^，,。；;？?]{{2,16}})[？?]?$")  # …有多少个退役军人服务站？


def with_counted(question: str, last: str) -> str:
    """A follow-up counting with no thing after its count (换成来宾，建了几个？) counts what the last question counted
    (its words after 多少/几 and the measure word, at its end); else as it was.

    >>> with_counted("来宾建了几个？", "通化那边现在总共有多少个退役军人服务中心和服务站？")
    '来宾建了几个退役军人服务中心和服务站？'
    >>> with_counted("来宾建了几个服务站？", "通化有多少个服务中心？"), with_counted("来宾的企业有多少家？", "通化有多少个服务中心？")
    ('来宾建了几个服务站？', '来宾的企业有多少家？')
    """
    count, counted = COUNT_AT_END.search(question), COUNTED_IN.search(last or "")
    if count is None or counted is None:
        return question
    return question[:count.end()] + counted.group(1) + question[count.end():]


# a follow-up of a word and 呢 alone (那最少的呢？, 超过10万块的呢？)
WORD_AND_NE = re.compile(r"^(?:那么|那)?(?P<core>[^，,。？?]{1,14}?)的?呢[？?]?$")


def ranked_again(question: str, last: str) -> str | None:
    """A follow-up changing only a ranking's direction or a list's bound, asked as the last question with that word
    swapped; None for any other follow-up.

    >>> ranked_again("那最少的呢？", "哪个城市悬挂的光荣牌最多？")
    '哪个城市悬挂的光荣牌最少？'
    >>> ranked_again("那超过10万块的呢？", "悬挂光荣牌超过4万块的有哪些地方？")
    '悬挂光荣牌超过10万块的有哪些地方？'
    >>> ranked_again("那芜湖呢？", "哪个城市悬挂的光荣牌最多？") is None
    True
    """
    said = WORD_AND_NE.match(question.strip())
    if said is None:
        return None
    core = said.group("core")
    old_most = MOST.search(last)
    if MOST.fullmatch(core) and old_most and WHICH_PLACE.search(last):
        return last[:old_most.start()] + core + last[old_most.end():]
    new, old = asked_bound(core), asked_bound(last)
    if new is None or old is None or new.bound.phrase != core:
        return None
    return last.replace(old.bound.phrase, core, 1)
