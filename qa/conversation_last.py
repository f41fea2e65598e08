"""Follow-ups read against the last question's own words: a bare thing put in the place of its kin (先进个人 after
…先进单位, the count asked of the new kind), a bare act asked of the last question's lead (一共发了多少钱？), a bare count
counting what the last question counted (换成来宾，建了几个？); a ranking's other end or a list's other bound (那最少的呢？,
那超过10万块的呢？); a place said first, then a question of its own (延安呢？那边…是谁？)."""
from __future__ import annotations

import re

from embeddings.places import posseg
from qa.conversation_across import ASKS, PLACE_REFERENCE, last_ask
from qa.conversation_clause import asked_clause
from qa.kinds import MOST, WHICH_PLACE, detect, named_in_order
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


def swap_parallel(core: str, last: str) -> str | None:
    """The last question with the run of words shaped as the follow-up's bare thing replaced by it: as many two-character
    words, tagged alike by jieba (抚恤 优待, verbs, for 就业 安置), the first such run; None when there is none.

    >>> swap_parallel("抚恤优待", "双鸭山说他们就业安置讲究有个什么“度”？")
    '双鸭山说他们抚恤优待讲究有个什么“度”？'
    >>> swap_parallel("抚恤优待", "双鸭山有多少名退役军人？") is None
    True
    """
    words = list(posseg().cut(core))
    if not 2 <= len(words) <= 3 or any(len(w) != 2 or not f.startswith(("v", "n")) or f in ("ns", "nr") for w, f in words):
        return None
    shape, spans, at = [f[0] for _, f in words], [], 0
    for word, flag in posseg().cut(last):
        spans.append((at, word, flag))
        at += len(word)
    for i in range(len(spans) - len(words) + 1):
        run = spans[i:i + len(words)]
        if all(len(w) == 2 and f[0] == s and f not in ("ns", "nr") for (_, w, f), s in zip(run, shape)):
            start = run[0][0]
            return last[:start] + core + last[start + 2 * len(words):]
    return None


def noun_flag(flag: str) -> bool:
    """Whether jieba's flag tags a noun, not a place's or a person's name."""
    return (flag.startswith(("n", "l")) or flag == "vn") and flag not in ("ns", "nr")


def _nouns_ahead(text: str) -> int:
    """How many characters of nouns (jieba's, no place) the text opens with: _nouns_ahead("单位？") -> 2."""
    taken = 0
    for word, flag in posseg().cut(text):
        if not flag.startswith(("n", "j")) or flag == "ns":
            break
        taken += len(word)
    return taken


# a follow-up that is only an act and its ask (一共发了多少钱？, 又建了几个？, 涉及多少人？: two characters without 了)
BARE_ACT = re.compile(r"^(?:一共|总共|总计|累计|共|又|还|另外)?(?:[\u4e00-\u9fff]{1,3}?[了过]|(?!有|是|能|要|会|一共|总共|总计|累计|共|又|还)"
                      r"[\u4e00-\u9fff]{2})(?:有)?(?:多少|几)[^，,。？?]{0,4}[？?]?$")
LEAD_VERB = ("v", "p", "ul", "uz", "ug")  # the verb (了/过 with it) or preposition the last ask followed


def carried_lead(question: str, last: str) -> str | None:
    """A follow-up with no subject of its own (一共发了多少钱？, 投入了多少钱？) asked after the last question's lead: what
    the last question said before the verb or preposition its ask followed; one opening with its ask (什么时候建的？)
    asked of what the last question said (`of_last_thing`); None for any other follow-up.

    >>> carried_lead("投入了多少钱？", "濮阳市财政为武警支队训练基地划拨了多少亩土地？")
    '濮阳市财政为武警支队训练基地投入了多少钱？'
    >>> carried_lead("一共发了多少钱？", "许昌的专项救助活动给多少名困难现役军人发了慰问金？")
    '许昌的专项救助活动给困难现役军人发了慰问金，一共发了多少钱？'
    >>> carried_lead("花了多少钱？", "西固驻军出钱帮村里修沟渠，帮的是哪个村？")
    '西固驻军出钱帮村里修沟渠，花了多少钱？'
    >>> carried_lead("给了多少人？", "张掖给现役军人买房发的安居工程补助，一共多少钱？")
    '张掖给现役军人买房发的安居工程补助，给了多少人？'
    >>> carried_lead("芜湖呢？", "濮阳划拨了多少亩土地？"), carried_lead("当选党代表的有多少人？", "濮阳划拨了多少亩土地？")
    (None, None)
    >>> carried_lead("什么时候建的？", "开封的双拥公园叫什么名字？")
    '开封的双拥公园，什么时候建的？'
    """
    asked = ASKS.search(last)
    if not BARE_ACT.match(question) or asked is None:
        return of_last_thing(question, last)  # 什么时候建的？: of what the last question said
    counted = COUNT_INSIDE.search(last)
    if counted:  # …给多少名困难现役军人发了慰问金？ -> …给困难现役军人发了慰问金，一共发了多少钱？: the act in full
        return f"{last[:counted.start()]}{last[counted.end():]}".rstrip("？?。 ") + "，" + question
    start = asked.start()
    for word, flag in reversed(list(posseg().cut(last[:asked.start()]))):
        if flag not in LEAD_VERB:  # 活动 (vn) is a noun here
            break
        start -= len(word)
    lead = last[:start].rstrip("，, ")
    before, comma, clause = lead.rpartition("，")
    if comma and (clause.endswith("的") and len(clause) <= 4 or TOTAL_ONLY.fullmatch(clause)) and len(before) >= 2:
        return f"{before}，{question}"  # …修沟渠，帮的是哪个村？ / …安居工程补助，一共多少钱？: the thing before the ask
    return lead + question if start < asked.start() and len(lead) >= 2 else None


TOTAL_ONLY = re.compile(r"(?:一共|总共|总计|合计|累计|共)?")  # an ask's clause with nothing of its own (，一共多少钱？)
# a count asked inside a question that goes on to its act (给多少名困难现役军人发了慰问金？)
COUNT_INSIDE = re.compile(rf"(?:多少|几)[{MEASURES}](?=[^，,。？?]{{2,}}[了过][^，,。？?]+[？?]?$)")
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


# a list of the places within the one talked about (…重点放在了哪些区县？): asked of it, not across places
SUB_PLACES = re.compile(r"(?:哪些|哪几个|哪几)(?:区县|县区|县市|市县|乡镇|县|区|镇|乡|街道|社区|村)")


def asks_across(question: str, known: set[str]) -> bool:
    """Whether a question asks across places (a list, comparison or total), not within one (哪些区县).

    >>> asks_across("哪些城市建了双拥公园？", {"广安市"}), asks_across("重点放在了哪些区县？", {"广安市"})
    (True, False)
    """
    return detect(question, known).kind != "single" and not SUB_PLACES.search(question)


# a place said on its own first (延安呢？ / 那安阳呢， / 换保定问一下，), then a question of its own after it
PLACE_FIRST = re.compile(r"^(?:那么|那|换成|换到|换作|改成|换)?(?P<place>[^，,。？?！!]{2,12}?)(?:(?:那边|那里|这边)(?:呢)?"
                         r"|(?:的情况|的话)?(?:呢|问一下|问问|来说|看看|说说|说一下|讲讲|聊聊|谈谈))[？?，,。！!]\s*(?P<rest>.+)$")
# a switch said with a comma alone (换成乌海，它下面的…)
BESIDE = re.compile(r"和|跟(?!着)|与|(?<![共一不])同(?![时志])|比")  # 它和芜湖比 names two: not 地方跟着保障
SWITCH_FIRST = re.compile(r"^(?:那么|那)?(?:换成|换到|换作|改成|改问|换|(?:再)?(?:说回|回到|转回|回过头来?说)(?:到)?)"
                          r"(?P<place>[^，,。？?！!]{2,12}?)[，,]\s*(?P<rest>.+)$")
# the place talked about, said in the question after it: 那边被评为… / 当地的… / 该市… / 它的…
HERE = re.compile(rf"^(?:那么|那)?(?:{PLACE_REFERENCE}|当地|本地|它们?|他们)")


def place_said_first(question: str, known: set[str]) -> str | None:
    """A question of its own after a place said on its own first, asked of that place; None when it is not one.

    >>> known = {"延安市", "安阳市", "保定市"}
    >>> place_said_first("延安呢？那边被评为全国退役军人工作模范的个人是谁？", known)
    '延安被评为全国退役军人工作模范的个人是谁？'
    >>> place_said_first("安阳呢，哪个县打造了双拥示范街？", known), place_said_first("那呢，几个？", known)
    ('安阳哪个县打造了双拥示范街？', None)
    >>> place_said_first("换保定问一下，那次种树是在哪块地方种的？", known)
    '保定那次种树是在哪块地方种的？'
    >>> place_said_first("西区呢？它的领导小组第一副组长是谁？", {"西区"}), place_said_first("钦州那边，副组长还有谁？", {"钦州市"})
    ('西区的领导小组第一副组长是谁？', '钦州副组长还有谁？')
    >>> place_said_first("换成乌海，它下面的海南区跟哪里的连队结了对子？", {"乌海市"})
    '乌海下面的海南区跟哪里的连队结了对子？'
    >>> place_said_first("再说回张掖，他们跟“张掖舰”落实了几项机制？", {"张掖市"})
    '张掖跟“张掖舰”落实了几项机制？'
    >>> place_said_first("换成濮阳的驻军呢？他们一直坚持的是啥？", {"濮阳市"}), place_said_first("换到钦州，驻那儿的部队投了多少？", {"钦州市"})
    ('濮阳的驻军一直坚持的是啥？', '驻钦州的部队投了多少？')
    """
    said = PLACE_FIRST.match(question) or SWITCH_FIRST.match(question)
    named = named_in_order(said["place"], known) if said else []
    own = named and re.fullmatch(rf"{re.escape(named[0])}[市县区州省]?的[\u4e00-\u9fff]{{2,6}}", said["place"]) \
        and not ASKS.search(said["place"])  # 换成濮阳的驻军呢？他们…: the place's own thing is what 他们 means
    if len(named) != 1 or (said["place"] not in (named[0], *(named[0] + s for s in "市县区州省")) and not own) \
            or not ASKS.search(said["rest"]) or set(named_in_order(said["rest"], known)) - {named[0]}:
        return None
    inner = None if own or HERE.match(said["rest"]) else re.search(PLACE_REFERENCE, said["rest"])  # 驻那儿的: that place
    if inner:
        return said["rest"][:inner.start()] + named[0] + said["rest"][inner.end():]
    return (said["place"] if own else named[0]) + HERE.sub("", said["rest"], count=1)


# the last question's ask, cut off to leave what it said (its place and thing): at its end, or its count
LAST_ASK_END = re.compile(r"(?:是|叫|在|于)?(?:什么名字|什么时候|哪一年|哪年|哪一天|哪天|哪儿|哪里|什么|谁|哪[个座家所位支])"
                          r"(?:名字)?(?:的|呢)?[？?]?$")
LAST_COUNT = re.compile(rf"(?:一共|总共|共)?(?:有)?(?:多少|几)[{MEASURES}]?")
# a follow-up with no subject of its own: it opens with its ask, or a verb or preposition leading to it
OPENS_ASKING = re.compile(r"^(?:具体|当时|那时|那|另外|又|还)?(?:什么时候|何时|哪一年|哪年|哪天|哪儿|哪里|谁|在哪|是哪|是什么"
                          r"|是谁|有多少|有几|由谁|从哪|里面|其中)|^(?:平均)?每[人户月年个][\u4e00-\u9fff]{0,3}?(?:多少|几)")


def of_last_thing(question: str, last: str) -> str | None:
    """A short follow-up with no subject (什么时候建的？ / 在哪儿办的？ / 有多少人？) asked of what the last question
    said, its ask cut off; None for any other follow-up.

    >>> of_last_thing("什么时候建的？", "开封的双拥公园叫什么名字？")
    '开封的双拥公园，什么时候建的？'
    >>> of_last_thing("在哪儿办的？", "许昌举办了几场退役军人专场招聘会？")
    '许昌举办了退役军人专场招聘会，在哪儿办的？'
    >>> of_last_thing("有多少人？", "钦州组建的女子民兵连叫什么？"), of_last_thing("兵支书有多少人？", "钦州组建的民兵连叫什么？")
    ('钦州组建的女子民兵连，有多少人？', None)
    >>> of_last_thing("每人发多少？", "许昌给多少名困难军人发了慰问金？")
    '许昌给困难军人发了慰问金，每人发多少？'
    """
    plain = question.strip()
    if len(plain) > 12 or not OPENS_ASKING.match(plain) or not ASKS.search(plain):
        return None
    said = LAST_ASK_END.sub("", last.strip()) if LAST_ASK_END.search(last) else LAST_COUNT.sub("", last.strip(), count=1)
    said = re.sub(r"[？?，,的是]+$", "", said)
    return f"{said}，{plain}" if len(said) >= 4 and said != last.strip() and not ASKS.search(said) else None


UNIT_HEAD = re.compile(r"(?:部队|支队|大队|中队|分队|军分区|人武部|武警[\u4e00-\u9fff]{0,4}|[连营团旅师舰])$")
BARE_BODY = re.compile(r"^(?:那么|那|还有)?(?P<body>[^，。？?！!]{4,20}?)(?:这边|那边)?的?呢$")


def swap_body(question: str, last: str, topic: str | None) -> str | None:
    """A bare follow-up (…呢, no ask) that nothing else read: a military unit in the place of the last question's unit
    (那武警北海支队呢？ after 北海91192部队对口帮扶的是哪个村？), else the thing asked as the last question asked (its verb
    and count, `last_ask`; of the place talked about); None when neither fits. `question` comes without punctuation.

    >>> swap_body("那武警北海支队呢", "北海91192部队对口帮扶的是哪个村？", "北海")
    '北海武警北海支队对口帮扶的是哪个村？'
    >>> swap_body("给26个伤病残和特困人员的慰问金呢", "乌海给61名困难企业军转干部发的困难补助是多少钱？", "乌海")
    '乌海给26个伤病残和特困人员的慰问金是多少钱？'
    >>> swap_body("那芜湖呢", "张掖投了多少钱？", "张掖") is None  # a place alone is read elsewhere
    True
    """
    found = BARE_BODY.match(question)
    body = found["body"] if found else ""
    if not body or ASKS.search(body) or (topic and body.strip("市县区") == topic):
        return None
    if UNIT_HEAD.search(body):
        at, spans = 0, []
        for word, flag in posseg().cut(last):
            spans.append((at, at + len(word), word, flag))
            at += len(word)
        last_unit = max((i for i, (_, _, w, _) in enumerate(spans) if UNIT_HEAD.search(w)), default=None)
        if last_unit is not None:
            first = last_unit
            while first > 0 and spans[first - 1][3].startswith(("m", "eng", "n", "j")) and spans[first - 1][3] != "ns":
                first -= 1
            return last[:spans[first][0]] + body + last[spans[last_unit][1]:]
    ask = last_ask(last)
    tail = f"{ask}？" if ask and len(body) >= 6 else asked_clause(last, topic)  # …，都安置到了哪类岗位上？
    return f"{'' if not topic or topic in body else topic}{body}{tail}" if tail else None
