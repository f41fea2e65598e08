"""Each place's own question: a list, comparison or total question rewritten for one place alone.

The other places, the connectors between them (和、与、加上), a count of them (两市、三地), the comparison
(谁…更多, 比来宾多吗) and the total words (加起来、一共) are dropped; where nothing asks any more, a question
word for the comparison's direction is put back (更多 -> 有多少, 更早 -> 是哪一年).
"""
from __future__ import annotations

import re
from typing import Sequence

from qa.kinds import BEFORE_AFTER, EACH_WORDS, LIST_ASK, PLACE_NOUN, TOTAL_WORDS, WHO, QuestionKind, each_figure
from qa.reading.answer_types import MEASURES

SUFFIX = r"(?:市|县|区|州|省)?"
CONNECTOR = r"以及|加上|还有|和|与|跟|同|及"  # between two places, or two places' own clauses
COMPARED = r"相比较|相比|对比|比较|比"  # a comparison's closing word (芜湖和来宾相比，…)
JOIN = rf"(?:\s*(?:{CONNECTOR}|、|，|,)\s*)"
# 两市, 三地, 这三个城市, 两者: how many places were named
COUNT_OF_PLACES = r"(?:这|那)?(?:两|二|三|四|五|六|几)(?:个|座)?(?:城市|地方|地区|市|地|县|区|者|边)"
TRAILING = rf"(?:的?(?:{COMPARED})(?![例重率值]))?\s*[，,]?"  # 跟海勃湾区的比，…; never 的比例
ASKS = re.compile(r"多少|(?<![这近前头过])几(?![年天月])|哪|什么|谁|何时|多长|多久")  # 这几年 and 近几个月 ask nothing
# a direction word where the question ends (更多？, 多吗？, 少一些？) or anywhere with a degree word (更早)
END_DIRECTION = re.compile(rf"(?:(?:更|较|最|还要|要)?(?:多|(?<!多)少|早|晚|大|小|高|低)|(?:更|较|还要)(?:长|短|久)|{BEFORE_AFTER})"
                           r"(?:一些|一点|些)?(?:吗|呢)?(?=[？?！!。]*$)")  # 更多？ 少一些？ 落款哪个在前面？
MID_DIRECTION = re.compile(r"(?:更|较|最|还要|要)(?:多|少|早|晚|大|小|高|低|先)|(?:更|较|还要)(?:长|短|久)|(?<=[谁个方边家])先|领先|落后")
# where the figure is said, not what it counts: 报告里给的数, 报告中写的数字, 材料里说的
SAID_IN_REPORT = re.compile(r"(?:在|的)?(?:报告|材料|综述|文中|文章)(?:里面|里|中|上)?(?:给的|写的|说的|提到的|报的|列的)"
                            r"(?:数字|数据|数目|数)?")
ASK_FOR = {"more": "有多少", "less": "有多少", "earlier": "是哪一年", "later": "是哪一年", "day": "是哪一天", "": "是多少"}
# a comparison of days: the question asks which day or names a month (哪天更早, 那天, 6月上旬两件事…哪件在前), or
# compares when events were held (哪个办得早, 谁家开得早一些: a meeting or a show is dated by its day)
DAY_ASKED = re.compile(r"哪一?天|那天|当天|几号|几月|(?<![0-9])(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:上旬|中旬|下旬|份|里|初|底)?"
                       r"|(?:办|开|举行|举办|召开)得(?:更|较|比较)?[早晚]")


def for_place(question: str, kind: QuestionKind, place: str, *, verbal_form: bool = True) -> str:
    """The question asked of `place` alone.

    for_place("芜湖和来宾，谁建的退役军人服务站更多？", <compare 芜湖 来宾 more>, "芜湖")
        -> "芜湖建的退役军人服务站有多少？"
    for_place("张掖、芜湖、通化给部队的土地加起来一共多少亩？", <total>, "通化") -> "通化给部队的土地多少亩？"
    for_place("哪些城市为驻地部队划拨了土地？", <list>, "张掖") -> "张掖为驻地部队划拨了多少土地？"
    for_place("灵台的场次，跟漳州（闽南）的比，哪个多？", <compare 灵台 漳州 more>, "漳州") -> "漳州的场次有多少？"
    """
    if kind.kind == "list" and not kind.places:
        return _listed(question, place)
    question = _joined(question, kind.places)
    if kind.kind == "compare":  # 差了多少亩 / 比来宾多出多少个 / 是来宾的几倍: each place's own 多少亩
        question = each_figure(question)
    text = own_clause(question, kind.places, place) or _one_place(question, kind.places, place)
    text = re.sub(rf"({re.escape(place)}[市县区]?)[（(][^（）()]{{1,6}}[）)]", r"\1", text)  # 漳州（闽南）: its other name
    # the places counted later in the question (…，两地加起来送了多少家？, 两个地方哪个更多？) are not this place's
    text = re.sub(rf"[，,]?{COUNT_OF_PLACES}(?:的|都|各|共|一共|加起来|合起来)?(?=[\u4e00-\u9fff])", "", text)
    if kind.kind == "compare":  # which day first (哪天更早, 6月上旬…哪件在前): a day asked, not a year
        text = _uncompared(text, "day" if kind.direction in ("earlier", "later") and DAY_ASKED.search(question)
                           else kind.direction)
    text = SAID_IN_REPORT.sub("", text)  # 张掖报告里给的数有多少 -> 张掖有多少
    text = TOTAL_WORDS.sub(lambda m: "数量" if m.group() == "总数" else "", text)
    text = EACH_WORDS.sub("", text)
    text = re.sub(r"^把", "", text)
    # a shared ask left after the place's own (…开通了多少条航线，多少条？ / …航线多少条？): dropped
    alone = re.search(r"(?<=[\u4e00-\u9fff])(?:[，,]\s*)?(?:有|是|共)?(?:多少|几)[\u4e00-\u9fff]?[？?]$", text)
    if alone and ASKS.search(_last_clause(text[:alone.start()])):
        text = text[:alone.start()] + "？"
    # tidied before and after: the verbal form reads a tidied question, and a second pass drops the comma the first
    # left before a short ending (…这些心意，吴忠组织做的数量有多少？)
    return tidy(verbal(tidy(text), place) if verbal_form else text)


def wordings(question: str, kind: QuestionKind, place: str) -> list[str]:
    """The place's question (`for_place`) and, where `verbal` changed it, the noun-phrase wording too:
    the reader answers one or the other surely, and which one varies from report to report."""
    first = for_place(question, kind, place)
    if kind.kind == "list" and not kind.places:
        return [first]
    plain = for_place(question, kind, place, verbal_form=False)
    return [first] if plain == first else [first, plain]


NOMINAL = re.compile(r"^(.+?)的([^，,？?的]{2,20}?)(?:有|是)?多少([^\u4e00-\u9fff]?[个名人亩家处次元座所项条户]?)([？?])$")


def verbal(text: str, place: str) -> str:
    """A question asked of a noun phrase put back as a verb's object, as reports and the reader's training
    questions word it: "濮阳为部队划拨的土地多少亩？" -> "濮阳为部队划拨了多少亩土地？", "广安的服务站有多少？"
    -> "广安有多少服务站？". On the shipped reports the nominal forms abstained where these answered.

    >>> verbal("修训练基地延安花的钱有多少？", "延安")
    '修训练基地延安花了多少钱？'
    """
    from embeddings.places import posseg

    text = place_first(text, place)
    match = NOMINAL.match(text)
    if match is None:
        return text
    head, noun, measure, mark = match.groups()
    if place and place in noun or noun[-1] in "又还也都":  # 补助连云港每月给多少 / 土地海域又有多少: no noun before 多少
        return text
    if len(noun) == 2 and noun[1] in "有是":  # 花的钱有多少？: the noun is 钱 (not 钱有, which made 花了多少钱有？)
        noun = noun[0]
    # 服务站数量是多少 reads well as it is; 物资价值 / 民兵人次 / 电子屏装得 are no verb's object
    if re.search(r"(?:数量|数|面积|金额|总额|规模|比例|标准|覆盖面|得|了)$|(?<=.)(?:价值|人次|场次)$", noun):
        return text
    measure = "名" if measure == "人" else measure  # 接收了多少名转业士官, not 多少人转业士官
    if re.fullmatch(rf"{re.escape(place)}[市县区州省]?", head):
        return f"{head}有多少{measure}{noun}{mark}"
    words = list(posseg().cut(head))
    if words and words[-1].flag.startswith("v") and not head.endswith("了"):
        return f"{head}了多少{measure}{noun}{mark}"
    return text


def place_first(text: str, place: str) -> str:
    """The place moved to the front when it stands just before the ask at the end (the thing asked about went
    first in the question): "挂出去的双拥宣传标语灵台有多少？" -> "灵台挂出去的双拥宣传标语有多少？".

    >>> place_first("给优抚对象发的医疗保障金来宾有多少？", "来宾")
    '来宾给优抚对象发的医疗保障金有多少？'
    >>> place_first("挂出去的光荣牌，河北有多少？", "河北")
    '河北挂出去的光荣牌有多少？'
    >>> place_first("来宾有多少服务站？", "来宾")
    '来宾有多少服务站？'
    """
    found = re.search(rf"(?:(?<=[\u4e00-\u9fff])|[，,])({re.escape(place)}{SUFFIX})(?=(?:有|是)?多少[^，,？?]{{0,3}}[？?]$)",
                      text)
    if found is None or "，" in text[:found.start()] or "," in text[:found.start()]:
        return text
    return found.group(1) + text[:found.start()] + text[found.end():]


def _listed(question: str, place: str) -> str:
    """A which-places question about one place, asking how much of what the place did (多少 after the verb's
    了, else 什么 at the end), so the reader has something to cut: "哪些城市为部队划拨了土地？" ->
    "张掖为部队划拨了多少土地？"; asked at the end ("发补助的有哪些市？"), the place leads: "张掖发补助什么？"."""
    text = re.sub(r"[，,？?]\s*都有哪些[？?]*$", "？", question)
    ask = LIST_ASK.search(text) or re.search(rf"(?:有没有)?哪个{PLACE_NOUN}", text)
    if ask is None:
        text = place + text
    elif not text[ask.end():].strip("？?！!。 "):
        text = place + re.sub(r"(?:的有|的是|的|有)$", "", text[:ask.start()])
    else:
        text = text[:ask.start()] + place + text[ask.end():]
    text = tidy(text)
    if ASKS.search(text):
        return text
    # measured on 5 list questions over the shipped reports: a bare statement kept 4 right places, 什么
    # appended 11, 多少 after the verb's 了 17 (设立了多少退役军人服务站 found 6 places where 什么 found 1)
    counted = re.sub(r"了(?=[^？?])", "了多少", text, count=1)
    return counted if counted != text else text[:-1] + "什么？"


def _one_place(question: str, places: Sequence[str], place: str) -> str:
    """The question with its run of named places (芜湖和来宾，/ 张掖与吴忠两市) made `place`, and every other
    mention of them dropped with its 比 or connector."""
    names = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
    mention = rf"(?:{names}){SUFFIX}"
    # 连云港…比来宾多吗 -> 连云港…; 六盘水比灵台县多安置了 -> 六盘水安置了
    text = re.sub(rf"比{mention}(?:还|更|要)?(?:多|(?<!多)少|早|晚|大|小|高|低)?(?!少)(?:一些|一点|些)?(?:吗|呢)?",
                  "", question)
    run = re.compile(rf"{mention}(?:{JOIN}?{mention})*(?:{COUNT_OF_PLACES})?{TRAILING}")
    first = run.search(text)
    if first is None:
        return text
    spelled = re.search(rf"{re.escape(place)}{SUFFIX}", first.group())
    own = spelled.group() if spelled else place
    rest = re.sub(rf"{JOIN}?{mention}{TRAILING}", "", text[first.end():])
    return text[:first.start()] + own + rest


LEADING_JOIN = re.compile(rf"^(?:再加上|而|{CONNECTOR})")
TRAILING_COMPARE = re.compile(rf"(?:{COMPARED})$")


def own_clause(question: str, places: Sequence[str], place: str) -> str | None:
    """The question with the place's own clause only, when each named place has a clause of its own that says what
    is counted there (…的A，加上…的B，一共多少？): the clauses naming no place before them, the place's clause (its
    leading 加上/和 and trailing 比 dropped) and the ask after them; None for any other shape.

    >>> own_clause("西区帮着就业的退役士兵，和六盘水定向招走的退役士兵，加起来一共多少名？", ["西区", "六盘水"], "六盘水")
    '六盘水定向招走的退役士兵，加起来一共多少名？'
    >>> own_clause("濮阳重走红色专线的人和西区去研学的人，哪边多？", ["濮阳", "西区"], "西区")
    '西区去研学的人，哪边多？'
    >>> own_clause("创业带出来的就业，西固孵化的那些公司和邯郸军创园比，哪边带得少？", ["西固", "邯郸"], "邯郸")
    '创业带出来的就业，邯郸军创园，哪边带得少？'
    >>> own_clause("照顾优抚对象：来宾发医疗保障金、巴州代交城乡医保，两边加起来照顾了多少名？", ["来宾", "巴州"], "巴州")
    '照顾优抚对象，巴州代交城乡医保，两边加起来照顾了多少名？'
    >>> own_clause("芜湖和来宾，谁建的服务站更多？", ["芜湖", "来宾"], "芜湖") is None
    True
    """
    if not places:  # a question naming no place (a list read as single) has no place's clause
        return None
    names = "|".join(re.escape(p) for p in places)
    parts = _own_parts(question, places, place)
    if parts:
        return parts
    # a clause naming two places with a connector before the second (濮阳…的人和西区…的人) is two clauses
    clauses = [piece for c in re.split(r"[，,：:；;]", question) if c
               for piece in re.split(rf"(?=(?:{CONNECTOR})(?:{names}))|(?<=、)(?=[\u4e00-\u9fff]{{0,3}}(?:{names}))", c)
               if piece]  # 、兰州西固…: a place after its city's name too
    clauses = [c.rstrip("、") for c in clauses]  # …：来宾发医疗保障金、巴州…代交城乡医保: a clause each
    naming = [[p for p in places if p in c] for c in clauses]
    own = [i for i, n in enumerate(naming) if len(n) == 1]
    if len(own) != len(places) or len({naming[i][0] for i in own}) != len(places) or own[-1] >= len(clauses) - 1:
        return None
    if any(naming[i] for i in range(own[-1] + 1, len(clauses))) or any(naming[i] for i in range(own[0], own[-1])
                                                                       if i not in own):
        return None
    said = {naming[i][0]: TRAILING_COMPARE.sub("", LEADING_JOIN.sub("", clauses[i])) for i in own}
    closed = {naming[i][0] for i in own if TRAILING_COMPARE.search(clauses[i])}  # …和邯郸军创园比: a whole side
    if any(len(re.sub(rf"{re.escape(p)}{SUFFIX}|[^\u4e00-\u9fff]", "", c)) < (3 if c.endswith("的") or p in closed else 4)
           for p, c in said.items()):
        return None  # a clause naming the place and little else (芜湖，来宾，…) says nothing of its own (慰问的 does)
    # 钦州建了几个，…，两边合计多少个？ / 守了几年，…，谁的年头长？: the place's own clause asks, the rest is shared
    asked = (ASKS.search(said[place]) or re.search(r"了几(?:年|天|个月)", said[place])) and not said[place].endswith("多少")
    return "，".join(clauses[:own[0]] + [said[place]] + ([] if asked else clauses[own[-1] + 1:]))


def _joined(question: str, places: Sequence[str]) -> str:
    """A closing sentence naming no place, after one that asks (…各开通了多少条航线？两地一共多少条？), made that
    sentence's last clause, so each place's own clause can end the question.

    >>> _joined("钦州建了几个，通化建了几个？两边合计多少个？", ["钦州", "通化"])
    '钦州建了几个，通化建了几个，两边合计多少个？'
    """
    found = re.fullmatch(r"(.+)[？?]([^？?]+[？?]?)", question)
    if found is None or any(p in found.group(2) for p in places) or not ASKS.search(found.group(1)):
        return question
    return f"{found.group(1)}，{found.group(2)}"


def _own_parts(question: str, places: Sequence[str], place: str) -> str | None:
    """The place's own part when parts split by ； each name one place (暴雨天…：广安…，驻军…干了多长时间；保定…，部队…
    又干了多长时间？哪边更久？): what comes before the first part (its topic), the place's part and the ask after
    the last part's question mark; None for any other shape.

    >>> _own_parts("暴雨：广安那回，驻军干了多久；保定那回，部队又干了多久？哪边更久？", ["广安", "保定"], "广安")
    '暴雨，广安那回，驻军干了多久？哪边更久？'
    """
    head, _, body = question.partition("：") if "：" in question.split("；")[0] else ("", "", question)
    parts = [p for p in re.split(r"[；;]", body) if p]
    naming = [[p for p in places if p in part] for part in parts]
    if len(parts) != len(places) or any(len(n) != 1 for n in naming) or len({n[0] for n in naming}) != len(places):
        return None
    last, mark, ask = parts[-1].partition("？")
    parts[-1] = last
    own = parts[[n[0] for n in naming].index(place)]
    return (f"{head}，" if head else "") + own.rstrip("，,") + "？" + (ask if mark else "")


# a closing clause that only compares (，哪边项目多？ ，哪件事更早？): dropped when the clause before it asks already, or
# when it names nothing (件事 / 个): kept, 谁建的服务站更多 says what is counted
CLOSING = re.compile(rf"[，,？?]\s*{WHO}(?:事情|事|个)?(?P<what>[^，,？?]{{0,6}}?)(?:{END_DIRECTION.pattern})")


def _uncompared(text: str, direction: str) -> str:
    """The comparison dropped and a question word put back: "芜湖谁建的站更多？" -> "芜湖建的站有多少？",
    "西固的汇演哪个连着办的年头更长？" -> "西固的汇演连着办了多少年？", "保定转移的群众，哪边人多？" -> "保定转移的群众
    有多少人？"."""
    closing = CLOSING.search(text)
    before = _last_clause(text[:closing.start()]) if closing else ""
    what = closing.group("what") if closing else ""
    if what and "谁家" not in closing.group() and not ASKS.search(before) and not before.endswith("的"):
        if before.endswith(what):  # 转移的人，哪边人多 / 来参观的学校，哪边学校多: 有多少 (not 人人, 学校学校)
            return text[:closing.start()] + "有多少？"
        if re.fullmatch(rf"[人{MEASURES}]", what):  # 转移的群众，哪边人多: 有多少人 (not 多少群众人)
            return text[:closing.start()] + f"有多少{what}？"
    # a bare 多少 before it (…又有多少，哪边面积大？) takes what the closing clause counts: 又有多少面积
    if closing and (ASKS.search(before) and not before.endswith("多少") or not what):
        # ，哪边项目多？ after 多少项 (not 多少项项目？); ，哪件事更早？ asks a date (its comma kept for tidy to judge)
        text = text[:closing.start()] + ("" if closing.group("what") else "，")
    ending = END_DIRECTION.search(text)
    if ending:
        text = text[:ending.start()] + "<ASK>" + text[ending.end():]
    else:
        text = MID_DIRECTION.sub("", text, count=1)
    text = re.sub(rf"{WHO}(?:城市|地方|地区|市|县|区)?|是不是|是否", "", text, count=1)
    text = re.sub(r"的?(?:年头|年数)<ASK>", "了多少年", text)  # 连着办的年头更长: 连着办了多少年
    if "<ASK>" in text:
        return text.replace("<ASK>", "" if ASKS.search(text.replace("<ASK>", "")) else ASK_FOR[direction])
    if ASKS.search(text):
        return text
    return text.rstrip("？?！!。") + ASK_FOR[direction] + "？"


def _last_clause(text: str) -> str:
    """The text's last clause: _last_clause("服务站有多少，芜湖建了几个") -> "芜湖建了几个"."""
    return re.split(r"[，,：:；;]", text)[-1]


def tidy(text: str) -> str:
    """Doubled or stray punctuation and particles left by the cuts: "，芜湖，，建了吗" -> "芜湖，建了吗"; "多久？？" -> "多久？"."""
    text = text if re.search(r"[？?]$", text) else text + "？"
    text = re.sub(r"[，,、\s]+(?=[，,、？?。])|^[，,、\s]+|[？?](?=[？?])", "", text)
    text = re.sub(r"的的", "的", text)
    return re.sub(r"(?<=[\u4e00-\u9fff])[，,](?=[\u4e00-\u9fff]{1,12}[？?]$)", "", text)  # 芜湖，建了多少？
