"""Answer types: what kind of span a Chinese question asks for, from its interrogative and measure word.

A question that asks 多少钱 wants an amount in 元, 多少名 a count of people, 哪一年 a year. The reader
uses this as a prior: spans of the expected shape gain, spans of another shape lose. Nothing here is
specific to one collection: it reads only the question and the span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NUM = r"(?:[近约超逾共达]|累计)?[0-9０-９一二三四五六七八九十百千两〇零]+(?:[.．][0-9]+)?(?:余|多)?(?:[万亿]+)?(?:余|多)?"
MEASURES = "名人个次件支张块亩处场家所台辆套项户期批届天座条篇份位元辆架艘门本棵株栋间家套起类部路余万幅册首枚面盏顶双副箱袋桶头匹只组队轮堂折种集节课"


@dataclass(frozen=True)
class AnswerType:
    """The expected answer shape: a name and a regex a matching span satisfies in full."""

    name: str
    pattern: str

    def matches(self, span: str) -> bool:
        return re.fullmatch(self.pattern, span.strip()) is not None

    def find(self, text: str) -> list[tuple[int, int]]:
        """Character spans in text of this shape ("投入30万元" -> [(2, 6)] for money)."""
        return [m.span() for m in re.finditer(self.pattern, text)]


MONEY = AnswerType("money", NUM + r"(?:元|万元|亿元)|(?:[0-9]+|[一二两三四五六七八九十几]+)(?:分|毛|角|块)钱")  # 一分钱, 两块钱
PERCENT = AnswerType("percent", r"[0-9]+(?:\.[0-9]+)?%|百分之[0-9一二三四五六七八九十]+|[一二三四五六七八九]成")
YEAR = AnswerType("year", r"[0-9]{4}年(?:[、和至到][0-9]{4}年)*")
DATE = AnswerType("date", r"(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}日)?|[0-9]{4}年")

EARNED = "收入|工资|薪酬|营收|利润"  # money earned: 人均收入多少 asks money (`abstain.MONEY_SAID` too)
MONEY_WORDS = re.compile(rf"多少(?:钱|资金|经费|费用|金额)|(?:金|费|款|资金|经费|奖励|补助|补贴|投资|捐|筹|{EARNED})"
                         r"[^，。？]{0,8}多少|多少[^，。？]{0,12}(?:金|费|款|资金|经费|补助|补贴)")
PERCENT_WORDS = re.compile(r"(?:率|比例|比重|占比|百分之|满意度|知晓度|认可度|完成度|普及度|参与度)")  # 满意度有多高: 91.3%
RATE_BEFORE_ASK = re.compile(r"(?:率|比例|比重|占比)(?:现在|目前|大概|一共)?(?:是|有|为|达到?|到了?)?多少(?![\u4e00-\u9fff])")
# a share asked without its word: 有物业管的占多少 / 占GDP多少 / 占几成 (not 占地多少亩, 占用)
SHARE_ASKED = re.compile(r"占(?![地用有])[^，,。？?]{0,8}(?:多少(?![\u4e00-\u9fff])|几成)|几成")
YEAR_WORDS = re.compile(r"哪[一两几]?年|哪些年|什么年份|(?:几|多少)年(?:获|被|开始|起)")
DATE_WORDS = re.compile(r"(?:什么|啥)时(?:候|间)|何时|哪天|哪一天|几月|哪个月|日期|几号(?![线楼院车])|几月几日|多会儿")
COUNT_WORDS = re.compile(rf"(?:多少|几)([{MEASURES}])")
COUNT_ASKED = re.compile(rf"(?:多少|(?<!哪)几)([{MEASURES}])")  # the same, less 哪几个 (it asks which, it counts none)
# Units that are not measure words: 多少公里 wants "25.2公里", 几连冠 "九连冠", 多少年 "35年", 几倍 "1.5倍".
UNITS = ("平方公里", "平方米", "平方千米", "平米", "立方米", "千瓦时", "千瓦", "公里", "千米", "公顷", "公斤", "千克", "吨", "毫升",
         "毫米", "厘米", "米", "升", "小时", "分钟", "分(?![钟之值数局会公站队校院厂店行社部支])", "周年", "个月", "岁", "倍", "连冠", "等功",
         "星级", "字", "年")  # 分: a score (满意度86.1分), not 分值 (降低5%分值) nor a branch (分局)
UNIT_WORDS = re.compile(rf"(?:多少|几)({'|'.join(UNITS[:-1])}|年(?![代级]))")
QUOTED_UNIT = re.compile(r"(?:多少|几)[“\"]([\u4e00-\u9fff])[”\"]")  # 几“进” / 几“有”: a one-character word quoted
# 几大任务: 五大任务; 分了几大类，…: 七大类 (a clause of its own, no count asked after it); not 第几大的州
BIG_COUNT = re.compile(r"(?<!第)几(大[^的\W\d]{1,2})(?=[？?呢吗]*$|[，,：:](?![^？?]*(?:多少|几)))")
# 多少年 asks a number of years: "30多年", never a year ("1935年" answers 哪一年)
YEARS = AnswerType("unit-年", r"(?<![0-9０-９])(?![0-9０-９]{4}年)" + NUM + "年")
# A plain 多少 wants a number with whatever unit or measure word follows it: "3.5万吨", "14万块", "5%".
NUMBER = AnswerType("number", NUM + rf"(?:{'|'.join(UNITS[:-1])}|[{MEASURES}]次?)?%?")


SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
# A 2-3 character word is taken for a person's name only with a surname and a role word just before it
# ("退役军人周吉成", "局长张军") or 同志 after it: jieba alone tags 荣誉, 许昌 or 文明 as names too.
PERSON_ROLES = ("军人", "老兵", "战士", "官兵", "英雄", "模范", "标兵", "功臣", "烈士", "书记", "局长", "厅长", "主任",
                "部长", "市长", "县长", "司令员", "政委", "队长", "连长", "班长", "员", "代表", "人物", "老人", "妈妈",
                "大姐", "家属", "军嫂", "军属", "志愿者", "校长", "医生", "院长", "董事长", "经理", "主席", "同学")
ROLE_REACH = max(map(len, PERSON_ROLES))


def is_person(word: str, before: str, after: str) -> bool:
    """A name-tagged word that is a person's name: "周吉成" after "退役军人", not "荣誉" or "许昌"."""
    return word[0] in SURNAMES and (before.endswith(PERSON_ROLES) or after.startswith("同志"))


def tagged_person(text: str) -> bool:
    """Whether jieba cuts the text as one word it tags a person's name (杨靖宇, 吴增成: yes; 民俗文化馆, 黄河: no)."""
    from embeddings.places import posseg

    return [w.flag for w in posseg().cut(text)] == ["nr"]


# 谁 / 哪位 / 局长叫什么 ask for a person: a 2-3 character name with a surname, standing after a role word in
# the passage ("厅长李龙"). The reader gives such spans a bonus and leaves others alone (type_prior).
PERSON = AnswerType("person", rf"[{''.join(sorted(SURNAMES))}][\u4e00-\u9fff]{{1,2}}")
# the nouns a name of a village, site or body ends in (小河村, 大荒沟党史馆…), as 哪个村 asks one and 这个村 points back
# to one (qualifiers.ASKED_HEAD, conversation_across.NAME_HEADS, each with its own few more)
NAME_ENDS = "村|镇|乡|社区|街道|景区|公园|学校|医院|企业|公司|基地|纪念馆|部队"
ASKS_NAME = re.compile(r"谁|叫什么|名字|姓名|哪位")  # a question asking a person's name, with a role or without
PERSON_WORDS = re.compile(rf"谁|哪位|(?:{'|'.join(PERSON_ROLES)})叫什么")


def is_named_person(text: str, start: int, end: int) -> bool:
    """text[start:end] is a person's name: a surname and 1-2 more characters, after a role word."""
    span = text[start:end]
    return PERSON.matches(span) and is_person(span, text[max(0, start - ROLE_REACH):start], "")


@lru_cache(maxsize=4096)  # asked of the same question by the reader and by each check, for every answer
def expected_type(question: str) -> AnswerType | None:
    """The answer type a question asks for, or None when it is not clear.

    "芜湖为部队提供了多少亩用地？" -> number with unit 亩; "投入了多少钱？" -> money; "哪一年获得…？" -> year;
    "这几年接收了多少退役士兵？" -> a number (这几年 says when, it asks for no years); "评上的几个人里，…是哪两位？"
    -> a person (几个人里 says among whom, it asks for no count); "跟周边几个市合作，想做到什么样的服务？" -> None
    (the last clause asks, the count was said).
    """
    question = SAID_AMONG.sub("", SAID_FEW.sub("", RECENT.sub("", question)))
    question = SAID_SPAN.sub("", question) if "多少" in question else question  # 几个月里投的钱有多少: money
    question = SAID_OF.sub("", question) if "多少" in question else question  # 联系的几个村…掏了多少钱: money
    last = re.split(r"[，,]", question)[-1]
    if OTHER_ASK.search(last) and not re.search(r"多少|几", last):  # 跟周边几个市合作，想做到什么样的服务: not a count
        question = last
    if PERSON_WORDS.search(question):
        return PERSON
    if YEAR_WORDS.search(question):
        return YEAR
    if DATE_WORDS.search(question):
        return DATE
    if AGE_ASKED.search(question):  # 平均多大年纪: an age, never 1340对
        return AGE
    size = SIZE_WORDS.search(question)
    if size and "多少" not in question and "几" not in question:  # a rate's 有多高 asks a share (比例有多高 -> 100%)
        return PERCENT if size.group(1) in ("高", "大") and PERCENT_WORDS.search(question) else SIZES[size.group(1) or size.group(2)]
    if "多少" in question or "几" in question:
        quoted = QUOTED_UNIT.search(question) or BIG_COUNT.search(question)  # 几“进”: 九进; 几大任务: 五大任务
        if quoted:
            return AnswerType(f"unit-{quoted.group(1)}", NUM + re.escape(quoted.group(1)))
        named = UNIT_WORDS.search(question)
        if named:
            return YEARS if named.group(1) == "年" else AnswerType(f"unit-{named.group(1)}", NUM + re.escape(named.group(1)))
        if PEOPLE_COUNTED.search(question):  # 管农田的人有多少个 / 有多少个人: people, 3480名, not 58个 (项目)
            return count_type("名")
        unit = COUNT_WORDS.search(question)
        if unit and unit.group(1) not in "余万元次" and question[unit.end(1):unit.end(1) + 1] == "次":  # 多少人次, 台次
            return PERSON_TIMES if unit.group(1) == "人" else AnswerType(f"count-{unit.group(1)}次", NUM + unit.group(1) + "次")
        if unit and unit.group(1) not in "余万元" and _measure_word(question, unit.start(1)):
            return count_type(unit.group(1))  # 多少件 / 多少个 ask for a count even next to 捐 or 金
        if ENERGY_ASKED.search(question):  # 一年要耗多少电: 5380万千瓦时, never the 520万元 of its bill
            return ENERGY
        if PERSON_TIMES_ASKED.search(question):  # 出动的人次有多少: counted in 人次, never in 名 (百余名 is people)
            return PERSON_TIMES
        if RATE_BEFORE_ASK.search(question):  # 公积金贷款现在利率是多少: a rate, though 款 is said
            return PERCENT
        if MONEY_WORDS.search(question) or re.search(r"多少(?:万|亿)?元", question):
            return MONEY
        if PERCENT_WORDS.search(question) and "多少" in question or SHARE_ASKED.search(question):
            return PERCENT
        return NUMBER
    return None


NOUNS_OF_MEASURES = {"部队", "部门", "队伍", "支队", "场所", "条件", "名单", "名次"}


@lru_cache(maxsize=2048)
def _measure_word(question: str, at: int) -> bool:
    """Whether the character at `at` (after 多少/几) is a measure word, not the start of a dictionary word that is no
    measure (jieba's cut; words jieba only guessed, 名随 of 多少名随调…, do not count): 多少双拥示范单位 counts no 双,
    多少人口 no 人; 多少人次, 多少个 and 多少名义务兵 are measures."""
    from embeddings.places import posseg

    tagger = posseg()
    pos = 0
    for word, _ in tagger.cut(question):
        if pos == at:
            known = len(word) > 1 and tagger.tokenizer.FREQ.get(word, 0) > 0
            # 部队, 场所 are nouns of measure characters: 多少部队子女 counts no 部 (jieba's other such words, 场面 of
            # 多少场面向…, are its mis-cuts: those stay measures)
            return not known or all(c in MEASURES for c in word) and word not in NOUNS_OF_MEASURES
        pos += len(word)
        if pos > at:
            return True
    return True


# people counted in 个 (管农田的人有多少个, 有多少个人), not a word 人 begins (多少个人防工程, 多少个人次)
PEOPLE_COUNTED = re.compile(r"的人(?:员)?[^，,。？?的]{0,6}?(?:多少|几)个(?![\u4e00-\u9fff])"
                            r"|(?:多少|几)个人(?![次口数均防员民才大社工力身武居文行气群类])")
PER_HEAD_SAID = re.compile(r"每个?[人名位](?![次均])")


def counts_people_per_head(question: str) -> bool:
    """Whether a question counts people and says 每人 in what it counts (给每人发一次性奖励的兵有多少名): a figure per
    person never answers it.

    >>> counts_people_per_head("给每人发一次性奖励的高原条件兵有多少名？"), counts_people_per_head("每人发多少钱？")
    (True, False)
    """
    atype = expected_type(question)
    return atype is not None and atype.name in ("count-名", "count-人", "count-位") and PER_HEAD_SAID.search(question) is not None


ENERGY_ASKED = re.compile(r"(?:多少|几)(?:度|万度|亿度)?电(?![视话脑子商网站池梯影价费车缆线])")  # 用了多少电; not 多少电费
ENERGY = AnswerType("unit-energy", NUM + r"(?:千瓦时|度|瓦时|kWh|KWh|kW·h)")
# 有多高 / 要多久 / 有多大 at a question's end ask a size in a unit of its own kind: "352万人次" answers none of them
# (宜昌的三峡大坝有多高？). 多长 is a length or a time; 多大 an area.
LENGTH = r"(?:米|公里|千米|厘米|毫米|海里)"
TIME = r"(?:年|个月|月|周|天|日|小时|分钟|秒|个工作日|工作日)"
_LONG, _LASTING = AnswerType("size-length", NUM + LENGTH), AnswerType("size-time", NUM + TIME)
SIZES = {"高": _LONG, "深": _LONG, "宽": _LONG, "远": _LONG, "久": _LASTING, "时间": _LASTING,
         "长": AnswerType("size-length-or-time", NUM + rf"(?:{LENGTH}|{TIME})"),
         "重": AnswerType("size-weight", NUM + r"(?:吨|公斤|千克|克|斤)"),
         "大": AnswerType("size-area", NUM + r"(?:亩|平方米|平米|平方公里|平方千米|公顷)")}
AGE_ASKED = re.compile(r"多大年纪|多大岁数|岁数(?:有)?多大|年龄(?:有|是)?多大|多大年龄")
AGE = AnswerType("size-age", NUM + r"(?:周岁|岁)")
SIZE_WORDS = re.compile(r"多(高|深|宽|远|长|久|重|大)(?:面积|距离)?(?=[？?呢啊吗]*$)|多长(时间)")

SAID_FEW = re.compile(r"(?:这|那|好|哪)几(?=个|[位名家所处项条支批级类种])|哪几(?=[块头]|方面)")  # 那几个乡镇 / 好几个: said, not asked; 哪几级 / 哪几块 / 哪几头 ask which
OTHER_ASK = re.compile(r"什么|啥|哪|谁")  # a last clause asking this asks no count said in a clause before it
SAID_OF = re.compile(r"的几(?=个|[位名家所处项条支批级类种])")  # the several things said before 多少 asks
SAID_SPAN = re.compile(r"几个?(?:年|月|天|周|星期)(?:里|内|来|间|中)")  # a time said beside what 多少 asks
RECENT = re.compile(r"(?:这|近|前|头|过去|最近)几个?(?:年|天|月|周)")  # a time said, not asked
# 评上的几个人里，…是哪两位: "among the several", said before the clause that asks
SAID_AMONG = re.compile(r"几[个位名家所项条]?[\u4e00-\u9fff]{0,4}?(?:里|中|当中|之中)(?=[，,])")

PEOPLE = "名人位"  # 多少名 / 多少人 / 多少位 are answered by any of them: "1200多名" for 转移了多少人
KIN_MEASURES = {"起": "件次", "件": "起", "回": "次", "次": "回起",  # 多少起案子: 342件; 几回: 3次; 几次灾害: 6起
                "家": "户", "户": "家",  # 多少家用人单位: 980户
                "本": "册", "册": "本", "棵": "株", "株": "棵", "辆": "台", "台": "辆", "头": "只", "只": "头"}  # 多少本书: 486万册


OWN_MEASURES = "株棵"  # trees are counted in 株 / 棵 only: 树种20多个 answers no 多少株

PERSON_TIMES_ASKED = re.compile(r"人次数?(?:有|是|共|一共|总共|达到|达)?(?:多少|几)(?![\u4e00-\u9fff])")
PERSON_TIMES = AnswerType("count-人次", NUM + "人次")


def count_type(unit: str) -> AnswerType:
    """A count with its measure word; 个 stands in for any measure ("多少个家庭" -> "975名")."""
    if unit == "个":
        return AnswerType("count-个", NUMBER.pattern)
    # 个 is the general measure word for things: "14个事项" answers 多少件事 (people are counted in 名/人/位)
    group = PEOPLE if unit in PEOPLE else unit + ("" if unit in OWN_MEASURES else "个") + KIN_MEASURES.get(unit, "")
    # one measure word, maybe with another before it or 次 after it: "8600人次" counts 人 and 次, "42个部门" is 42个
    # 几次/几届 are also answered by "N连冠" (won N times running: 八连冠 for 获得过几次全国双拥模范城)
    # 几天: 2.8个工作日 too (first: an alternation takes its first match, and 2.8个 would do)
    running = "连冠|" if unit in "次届回" else "个?工作日|" if unit in "天日" else ""
    return AnswerType(f"count-{unit}", NUM + rf"(?:{running}[{MEASURES}]?[{group}]次?)")


def grow(text: str, start: int, end: int, atype: AnswerType, *, reach: int = 4) -> tuple[int, int] | None:
    """The expected-shape match in text that holds text[start:end] and reaches at most `reach` characters
    beyond it, or None: "荣获“九连冠”" with the span "九" and 几连冠 -> the offsets of "九连冠"; "挂牌近14万块"
    with the span "14万块" and 多少块 -> "近14万块" (regex matches are leftmost-longest)."""
    lo = max(0, start - reach)
    found = [(lo + a, lo + b) for a, b in atype.find(text[lo:end + reach]) if lo + a <= start and end <= lo + b]
    if not found:
        return None
    a, b = found[0]
    # 近 / 约 / 超 / 逾 belong to the answer ("近14万块"); 共 / 达 / 累计 in front of it do not
    return (a if re.fullmatch(r"[近约超逾]*", text[a:start]) else start), b


def snap(span: str, atype: AnswerType) -> tuple[int, int] | None:
    """Offsets of the last expected-shape match inside a longer span, or None.

    With money: "2022年以来，吴忠军分区投资30万元" -> (15, 19).
    """
    found = atype.find(span)
    return found[-1] if found else None
