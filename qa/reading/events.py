"""When a question asks the year or date of an event (哪一年服役的？, 什么时候建成投用的？), the sentence giving the answer
must say that event, in the question's word or one of its kin: 2022年 of "2022年安阳遭遇奥密克戎，海军安阳舰…发来慰问信"
dates another event than 安阳舰's commissioning.

Likewise, how many people a place has is not the number some act reached: 开封全市现在一共有多少退伍军人？ asks a population; the reports often give none, and the reader then answers a figure
of the same people in another act: 6200余名退役军人 who joined a flood rescue, 为73名退役军人发放…, 动员全市2.6万名退役军人
志愿者. A bare question of how many people a place has (`asks_population`) is answered only by a figure that its
clause says as a count of them: after a word of having (全市共有…, 现有, 达), or right after the people's noun
(退役军人6384人); `acted_on` says when an answer is not. Such an answer is refused like an answer dating another
event (`unsaid_event`).
"""
from __future__ import annotations

import re

from qa.reading.answer_types import DATE, YEAR, expected_type
from qa.types import Answer

# kin words of an event: a question naming one of a group is answered by a sentence naming one of the same group
EVENTS = (
    ("建成", "落成", "竣工", "建设", "修建", "建起", "投用", "投入使用", "开放", "开馆", "揭牌", "启用",
     "建好", "修好", "盖好", "完工", "用上"),  # everyday: 啥时候建好开始用的 asks 建成投用
    ("成立", "组建", "创建", "设立", "挂牌", "揭牌", "建立", "成军"),  # 哪天挂牌的: 揭牌运行
    ("服役", "入列", "列装", "命名", "交付"),
    ("开通", "通车", "开行", "首航"),
    ("公布", "发布", "印发", "出台", "制定", "颁布", "推出"),
    ("获得", "获评", "评为", "评选", "荣获", "荣膺", "获", "赢得", "摘得", "夺得", "命名", "实现", "蝉联", "成为", "入选",
     "授予", "表彰"),
    ("召开", "举行", "举办", "开"),
    ("推出", "应运而生", "上线", "启动", "开展", "开始", "起", "以来"),
    ("共建", "结对", "签约", "签订"),
)
SENTENCE_END = "。；！？!?;\n"


def asked_events(question: str) -> tuple[str, ...]:
    """The event words of a year or date question: every kin of each group the question names a word of.

    >>> asked_events("海军安阳舰是哪一年服役的？")[:3], asked_events("张掖有多少名退役军人？")
    (('服役', '入列', '列装'), ())
    """
    if expected_type(question) not in (YEAR, DATE):
        return ()
    words: list[str] = []
    for group in EVENTS:
        if any(w in question for w in group if len(w) >= 2):
            words += [w for w in group if w not in words]
    return tuple(words)


def unsaid_event(question: str, answer: Answer) -> bool:
    """Whether a year or date answer's sentence says none of the event words the question asks the date of.

    >>> from embeddings.types import Passage
    >>> t = "2022年安阳遭遇奥密克戎，海军安阳舰全体官兵发来慰问信。2016年海军安阳舰入列。"
    >>> p = Passage("r1-p1", 1, t, 0, len(t))
    >>> unsaid_event("海军安阳舰是哪一年服役的？", Answer("2022年", 1.0, p, 0, 5))
    True
    >>> unsaid_event("海军安阳舰是哪一年服役的？", Answer("2016年", 1.0, p, 29, 34))
    False
    """
    words = asked_events(question)
    if not words:
        return False
    text = answer.passage.text
    start = max(text.rfind(c, 0, answer.start) for c in SENTENCE_END) + 1
    ends = [i for i in (text.find(c, answer.end) for c in SENTENCE_END) if i >= 0]
    sentence = text[start:min(ends) if ends else len(text)]
    return not any(w in sentence for w in words)


# the bare ask: [place][全市][现在][一共]有多少[名]<people>？
POPULATION = re.compile(r"有(?:多少|几)(?:名|位|个)?(?P<noun>[\u4e00-\u9fff]{2,8}?)(?:呢|啊)?[？?]?$")
PEOPLE_END = ("人", "员", "者", "对象", "兵", "属", "干部", "群众", "师")
AROUND = re.compile(r"全市|全区|全县|全省|全州|现在|目前|眼下|如今|一共|总共|共|这个|那个|该|那边|那里|这里|[市县区]$"
                    r"|(?:这|那|该)(?:支|个)?[^，,？?]{0,16}?(?:队伍|队|团|协会|组织)[，,]?")  # 那支…服务队: its members
# after a figure of the people: an act they were counted in (2名队员获评…), not how many there are
ACT_AFTER = re.compile(r"(?:获评|获得|荣获|被评为|评为|入选|参加|参与|受到|立功|荣立)")
PLACE_MOST = 5  # characters a place before the ask may have
HAVING = re.compile(r"有|达|总数|总量|共计|总计|登记|在册")
CLAUSE_STOPS = "，,。；;！？!?\n｜"
LABEL_TAIL = re.compile(r"(?:[（(][^（）()]*[）)])?[：:]?$")


def asks_population(question: str) -> str:
    """The people a bare how-many-people-a-place-has question counts, else "".

    >>> asks_population("开封全市现在一共有多少退伍军人？"), asks_population("灵台县有多少现役军人？")
    ('退伍军人', '现役军人')
    >>> asks_population("张掖给多少退役军人建了档？"), asks_population("北海有多少个服务站？")  # an act; no people
    ('', '')
    """
    ask = POPULATION.search(question)
    if not ask or not ask.group("noun").endswith(PEOPLE_END):
        return ""
    place = AROUND.sub("", AROUND.sub("", question[:ask.start()]))
    return ask.group("noun") if len(place) <= PLACE_MOST else ""


def acted_on(question: str, answer: Answer) -> bool:
    """Whether a bare population question is answered by a figure its clause does not say as a count of the people
    (no word of having before it, not right after their noun).

    >>> from embeddings.types import Passage
    >>> def cut(t, a): return Answer(a, 1.0, Passage("r1-p1", 1, t, 0, len(t)), t.index(a), t.index(a) + len(a))
    >>> t = "让1300余名退役军人实现了就业。全市共有执业律师1420名，退役军人6384人。"
    >>> asked = [("安阳全市一共有多少名退役军人？", "1300余名"), ("灵台县一共有多少退役军人？", "6384人"),
    ...          ("鞍山现在有多少个执业律师？", "1420名")]
    >>> [acted_on(q, cut(t, a)) for q, a in asked]  # an act's people; the people had, said after 共有 or their noun
    [True, False, False]
    >>> acted_on("黄山歙县有多少个专业打火的队员？", cut("各区县情况｜歙县｜专业扑火队员（人）：410；新建阻隔带：36", "410"))
    False
    >>> t = "入选“全国退役军人关爱青少年志愿服务队”，2名队员获评全国“河湖卫士”"
    >>> acted_on("西区那支“木棉花”退役军人志愿服务队，一共有多少名队员？", cut(t, "2名")), acted_on("西区这支队伍有多少名队员？", cut(t, "2名"))
    (True, True)
    """
    noun = asks_population(question)
    if not noun or not re.search(r"[0-9一二三四五六七八九十两]", answer.text):
        return False
    text = answer.passage.text
    clause = text[max(text.rfind(c, 0, answer.start) for c in CLAUSE_STOPS) + 1:answer.start]
    clause = LABEL_TAIL.sub("", clause)  # a table cell's label: 专业扑火队员（人）：410
    after = text[answer.end:answer.end + len(noun) + 4]  # 2名队员获评全国“河湖卫士”: an act's count
    if after.startswith(noun[-2:]) and ACT_AFTER.match(after, 2):
        return True
    return bool(clause) and not HAVING.search(clause) and not clause.endswith(noun[-2:])
