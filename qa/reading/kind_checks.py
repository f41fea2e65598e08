"""The kind of answer a question asks, checked: a time for 哪一年 / 什么时候, a duration for 多长时间 / 多久, a numeral
for 多少 / 几, a name for 哪个单位, a place for 哪个乡镇. `qa.reading.abstain.decide` turns a mismatch into "not found"
(other_kind), unless a later answer `stands_in`: a date for a when question."""
from __future__ import annotations

import re
from typing import Sequence

from embeddings.places import posseg
from qa.reading.answer_types import DATE, MEASURES, PERSON, UNITS, YEAR, YEARS, expected_type
from qa.reading.listed_spans import COUNTS, THINGS_ASKED, things_named
from qa.types import Answer

WHEN = re.compile(r"[0-9０-９一二三四五六七八九十〇零]{2,4}年|[0-9０-９一二三四五六七八九十]{1,2}月|[0-9０-９]{1,2}日|年代|世纪"
                  r"|^[0-9]{1,2}[·•][0-9]{1,2}$"  # 8·26: the month and day an event is named by; “七一”前夕 by its feast
                  r"|^“?(?:[七八十]一|春节|元旦|国庆|清明|端午|中秋|重阳|建军节|建党节)”?(?:建军节|建党节|节)?(?:前夕|前后|期间|当天|之际)?$")


def wrong_kind(question: str, answer: str) -> str:
    """What the answer lacks when the question asks when (哪一年: "18人的专家团" lacks "年份或日期"), how long (多长时间:
    a day of the month, "16日", lacks "时长"), how many (几路车: "双拥号" lacks "数字"; an ordinal counts nothing: 几所
    "第三小学"; 多少年 asks years, not a year: "1935年" lacks "年数") or which one (哪个单位: "180亩" lacks "名称");
    else "" (哪一年 "2018年11月", 几路车 "15路").

    >>> wrong_kind("冠军跑了多长时间？", "16日"), wrong_kind("冠军跑了多长时间？", "2小时8分"), wrong_kind("要多久？", "4月")
    ('时长', '', '时长')
    >>> wrong_kind("贺卡是啥时候寄的？", "今年年初"), wrong_kind("贺卡是哪一年寄的？", "今年年初")  # a time, no year
    ('', '年份或日期')
    >>> wrong_kind("志愿服务队平常都干些啥？", "68人"), wrong_kind("那当选人大代表的呢？", "91名")
    ('事项', '')
    >>> wrong_kind("招进来的企业有哪几家？", "6家"), wrong_kind("公交线主要是给谁坐车方便？", "3条"), wrong_kind("谁更多？", "3条")
    ('名称', '名称', '')
    >>> wrong_kind("都有哪些企业来招人？", "970家"), wrong_kind("都引进了哪几家企业？", "6家企业"), wrong_kind("是哪两个？", "2个")
    ('名称', '名称', '名称')
    >>> wrong_kind("都有哪些企业？", "甘肃神龙、四川泛美"), wrong_kind("哪些企业招了多少人？", "970人")  # names; a count asked
    ('', '')
    >>> wrong_kind("总体思路是用哪几个数字概括的？", "16136")  # numbers asked: a figure names them
    ''
    >>> wrong_kind("那11所学校都是哪几所？", "八一爱民学校"), wrong_kind("那20户商家都是哪些店？", "甲店、乙店")  # one of several
    ('列举', '')
    >>> wrong_kind("这种景区那边一共有几家？", "4A级"), wrong_kind("有几家4A级景区？", "3家"), wrong_kind("几A的景区？", "4A级")
    ('数字', '', '')
    >>> wrong_kind("那张借记卡，卡名叫什么？", "一分钱"), wrong_kind("电影的导演是谁？", "无悔"), wrong_kind("导演是谁？", "王小军")
    ('名称', '人名', '')
    >>> wrong_kind("那位负责人，叫什么名字？", "《十四五规划》"), wrong_kind("军人工作室叫什么？", "杨伦工作室")  # a studio asked
    ('人名', '')
    >>> wrong_kind("哪个少数民族人口最多？", "28.6万人"), wrong_kind("哪个城市悬挂的光荣牌最多？", "4.8万余块")
    ('名称', '')
    >>> wrong_kind("新闻几点播？", "2860小时"), wrong_kind("每天几点开门？", "上午8:30"), wrong_kind("提了几点要求？", "3点")
    ('时刻', '', '')
    >>> wrong_kind("副组长是谁？", "市政府和军分区主要领导"), wrong_kind("那两位组长，分别是谁？", "双组长履职尽责")  # roles
    ('', '人名')
    """
    if HOW_LONG.search(question) and DAY.fullmatch(answer.strip()):
        return "时长"
    if CLOCK_ASKED.search(question) and not CLOCK.search(answer):
        return "时刻"  # 新闻几点播: "2860小时" is no time of day
    atype = expected_type(question)
    if atype in (YEAR, DATE):
        return "" if WHEN.search(answer) or atype is DATE and PART_OF_YEAR.fullmatch(answer.strip()) else "年份或日期"
    if atype is YEARS and re.match(r"[0-9０-９]{4}年", answer):
        return "年数"
    if atype in (None, PERSON) and (WHICH_ONE.search(question) and FIGURE.fullmatch(answer.strip())
                                    or NAME_ASKED.search(question) and COUNTED.fullmatch(answer.strip())):
        return "名称"  # 哪个单位 / 哪几家 / 给谁: "180亩", "6家", "3条"; 叫什么名字: "2首" (“12345”工作体系: a name)
    if atype is None and NAME_ASKED.search(question) and len(QUOTE_MARKS.sub("", answer.strip())) < 2:
        return "名称"  # 那家医院叫什么名字: the “汴” of “汴”地深情 is no name
    if NAME_ASKED.search(question) and SPELLED_COUNT.fullmatch(answer.strip()):
        return "名称"  # 刊名叫什么: "第一个", 卡名叫什么: "一分钱" count, they name nothing
    if PERSON_ASKED.search(question) and not ROLE_END.search(answer.strip()) \
            and not all(_person_like(p) for p in PERSON_SPLIT.split(QUOTE_MARKS.sub("", answer)) if p):
        return "人名"  # 导演是谁: "无悔", 这两位军人叫啥名字: "光荣之家", 那位负责人叫什么名字: a plan's title
    if atype in (None, PERSON) and WHICH_SEVERAL.search(question) and not HOW_MANY.search(question) \
            and COUNT_OF.fullmatch(answer.strip()):
        return "名称"  # 都有哪些企业: "970家"; 引进了哪几家企业: "6家企业" counts them, names none
    if atype is None and WHAT_ASKED.search(question) and not HOW_MANY.search(question) and COUNTED.fullmatch(answer.strip()):
        return "事项"  # 志愿服务队平常都干些啥: "68人" counts, it says nothing done
    if (atype in (None, PERSON) or atype.name.startswith("count-")) and SEVERAL_ASKED.search(question) \
            and not HOW_MANY.search(question) \
            and items(answer) < 2:
        return "列举"  # 那11所学校都是哪几所: "八一爱民学校" is one, the question asks several
    unit = PLACE_ASKED.search(question)  # 在哪个乡镇: 全国提名最美拥军人物 names no place, nor 87载 (no figure asked)
    if unit and (not is_place(answer.strip()) or not HOW_MANY.search(question) and re.match(r"[0-9０-９]", answer.strip())):
        return "地名"
    asks_number = atype is not None and atype is not PERSON and HOW_MANY.search(question) is not None
    graded = GRADE.sub("", answer) if not re.search(r"几[A-Za-zＡ-Ｚ]", question) else answer  # 几A的景区 asks a grade
    said = COUNT_SAID.search(ORDINAL.sub("", graded)) or asks_number and atype.matches(answer.strip())  # 五大任务
    return "数字" if asks_number and not said else ""


# a time of day asked (几点开门, 几点钟, 晚上几点？), not a count of points (几点要求, 几点体会), and its answer
CLOCK_ASKED = re.compile(r"几点(?:钟|几分)?(?=[开关到上下播起结出营举闭放]|[？?呢啊]*$)")
CLOCK = re.compile(r"[0-9０-９]{1,2}[:：][0-9０-９]{2}|[0-9０-９一二三四五六七八九十两]{1,3}(?:点|时)")

# which one (哪个单位, 哪个少数民族人口最多); not which place has the most (哪个城市…最多: over one place in scope, that
# place's figure answers it, qa.list_most)
WHICH_ONE = re.compile(r"(?:哪[个家所座支一]|哪几[个家所座支位类])(?!年|天|月|数)(?!个?(?:城市|地方|地区|地市|市|县|区)[^？?]*最)"
                       r"|谁(?![\u4e00-\u9fff]{0,3}[更最多少高大早])")
QUOTE_MARKS = re.compile(r"[“”\"'‘’《》「」]")
NAME_ASKED = re.compile(r"叫(?:什么|啥)|(?:什么|啥)名(?:字|称|儿)|全称")  # …分别叫什么名字: "2首" names none
# which several (哪些, 哪几家, 哪两个), not which years or numbers: a count with what it counts names none of them
WHICH_SEVERAL = re.compile(r"(?:哪些|哪几|哪[两二三四五六七八九十])(?![年天月]|[个些]?(?:数|年份))")
FIGURE = re.compile(rf"[0-9０-９][0-9０-９.,，]*[万亿多余]{{0,2}}(?:[{MEASURES}]|{'|'.join(UNITS)})?|[0-9.]+%")  # 180亩; not 3号楼
COUNT_OF = re.compile(rf"(?:{FIGURE.pattern})[\u4e00-\u9fff]{{0,5}}")  # 6家企业, 21个文明社区: a count and its noun
NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两半零〇]")  # what any count or amount holds
# a figure in an answer: a digit, or a numeral with a measure, a unit or at most two characters after it (三个, 九连冠,
# 八一, 九进), not the numeral a name begins with (六盘水防空防灾科教馆 counts no 烈士)
COUNT_SAID = re.compile(rf"[0-9０-９]|[一二三四五六七八九十百千万亿两半零〇]+(?:[余多]|[{MEASURES}]|{'|'.join(UNITS)}"
                        r"|[\u4e00-\u9fff]{0,2}[”\"]?$)")  # 九进, 四难: a count in a word of its own
GRADE = re.compile(r"[0-9０-９]+[A-Za-zＡ-Ｚ]+级?")  # 4A级 (a scenic spot's grade), 5G: a grade or a name, no count
# 第三小学 names a school, 一条条 (a measure word doubled) says "many": neither counts
ORDINAL = re.compile(r"第[0-9０-９一二三四五六七八九十百千]+|一([\u4e00-\u9fff])\1")
HOW_MANY = re.compile(r"多少|(?<![哪第])几")  # 哪几个县 asks which, 第几届 an ordinal, not how many
# what is done, or which measures (干些啥, 一套什么措施, 都是啥): a bare count with its measure word (68人) names none;
# 提供了什么 may be answered by an amount (127亩)
WHAT_ASKED = re.compile(r"(?:干|做|搞|弄|忙|享受|享有)(?:些|了|的|到)?(?:什么|啥)|(?:什么|啥)(?:措施|活动|办法|做法|举措|工作|事)"
                        r"|(?:都|包括)(?:是|有)?(?:什么|啥)")
COUNTED = re.compile(rf"[0-9０-９][0-9０-９.]*[万亿多余]{{0,2}}(?:[{MEASURES}]|{'|'.join(UNITS)})")


# a name asked answered by a count or an ordinal in characters (第一个, 一分钱, 两名)
SPELLED_COUNT = re.compile(r"第?[一二三四五六七八九十百千万两几]+(?:个|名|位|家|项|条|次|元|块|张|所|座|件|种|届|期|分钱|块钱|毛钱|人)")
# a person asked by what they are, right before the ask (导演是谁, 那位负责人，叫什么名字; not 军人工作室叫什么):
# measured on the dev singles and follow-ups, it refuses 5 answers, none right (docs/results.md, "Thirty-second session")
PERSON_ASKED = re.compile(r"(?:那位|这位|哪位|两位|几位|负责人|局长|书记|主任|导演|作者|队长|老兵|战士|烈士|英雄|人物|军人|夫妇"
                          r"|楷模|标兵|组长|上士|中士|下士|班长|排长|连长|营长|团长)[”\"]?们?[，,]?(?:都|分别)?(?:叫(?:什么|啥)(?:名字)?|是谁|姓什么)")
PERSON_SPLIT = re.compile(r"[、和及与]")
ROLE_END = re.compile(r"(?:书记|局长|主任|市长|县长|区长|部长|司令员?|政委|主席|同志|领导|负责人|组长)$")


def _person_like(text: str) -> bool:
    """A person's name (a surname and one or two characters, or all tagged a person's name by jieba: 呼荣碧) or a role.

    >>> _person_like("傅雪柳"), _person_like("区委书记"), _person_like("无悔"), _person_like("光荣之家")
    (True, True, False, False)
    """
    return bool(PERSON.matches(text) or ROLE_END.search(text) or all(f.startswith("nr") for _, f in posseg().cut(text)))


# several things asked by which (哪几所, 哪三所) or by a count of them (那20户商家都是哪些店, 那138家商家都有谁): one thing
# answers none of them; and the items of an answer (甲、乙和丙)
SEVERAL_ASKED = re.compile(r"哪(?:几|[两二三四五六七八九十])(?![年天月次]|[个些]?(?:数|年份))|(?:[2-9]|[1-9][0-9]+|[两三四五六七八九十]+)"
                           r"[个家所座支条户名位项种类村处][^，。？]{0,16}?(?:哪些|都有谁|都是谁|分别是谁)")
ITEMS_SPLIT = re.compile(r"[、，,；;/／]|以及|和|及|与|跟")


def items(answer: str) -> int:
    """How many things an answer names: its items between separators, its quoted or titled names side by side, or
    the count it ends with (县乡两级).

    >>> items("甲店、乙店和丙店"), items("“前线”“前沿”“前哨”"), items("县乡两级"), items("八一爱民学校")
    (3, 3, 2, 1)
    """
    text = answer.strip()
    said = re.search(r"([两二三四五六七八九十])[级层类个种项方面]+$", text)
    return max(len([item for item in ITEMS_SPLIT.split(text) if item]), text.count("“"), text.count("《"),
               2 if said else 1)


# a question asking which place of a level (哪个乡镇, 哪个县, 在哪个村): answered by a name of that level, or a place
PLACE_ASKED = re.compile(r"哪(?:个|一个|座)?(乡镇|乡|镇|村|县|县区|街道|社区)(?![\u4e00-\u9fff]*?(?:最|更))")


def is_place(text: str) -> bool:
    """Whether the text may name a place: it holds a unit of one (乡 镇 村 县 区 市 …), or it is short, as a place's
    own name is (灵台, 和静; jieba tags neither as a place).

    >>> is_place("灵台"), is_place("乌什塔拉乡"), is_place("全国提名最美拥军人物")
    (True, True, False)
    """
    return len(text) <= 4 or re.search(r"[乡镇村县区市州旗盟省街道社]", text) is not None


# a time of the year said without a date, an answer to 什么时候 (not to 哪一年): 今年年初, 去年底, 上半年
PART_OF_YEAR = re.compile(r"(?:今|去|前|当|同|明|上)?年(?:年初|年底|年末|年中|初|底|末|中)|(?:今年|去年|当年)?[上下]半年")
HOW_LONG = re.compile(r"多长时间|多久|多少时间|用时多少|耗时多少|用了多少时间")  # a duration asked
DAY = re.compile(r"(?:[0-9]{4}年)?(?:[0-9０-９]{1,2}月)?[0-9０-９]{1,2}[日号]|(?:[0-9]{4}年)?[0-9０-９]{1,2}月")  # a day or month


def stands_in(question: str, text: str) -> bool:
    """Whether an answer other than the reader's best may stand in for it when the best is no time: a date or year
    for a when question. (A count in the very measure asked stood in too, and answered as many unanswerable
    questions as answerable ones on dev and test: 多少名退役军人 -> 21名 of another sentence; docs/results.md.)

    >>> stands_in("舰歌啥时候发布的？", "今年4月"), stands_in("舰歌啥时候发布的？", "东风送我去远航")
    (True, False)
    >>> stands_in("一共出了多少人次？", "6000余人次"), stands_in("引进了哪几家企业？", "甘肃神龙、四川泛美、航天九院")
    (False, True)
    """
    if WHICH_SEVERAL.search(question) and not HOW_MANY.search(question) and is_list_run(text):
        return True  # 引进了哪几家企业: 甘肃神龙、四川泛美、航天九院 after "6家企业"
    atype = expected_type(question)
    return atype in (YEAR, DATE) and atype.matches(re.sub(r"^(?:今年|去年|前年|当年|同年)", "", text.strip()))


def nothing_between(one: Answer, other: Answer, stops: str = "，,。；;！!？?") -> bool:
    """Whether two answers lie in one passage with none of `stops` (and no line break) between them: by default one
    clause (为6837名…发放…1.8亿元); with "。；;！!？?" one sentence.

    >>> from embeddings.types import Passage
    >>> t = "为6837名退役士兵发放补助金1.8亿元，培训338人次。另有952名。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> a = lambda s: Answer(s, 1.0, p, t.index(s), t.index(s) + len(s))
    >>> nothing_between(a("1.8亿元"), a("6837名")), nothing_between(a("1.8亿元"), a("338人次"))
    (True, False)
    >>> nothing_between(a("1.8亿元"), a("338人次"), "。；;"), nothing_between(a("1.8亿元"), a("952名"), "。；;")
    (True, False)
    """
    if one.passage.id != other.passage.id:
        return False
    (_, gap_start), (gap_end, _) = sorted(((one.start, one.end), (other.start, other.end)))
    gap = one.passage.text[gap_start:gap_end]
    return "\n" not in gap and not any(c in gap for c in stops)


ITEM = re.compile(r"[\u4e00-\u9fff0-9A-Za-z“”《》（）()]{2,14}")
LEAST_ITEMS = 3


def is_list_run(text: str) -> bool:
    """Whether an answer is a run of three or more items of 2–14 characters joined by 、 (the last may be joined by
    和 / 及).

    >>> is_list_run("组织部、人武部、团市委"), is_list_run("编制、人员、经费和办公地点")
    (True, True)
    >>> is_list_run("华蓥、武胜"), is_list_run("公安、人社，教育、卫生"), is_list_run("医院、、车站")
    (False, False, False)
    """
    items = text.split("、")
    return len(items) >= LEAST_ITEMS and all(ITEM.fullmatch(item) for item in items)


def count_unmet(answers: Sequence[Answer], question: str) -> bool:
    """Whether the question asks which so many things (哪五样, 哪三级) and the best answer names another number of
    them: the reader then reads the other passages too, where the list may be (the top passage's 十大 for
    许昌…“五个亮点工程”，具体是哪五样？, the next one's 双拥主题公园、双拥示范街、…).

    >>> from embeddings.types import Passage
    >>> p = Passage("r1-p1", 1, "打造“十大”活动", 0, 8)
    >>> count_unmet([Answer("十大", 1.0, p, 3, 5)], "具体是哪五样？"), count_unmet([Answer("十大", 1.0, p, 3, 5)], "是什么？")
    (True, False)
    """
    asked = THINGS_ASKED.search(question)
    return bool(answers) and asked is not None and things_named(answers[0].text) != COUNTS[asked.group(1)]


PER_YEAR = re.compile(r"每年|每一年|年均|一年(?!来|多|以来|半|内|里|中|间|前|后)")  # asked per year (一年能拿出多少钱)
SUM_SAID = re.compile(r"累计|共计|总计|合计|先后|历年|至今")  # a running total said before a figure
YEARLY_SAID = re.compile(r"每年|每一年|年均|一年|年度")


def sum_for_yearly(question: str, best: Answer) -> bool:
    """Whether a question asks a figure per year and the answer's clause gives a running total for it, with no year
    of its own (一年能拿出多少钱: 建立专项助学基金，累计投入350万元). Of 47 questions of eval/data asking per year, no
    answer's clause says such a total (docs/results.md, "Thirty-third session").

    >>> from embeddings.types import Passage
    >>> t = "建立专项助学基金，累计投入350万元资助贫困学生，每年投入50万元。"
    >>> p = Passage("p", 1, t, 0, len(t))
    >>> sum_for_yearly("这个基金一年能拿出多少钱？", Answer("350万元", 1.0, p, 13, 18))
    True
    >>> sum_for_yearly("这个基金一年能拿出多少钱？", Answer("50万元", 1.0, p, 29, 33)), sum_for_yearly("累计投入多少钱？", Answer("350万元", 1.0, p, 13, 18))
    (False, False)
    """
    if not PER_YEAR.search(question) or not NUMERAL.search(best.text):
        return False
    text = best.passage.text
    start = max(text.rfind(c, 0, best.start) for c in "，,。；;！!？?\n") + 1
    lead = text[start:best.end]
    return bool(SUM_SAID.search(lead)) and not YEARLY_SAID.search(lead)

