"""Follow-ups: a question read against the conversation before it, made to stand alone.

`resolve` rewrites, in this order:
- a bare time, level, ranking end or bound (那去年呢？, 省级的呢？, 那最少的呢？) -> the last question with it swapped in;
- a bare place ("那芜湖呢？"; 延安呢？那边…是谁？) -> the last question naming a place (or the one after it), of the new place;
- a bare tier or thing sharing its head (那镇（街道）一级的呢？, 创业孵化基地呢？) -> swapped in the last question; an area of
  work (军事用地这块呢？) -> what the place did there; only places compared (那它和珲春比谁多？) -> on the last question's topic;
- a thing named just before (这个村 after …帮扶的杨家佐村…; 他 after 他叫什么？) -> its name; a reference to the place talked
  about (它、该市、这个县、那里、当地) -> that place's name;
- a question naming no place, after a place was talked about -> scoped to it (投了多少钱？ after 张掖… -> 张掖投了多少钱？;
  the place talked about: the last one the history names, else the one filter place; 请问 / 对了 … said before it dropped).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from embeddings.places import posseg
from qa.conversation_aspect import area_asked, introduced, swap_numbered, swap_subject
from qa.kinds import detect, named_in_order
from qa.conversation_across import (ASKS, CLAUSE_BREAK, ONE_SIDE, OPEN_COMPARE, PLACE_REFERENCE, PUNCT, THIS_FIGURE,
                                     answer_named, as_place, compared_pair, group_named, named_before, new_act, on_topic,
                                     single_body, summed, topic_of)
from qa.conversation_last import (BESIDE, asks_across, carried_lead, noun_flag, place_said_first, ranked_again,
                                  swap_body, swap_kin, swap_parallel, with_counted)
from qa.reading.answer_types import MEASURES
from qa.reading.reader import as_question  # the words a chat says around a question (请问一下…, …谢谢)

REFERENCE = re.compile(rf"{PLACE_REFERENCE}|它们?|他们|她们")
THERE = r"(?:那边|这边|那儿|这儿|那里|这里)?"  # a place said with "over there" (那芜湖那边呢？): still a bare place
THAT = re.compile(r"^(?:(?:对了|还有|另外|再问一?下|顺便问一?下|哦|嗯)[，,、 ]*)?"  # 对了，那位… (请问: `as_question`)
                  r"(?:(?:那么|那)(?![次时年天月个些里边儿样艘家座位条支项所名件批届]))?")  # a leading 那, not 那次
# a new place said to do the same thing as the last one (北海也开了，是几条？, 通化搞这个项目花了多少？)
SAME_THING = re.compile(r"[\u4e00-\u9fff]也[\u4e00-\u9fff]{0,3}[了过有]|这个项目|这种|这项|同样的|一样的")
EITHER_WAY = re.compile(r"(多|高|大|早)还是(?:少|低|小|晚)(?:呢)?[？?]?$")
LOCAL = re.compile(r"当地|本地")  # a reference only where the question names no place (张掖当地 is 张掖)
BARE_LEAD = re.compile(r"^(?:那么|那|换成|改成|如果是|要是|再看看|看看|说说|再说说|也说说|同样问问|也问问|再问问|问问|同样|在)+")
BARE_TAIL = re.compile(r"(?:的情况|的数字|的数据|的数|看看|的呢|呢|怎么样|又如何|如何|又是多少|是多少|的|[那这]一?[项块]|这方面)+$")
TIME = re.compile(r"(?:19|20)\d\d年(?:上半年|下半年|底|初)?|今年|去年|前年|明年|上半年|下半年")
# a bare question for the earlier value of a change (原来是多少？, 没扩之前呢？, 调整前呢？); NOW: what it replaces
EARLIER = re.compile(r"原来|原先|原本|以前|之前|当初|起初|最初|过去|没[\u4e00-\u9fff]{1,3}(?:之前|以前)|"
                     r"[\u4e00-\u9fff]{1,3}(?:之前|以前)|(?:调整|提高|提标|扩建|改造)前")
NOW = re.compile(r"现在|目前|如今|眼下|当前")
LATER = re.compile(r"[\u4e00-\u9fff]{1,3}(?:以后|之后)|后来|现在呢|现在")  # the value after a change (扩完以后呢？)
LEVEL = re.compile(r"国家级|省级|市级|县级|区级|乡镇级|乡级|村级")
TIER = r"(?:社区|街道|乡镇|村|镇|乡)(?:（(?:社区|街道|乡镇|村|镇|乡)）)?"  # tiers below a county: 村（社区）, 镇（街道）, 乡镇
BARE_TIER = re.compile(rf"({TIER})(?:这?一级|级|层面|这一层)?")
# a follow-up that names a thing and asks how many of it: 二等功的有几个？, 国家级的占几期？
ASK_TAIL = re.compile(rf"的?(?:有|是|占|共)?(?:多少|几)[{MEASURES}]?$")
COUNTED = re.compile(rf"(?:多少|几)[{MEASURES}]?")  # what a question counts follows this
SWITCH = re.compile(r"^(?:那么|那)?(?:换成|改成|换到|换作)([^，,。？?]{1,12}?)[，,]")  # 换成芜湖，… -> 芜湖…
# an ask that names nothing of its own after a bare place (换成来宾，建了几个？): the last question's ask
LIGHT_ASK = re.compile(rf"(?:又|也|那|一共|总共)?(?P<verb>[\u4e00-\u9fff]{{1,2}}?[了过]?)(?:有|是)?(?:多少|几)[{MEASURES}]?(?:呢)?")

CONTEXT_TURNS = 6  # earlier turns the chat and the `qa ask` loop read a follow-up against


@dataclass(frozen=True)
class Turn:
    """One earlier turn: the question asked and the answer given ("" when none)."""

    question: str
    answer: str = ""


def resolve(question: str, history: Sequence[Turn], known: Iterable[str], *, places: Iterable[str] = ()) -> str:
    """The question to answer, standing alone.

    resolve("那芜湖呢？", [Turn("张掖累计划拨了多少亩土地？", "2000多亩")], {"张掖市", "芜湖市"})
        -> "芜湖累计划拨了多少亩土地？"
    resolve("该市建了多少个服务站？", [Turn("张掖累计划拨了多少亩土地？")], known) -> "张掖建了多少个服务站？"
    """
    known, places = set(known), list(places)
    standalone: list[Turn] = []  # the history's own follow-ups resolved first: 那芜湖呢 then 那延安呢
    for turn in history:
        standalone.append(Turn(_resolve_one(turn.question, standalone, known, places), turn.answer))
    return _resolve_one(question, standalone, known, places)


def _resolve_one(question: str, history: Sequence[Turn], known: set[str], places: list[str]) -> str:
    """`resolve` against a history whose questions already stand alone (那最少的呢？: the ranking's other end first)."""
    question = place_said_first(question, known) or question
    swapped = (ranked_again(question, history[-1].question) or _swap_word(question, history[-1].question, known)) if history else None
    if swapped:
        return swapped
    counted = _counted(history[-1].question) if history and THESE.search(question) else None
    question = THESE.sub(counted, question, count=1) if counted else question  # 这些东西值多少钱？: what was counted
    asked = [t.question for t in history]
    question = introduced(named_before(question, history[-1].question), history[-1].question) if history else question
    across = (summed(question, asked, known) or compared_pair(question, asked, known)
              or group_named(question, asked, known) or answer_named(question, *_last(history)))
    if across:
        return across
    bare = _bare_place(question, known, history[-1].question if history else "")
    if not bare and history:  # 换成芜湖，建了几个服务站？ asks its own question of the place it switches to
        question = SWITCH.sub(lambda m: m.group(1) if named_in_order(m.group(1), known) else m.group(), question)
    last, topic = _topic(history, known, places)
    if history and not bare:  # 创业孵化基地呢？ / 那博湖县给驻县部队新建训练基地呢？ (a new act asked as the last was)
        swapped = _swap_thing(question, history[-1].question, known) or new_act(question, history[-1].question, topic, known) \
            or (None if REFERENCE.search(question) else swap_body(PUNCT.sub("", question), history[-1].question, topic))
    if swapped:
        return swapped
    if bare:
        if last is None:
            return question
        body = single_body(last, known)  # 那延安呢？ after a comparison: its question, of 延安 alone
        if body:
            return f"{bare}{body}？"
        return last.replace(topic, bare, 1) if topic and topic in last else bare + last
    named = named_in_order(question, known)
    if (topic and last and len(named) == 1 and named[0] != topic and SAME_THING.search(question)
            and ASKS.search(question) and topic in last and not ONE_SIDE.search(question)):
        return last.replace(topic, named[0], 1)  # 我记得北海也开了，是几条来着？ / 通化搞这个项目花了多少？: the last ask
    if topic and len(named) == 1 and named[0] != topic and ONE_SIDE.search(question) and not REFERENCE.search(question):
        both = f"{topic}和{question}" if THIS_FIGURE.match(question) else topic + question
        both = EITHER_WAY.sub(r"，谁更\1？", both)  # 比芜湖高还是低？: which is higher
        if detect(both, known).kind != "compare":  # 和芜湖相比呢？ / 跟芜湖比怎么样？: which has more
            both = OPEN_COMPARE.sub("，谁更多？", both)
        return on_topic(both, last, topic, known)  # the place talked about is the comparison's other side
    if topic and last and len(named) >= 2:  # 许昌和安阳比，谁拿到的次数多？: on the topic talked about, if it says nothing
        compared = on_topic(question, last, topic, known)
        if compared != question:
            return compared
    if topic is None or (named and not REFERENCE.search(question)):
        return with_counted(question, last or "")  # 换成来宾，建了几个？: what the last question counted
    if len(named) == 1 and named[0] != topic and not BESIDE.search(question):
        # 回到六盘水，它那条专线…: the reference is the place it names (它和芜湖比… compares the topic with it)
        return REFERENCE.sub(named[0], question, count=1)
    if REFERENCE.search(question):
        return on_topic(REFERENCE.sub(lambda m: as_place(m, topic), question, count=1), last, topic, known)
    if LOCAL.search(question):
        return LOCAL.sub(topic, question, count=1)
    if not history or not ASKS.search(question) or asks_across(question, known):
        return question  # a list (哪些地方…？) asks across places: never scoped to the one talked about
    plain = THAT.sub("", as_question(question)) or question
    carried = carried_lead(plain, history[-1].question)  # 一共发了多少钱？: asked of the last question's lead
    return carried if carried and topic in carried else topic + plain


def _swap_word(question: str, last: str, known: set[str] = frozenset()) -> str | None:
    """A bare time or level (那去年呢？, 省级的呢？) asked of the last question: its word of the same kind
    replaced, or the word put first where it has none; None when the follow-up is no such word.

    _swap_word("那去年呢？", "张掖今年安置了多少人？") -> "张掖去年安置了多少人？"
    _swap_word("原来是多少？", "通化的补贴现在每月多少？") -> "通化的补贴原来每月多少？"
    _swap_word("涨之前通化是多少？", "连云港的补贴现在每月多少？", known) -> "通化的补贴原来每月多少？"
    """
    core = BARE_TAIL.sub("", BARE_LEAD.sub("", PUNCT.sub("", question)))
    named, before = named_in_order(core, known), named_in_order(last, known)
    if len(named) == 1 and len(before) == 1:  # 涨之前通化是多少？: the word, of that place
        core = re.sub(rf"{named[0]}[市县区州省]?", "", core, count=1)
        core = BARE_TAIL.sub("", re.sub(r"^的", "", core))
        last = last.replace(before[0], named[0], 1)
    for kind in (TIME, LEVEL):
        if core and kind.fullmatch(core):
            return kind.sub(core, last, count=1) if kind.search(last) else core + last
    core = re.sub(r"(?<=.)(?:又|是|有)+多(?:大|长|高|宽|久|远)$", "", core)  # 扩之前是多大？ asks as the last did
    if core and EARLIER.fullmatch(core):  # 原来是多少？ / 没扩之前呢？: the last question's earlier value
        return NOW.sub("原来", last, count=1) if NOW.search(last) else "以前" + last
    if core and LATER.fullmatch(core):  # 扩完以后呢？ after 原来有多大？: the value now
        return EARLIER.sub("现在", last, count=1) if EARLIER.search(last) else "现在" + last
    return None


def _bare_place(question: str, known: set[str], last: str = "") -> str | None:
    """The place a bare follow-up names ("那芜湖市的呢？" -> "芜湖", "换成来宾，建了几个？" -> "来宾", "那芜湖那边呢？"
    -> "芜湖"), or None when it is no bare place; an ask after the place is bare when `_light_ask` (of `last`)."""
    head, _, ask = question.partition("，") if "，" in question else question.partition(",")
    if ask and _light_ask(PUNCT.sub("", ask), last):  # 换成来宾，建了几个？: the place with the same ask
        question = head
    core = BARE_TAIL.sub("", BARE_LEAD.sub("", PUNCT.sub("", question)))
    found = named_in_order(core, known)
    if len(found) != 1:
        return None
    shape = re.fullmatch(rf"{found[0]}[市县区州省]?{THERE}(?P<ask>.*)", core)  # 那连云港给多少？: the same ask
    return found[0] if shape and (not shape["ask"] or _light_ask(shape["ask"], last)) else None


def _light_ask(ask: str, last: str) -> bool:
    """Whether a follow-up's ask after its place says nothing the last question does not: "how many" with no verb
    or the last question's verb (建了几个 after 建了多少个…), or words of the last question (每月多少 after …每月多少钱？).

    >>> _light_ask("给多少", "通化给随军配偶的补贴每月多少钱？"), _light_ask("每月多少", "通化的补贴每月多少钱？")
    (True, True)
    >>> _light_ask("人口多少", "通化的补贴每月多少钱？"), _light_ask("建了几个", "")
    (False, True)
    """
    ask = re.sub(r"^(?:那么|那|又|也|的)|呢$", "", ask)
    light = LIGHT_ASK.fullmatch(ask)
    verb = light["verb"].rstrip("了过").strip("有是") if light else ""  # 有多少 asks with no verb of its own
    return bool(light and (not verb or not last or verb in last)) or (len(ask) >= 2 and ask in last)


def _topic(history: Sequence[Turn], known: set[str], places: Iterable[str]) -> tuple[str | None, str | None]:
    """The last question of the history that names a place, with that place (its stem); else (the last
    question or None, the one filter place or None)."""
    for turn in reversed(history):
        named = named_in_order(turn.question, known)
        if named:
            return turn.question, named[0]
    chosen = [p for p in places if p.strip()]
    last = history[-1].question if history else None
    return last, (named_in_order(chosen[0], known) or [None])[0] if len(chosen) == 1 else None


def _swap_thing(question: str, last: str, known: set[str]) -> str | None:
    """A bare tier or thing asked of the last question, swapped in; None when the follow-up is neither.

    _swap_thing("那镇（街道）一级的呢？", "钦州建成了多少个村（社区）退役军人服务站？", known)
        -> "钦州建成了多少个镇（街道）退役军人服务站？"
    _swap_thing("创业孵化基地呢？", "河北建强了多少家退役军人就业基地？", known) -> "河北建强了多少家退役军人创业孵化基地？"
    """
    plain = PUNCT.sub("", question)
    if REFERENCE.search(plain):  # 那里给…的企业有多少家？ refers to the place: no bare thing
        return None
    asked = ASK_TAIL.search(plain)  # 二等功的有几个？: a thing and "how many"
    if not (plain.endswith("呢") or BARE_LEAD.match(plain) or asked):  # a follow-up's form, not a keyword query
        return None
    core = BARE_TAIL.sub("", BARE_LEAD.sub("", plain[:asked.start()] if asked else plain))
    flags = [flag for _, flag in posseg().cut(core)]
    if asked and any(flag.startswith(("v", "p", "r")) and flag != "vn" for flag in flags):
        return None  # 柯桥区改造小区多少个？ is a question of its own (a verb), not a thing and "how many"
    if (not 2 <= len(core) <= (8 if asked else 12) or ASKS.search(core) or named_in_order(core, known) or core in last
            or LEVEL.fullmatch(core) or TIME.fullmatch(core)):
        return None
    tier = BARE_TIER.fullmatch(core)
    if tier:
        old = re.search(TIER, last)
        return last[:old.start()] + tier.group(1) + last[old.end():] if old else None
    head = next((core[-n:] for n in range(min(len(core), 6), 1, -1) if core[-n:] in last), None)
    if head is None:  # a thing of three characters or more, never a place the collection lacks (那火星呢？, 那南京呢？)
        unknown_place = any(flag in ("ns", "nr") for flag in flags)
        return (swap_kin(core, last) or _swap_counted(core, last) or swap_numbered(core, last) or swap_parallel(core, last)
                or area_asked(core, question, last, known) or swap_subject(core, last)) if len(core) >= 3 and not unknown_place else None
    at, start, before = last.rindex(head), 0, (0, "")
    for word, flag in posseg().cut(last):  # the word the head ends, else the word before the head, is replaced
        end = start + len(word)
        if start < at < end or end == at:  # and a place before it when the thing names its own scope (全国…呢 after
            start = before[0] if SCOPE.match(core) and before[1] == "ns" else start  # 江苏最美退役军人)
            return last[:start] + core + last[at + len(head):]
        before, start = (start, flag), end
    return None


def _swap_counted(core: str, last: str) -> str | None:
    """The last question with the nouns it counts (after 多少 / 几个 …) replaced by the follow-up's thing, or None.

    _swap_counted("法律咨询服务站", "开封建了几个维权巡回法庭？") -> "开封建了几个法律咨询服务站？"
    """
    count, rest = _after_count(last)
    if count is None:
        return None
    words = [(w, f) for w, f in posseg().cut(rest)]
    nouns = "".join(w for w, _ in itertools.takewhile(lambda wf: noun_flag(wf[1]), words))
    if not rest.strip("起次件回场"):  # …一共接、出警多少起？ counts an act: 那抢险救援呢？ is asked in its place
        acts = list(itertools.takewhile(lambda wf: wf[1].startswith("v") or wf[0] == "、",
                                        reversed([(w, f) for w, f in posseg().cut(last[:count.start()])])))
        begin = count.start() - sum(len(w) for w, _ in acts)
        return last[:begin] + core + last[count.start():] if acts and acts[-1][0] != "、" else None
    if RATE.search(core) and nouns:  # 那悬挂率呢？ after …悬挂了多少块光荣牌？: the rate of the counted thing
        return f"{topic_of(last, count.start())}{nouns}{core}是多少？"
    first = next(iter(posseg().cut(core)), None)
    acts = first is not None and (first.flag.startswith("v") or re.match(r"当上|当了|成了|成为", core))
    if acts and nouns and len(nouns) < len(rest):
        # 那当选党代表的呢？ after …多少名退役军人担任了“兵支书”？: the same people, another act
        return last[:count.end()] + nouns + core + last[count.end() + len(rest):]
    if len(rest) <= 8 and words and (noun_flag(words[-1][1]) or not PUNCT.sub("", last[count.end() + len(rest):])):
        # a short phrase ending on a noun or the question: all of it (维权巡回法庭; 文明村道, jieba's 文明村 + 道)
        taken = len(rest)
    else:  # else its nouns up to the first other word (部队官兵子女 of …子女入托入学)
        taken = 0
        for word, flag in words:
            if not noun_flag(flag):
                break
            taken += len(word)
    return last[:count.end()] + core + last[count.end() + taken:] if taken else None


SCOPE = re.compile(r"全国|全省|全市|全区|国家级|省级|市级|县级")
RATE = re.compile(r"(?:率|比例|占比|比重)$")
THESE = re.compile(r"(?:这些|那些|这批)(?:东西|物品|物资)")  # what the last question counted (…多少份新春慰问品)


def _counted(last: str) -> str | None:
    """What the last question counts: "双鸭山送了多少份新春慰问品？" -> "新春慰问品"; None when it counts no thing."""
    rest = _after_count(last)[1]
    return rest if 2 <= len(rest) <= 10 else None


def _after_count(last: str) -> tuple[re.Match | None, str]:
    """The question's count (多少份) and what follows it in its clause: (<多少份>, "新春慰问品"); (None, "")."""
    count = COUNTED.search(last)
    return count, CLAUSE_BREAK.split(last[count.end():])[0] if count else ""


def _last(history: Sequence[Turn]) -> tuple[str, str]:
    """The last turn's question and answer ("", "" with no history)."""
    return (history[-1].question, history[-1].answer) if history else ("", "")
