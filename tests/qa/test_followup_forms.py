"""Follow-ups of forms a person uses that the first resolver missed (measured on held-out conversations,
docs/results.md, "Thirteenth session"), and a place inside a name about no place (纪念延安双拥运动80周年)."""
from types import SimpleNamespace

import pytest

from embeddings.types import Passage, Report
from qa.assistant import Assistant
from qa.conversation import Turn, resolve
from qa.reading.concepts import hide, said_elsewhere, show
from qa.reading.places import ReportPlaces
from qa.settings import Settings
from qa.types import Hit

KNOWN = {"延安市", "许昌市", "广安市", "北海市", "保定市"}


@pytest.mark.parametrize("question, last, expected", [
    # a place said on its own first, then a question of its own: asked of that place
    ("延安呢？那边被评为全国退役军人工作模范的个人是谁？", "许昌出的那位全国最美拥军人物叫什么？",
     "延安被评为全国退役军人工作模范的个人是谁？"),
    ("换保定问一下，那次军民一起种树是在哪块地方种的？", "北海建了几座双拥公园？", "保定那次军民一起种树是在哪块地方种的？"),
    ("换保定说说，那边把双拥工作放进了哪些考核里？", "北海建了几座双拥公园？", "保定把双拥工作放进了哪些考核里？"),
    # a described person with 呢: asked as the last question asked (its name)
    ("拿到“全国五一劳动奖章”的那位退役军人呢？", "许昌出的那位全国最美拥军人物叫什么？",
     "许昌拿到“全国五一劳动奖章”的那位退役军人叫什么？"),
    # a new thing with no verb after a question asking when: asked when too
    ("那双拥工作领导小组全体会议暨创建推进会呢？", "许昌开双拥模范城市动员会是哪一天？",
     "许昌双拥工作领导小组全体会议暨创建推进会是哪一天？"),
    # a short follow-up opening with its ask, asked of what the last question said (its ask cut off)
    ("什么时候建的？", "北海的双拥公园叫什么名字？", "北海的双拥公园，什么时候建的？"),
    ("在哪儿办的？", "许昌举办了几场退役军人专场招聘会？", "许昌举办了退役军人专场招聘会，在哪儿办的？"),
    ("当时谁牵头？", "许昌的边防委员会是哪年成立的？", "许昌当时谁牵头？"),  # the last asks mid-way: the place only
    # the places within the one talked about: scoped to it, not a list across places
    ("双拥街道和双拥夜市重点放在了哪些区县？", "广安打造的双拥广场一共多少处？", "广安双拥街道和双拥夜市重点放在了哪些区县？"),
    ("还有哪些城市也建了双拥广场？", "广安打造的双拥广场一共多少处？", "还有哪些城市也建了双拥广场？"),  # across: as asked
    # a bare unit in the place of the last question's unit; a bare thing asked as the last question asked
    ("那武警北海支队呢？", "北海91192部队对口帮扶的是哪个村？", "北海武警北海支队对口帮扶的是哪个村？"),
    ("给26个伤病残和特困人员的慰问金呢？", "保定给61名困难企业军转干部发的困难补助是多少钱？",
     "保定给26个伤病残和特困人员的慰问金是多少钱？"),
    # 那一项: the thing sharing its head swapped in; a counted thing that jieba cuts oddly (文明村 + 道) swapped whole
    ("各级各类毕业生那一项呢？", "延安今年征兵，大学毕业生的比例高了多少？", "延安今年征兵，各级各类毕业生的比例高了多少？"),
    ("新农村示范点呢？", "驻许部队帮着建了几个文明村道？", "驻许部队帮着建了几个新农村示范点？"),
    # an area of work with 这块 after a question asking what was done: what the place did in it; after a count, as before
    ("军事用地这块呢？", "部队来演训的时候，北海帮着解决哪些问题？", "北海在军事用地方面做了什么？"),
    ("军事用地呢？", "部队来演训的时候，北海帮着解决哪些问题？", "军事用地呢？"),
    # another thing in the place of one named before the comma: the clause after it asked of the new thing
    ("那符合政府安排工作条件的退役士兵呢？", "广安的军队转业干部，都安置到了哪类岗位上？",
     "广安符合政府安排工作条件的退役士兵，都安置到了哪类岗位上？"),
    # 那里 after a noun is that noun's "there", not the place talked about; 驻那儿 still is
    ("双拥在各级党委中心组那里算作什么？", "保定把双拥纳入了哪些学习？", "保定双拥在各级党委中心组那里算作什么？"),
    ("驻那儿的部队平时靠什么小组办事？", "保定建了多少个服务站？", "驻保定的部队平时靠什么小组办事？"),
    # another subject of the last question's how: the same ask of it
    ("那各个部门呢？", "保定抓双拥有一套分工的格局，里面分管领导是怎么个抓法？", "保定抓双拥有一套分工的格局，里面各个部门是怎么个抓法？"),
    # …of what a subject of two offices does; 那区政府 is an office, not "that district" and 政府
    ("那区政府呢？", "在保定那套分工里，武装部和双拥办主要管什么？", "在保定那套分工里，区政府主要管什么？"),
    ("那市政府呢？", "保定抓双拥的格局里，分管领导是怎么个抓法？", "保定抓双拥的格局里，市政府是怎么个抓法？"),
    ("那个区呢？", "保定有多少个服务站？", "保定呢？"),  # still the place talked about
    ("那区上派了几个？", "保定区人武部派了几名军队人员？", "保定派了几个？"),  # 区上 / 市里: the place, not 保定上
    # a place said first, then a colloquial how (咋说) with 它: 它 is that place, not the last answer
    ("那保定呢？它的领导机制是咋说的？", "延安抓双拥，说是形成了一套什么样的工作机制？", "保定的领导机制是咋说的？"),
    # 换到 a place, then 驻那儿的: the place just said, not the one talked about
    ("换到北海，驻那儿的部队拿了多少钱参与乡村振兴？", "广安给退伍兵补缴社保花了多少钱？", "驻北海的部队拿了多少钱参与乡村振兴？"),
    # a bare act of two characters without 了: asked of the last question's lead
    ("涉及多少人？", "广安帮退伍兵把社保补缴上，花了多少钱？", "广安帮退伍兵把社保补缴上涉及多少人？"),
    # a thing the last question introduced (有个…), pointed at with the same measure word: its clause asked first
    ("这个兵叫什么名字？", "保定有个在西藏守了十年哨所的战士回老家结婚，局长包了多大的红包？",
     "保定有个在西藏守了十年哨所的战士回老家结婚，这个兵叫什么名字？"),
])
def test_follow_up_forms(question, last, expected):
    assert resolve(question, [Turn(last, "")], KNOWN) == expected


def reports():
    said = "今年是纪念延安双拥运动80周年，{}开展了系列活动。"
    places = ["北海市", "芜湖市", "保定市", "延安市"]
    return [Report(i, "t", f"{p}双拥工作综述", "", "s", said.format(p), (p,)) for i, p in enumerate(places, 1)]


def test_a_place_that_other_places_reports_say_before_the_same_words_names_a_thing():
    assert said_elsewhere("延安双拥运动", "延安", reports()) and not said_elsewhere("北海开展活动", "北海", reports())
    names = {"延安双拥运动"}
    book = ReportPlaces(reports())
    assert book.named("北海纪念延安双拥运动80周年开了几场晚会？") == ["北海"]
    assert book.named("延安纪念延安双拥运动80周年开了几场晚会？") == ["延安"]  # said as a place too
    hidden = hide("纪念延安双拥运动80周年", names)
    assert "延安" not in hidden and show(hidden) == "纪念延安双拥运动80周年"
    assert not said_elsewhere("延安双拥运动", "延安", reports()[:2] + reports()[3:])  # two other places: a place
    assert ReportPlaces(reports()[:2] + reports()[3:]).named("北海纪念延安双拥运动80周年开了几场晚会？") == ["北海", "延安"]


class OneReportRetriever:
    """The passages of the reports above; records the questions asked."""

    def __init__(self):
        self.index = SimpleNamespace(reports=reports())
        self.asked = []

    def search_batch(self, queries, k=None, **options):
        self.asked += list(queries)
        hits = [Hit(Passage(f"r{r.number:03d}-p001", r.number, r.text, 0, len(r.text), subtitle=r.subtitle,
                            places=r.places), 0.5, 1) for r in self.index.reports]
        return [hits for _ in queries]


class NoReader:
    def read_batch(self, questions, passages, **options):
        from qa.reading.reader import ReadResult
        return [ReadResult((), -9.0) for _ in questions]


def test_the_assistant_keeps_the_place_talked_about_when_a_follow_up_says_such_a_name():
    a = Assistant(OneReportRetriever(), NoReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None,
                                                                      reword=False))
    r = a.ask("纪念延安双拥运动80周年那阵子开了个什么运动会？", history=[Turn("北海宣传的那位拥军模范是谁？", "姚小玲")])
    assert r.question_used == "北海纪念延安双拥运动80周年那阵子开了个什么运动会？"
    assert a.retriever.asked == ["北海纪念延安双拥运动80周年那阵子开了个什么运动会？"]
