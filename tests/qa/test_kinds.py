"""Question kinds and each place's own question, on hand-written cases."""
import pytest

from qa.kinds import QuestionKind, detect
from qa.rewrite import for_place

KNOWN = {"张掖市", "芜湖市", "来宾市", "通化市", "开封市", "许昌市", "延安", "汉中市", "灵台县", "六盘水市", "广安市", "保定市", "西区", "西固区", "吴忠市"}


@pytest.mark.parametrize("question, kind, places, direction", [
    ("芜湖和来宾，谁建的退役军人服务站更多？", "compare", ("芜湖", "来宾"), "more"),
    ("延安和汉中谁更早被评为全国双拥模范城？", "compare", ("延安", "汉中"), "earlier"),
    ("通化和来宾哪个城市的服务站少一些？", "compare", ("通化", "来宾"), "less"),
    ("六盘水比灵台县多安置了多少名退役军人？", "compare", ("六盘水", "灵台"), "more"),
    ("张掖、芜湖、通化给部队的土地加起来一共多少亩？", "total", ("张掖", "芜湖", "通化"), ""),
    ("张掖给的和芜湖给的土地加一块儿，是多少亩？", "total", ("张掖", "芜湖"), ""),
    ("安阳加上开封，一共有多少名退役军人？", "single", ("开封",), ""),  # 安阳 is not indexed here
    ("哪些城市为驻地部队划拨了土地？", "list", (), ""),
    ("有几个地方建了双拥主题公园？", "list", (), ""),
    ("设置了军人荣誉墙的地方有哪些？", "list", (), ""),  # the kind of place before the list words, at the end
    ("建了双拥林的县都是哪几个呢？", "list", (), ""),
    ("有人获评“全国最美拥军人物”的城市有哪些？（只算获评的，入围不算）", "list", (), ""),  # a note after the question
    ("芜湖的汇演和张掖的救助，哪个连着办的年头更长？", "compare", ("芜湖", "张掖"), "more"),  # 更长 / 更久 compare too
    ("芜湖和张掖，谁办得更久？", "compare", ("芜湖", "张掖"), "more"),
    ("芜湖要长期坚持什么？", "single", ("芜湖",), ""),  # 要长期: no comparison
    ("开封加固的堤坝，跟张掖疏通的沟渠比，哪个长？", "compare", ("开封", "张掖"), "more"),  # a bare 长 where it ends
    ("开封和张掖，哪个时间短一些？", "compare", ("开封", "张掖"), "less"),
    ("开封和张掖的示范街哪个有多长？", "single", ("开封", "张掖"), ""),  # 多长 asks a size
])
def test_detects_kinds_and_places_in_order(question, kind, places, direction):
    got = detect(question, KNOWN)
    assert (got.kind, got.places, got.direction) == (kind, places, direction)


def test_each_over_named_places_is_a_list_of_values():
    got = detect("开封、许昌各建成了多少个退役军人服务站？", KNOWN)
    assert got == QuestionKind("list", ("开封", "许昌"), "", each=True)


@pytest.mark.parametrize("question", [
    "张掖一共划拨了多少亩土地？",  # a total word, one place
    "芜湖和部队共建了哪些项目？",  # 和 + 哪些, one place
    "开封和许昌都属于哪个省？",  # two places, a who-word, no direction
    "哪个部队在张掖驻扎的时间最长？",  # 哪个…最长 about one place
    "来宾市都有谁获得了模范军属称号？",  # 都有谁 within one place
    "各地为部队划拨土地的政策有什么不同？",  # 各地 is no list of places
    "双拥工作中有哪些好的做法？",  # 哪些 without a kind of place
    "这个县有哪些？",  # a one-character kind of place needs its 的 (建了双拥林的县有哪些)
    "张掖有哪些地方建了双拥林？",  # places within one named place
    "那位三代从军的退役军人，拿过哪些省里的称号？",  # 哪些省里的称号: titles, no provinces
    "钦州有哪些市级退役军人服务中心？",  # 市级 qualifies the thing listed
])
def test_look_alikes_stay_single(question):
    assert detect(question, KNOWN).kind == "single"


@pytest.mark.parametrize("question, place, expected", [
    ("芜湖和来宾，谁建的退役军人服务站更多？", "芜湖", "芜湖建了多少退役军人服务站？"),
    ("芜湖和来宾，谁建的退役军人服务站更多？", "来宾", "来宾建了多少退役军人服务站？"),
    ("张掖、芜湖、通化给部队的土地加起来一共多少亩？", "通化", "通化给部队的土地多少亩？"),
    ("延安和汉中谁更早被评为全国双拥模范城？", "汉中", "汉中被评为全国双拥模范城是哪一年？"),
    ("开封市、许昌市哪一个投入的资金更高？", "许昌", "许昌市投入了多少资金？"),
    ("芜湖给部队的用地比来宾多吗？", "来宾", "来宾给部队的用地有多少？"),
    ("六盘水比灵台县多安置了多少名退役军人？", "灵台", "灵台安置了多少名退役军人？"),
    ("张掖与芜湖两市累计为部队划拨的土地共计多少亩？", "芜湖", "芜湖累计为部队划拨了多少亩土地？"),
    ("来宾、通化的退役军人服务站总数是多少？", "通化", "通化的退役军人服务站数量是多少？"),
    ("开封、许昌各建成了多少个退役军人服务站？", "许昌", "许昌建成了多少个退役军人服务站？"),
    ("张掖和芜湖给部队划拨土地，两地加起来划了多少亩？", "芜湖", "芜湖给部队划拨土地划了多少亩？"),  # 两地: not 芜湖's
    ("张掖和芜湖划拨土地，两个地方哪个更多？", "张掖", "张掖划拨土地有多少？"),
    ("哪些城市为驻地部队划拨了土地？", "张掖", "张掖为驻地部队划拨了多少土地？"),
    ("有几个地方建了双拥主题公园？", "张掖", "张掖建了多少双拥主题公园？"),
    ("给随军家属发生活补助的有哪些市？", "来宾", "来宾给随军家属发生活补助什么？"),
    ("来宾和芜湖，这几年接收的退役士兵哪边更多？", "来宾", "来宾这几年接收了多少退役士兵？"),  # 这几年 asks nothing
    # each place with a clause of its own: that clause alone, the other's never mixed in
    ("芜湖每年走访的军人家庭，加上张掖走访的困难退役军人，加起来一共多少户？", "张掖", "张掖走访了多少户困难退役军人？"),
    ("芜湖每年走访的军人家庭，加上张掖走访的困难退役军人，加起来一共多少户？", "芜湖", "芜湖每年走访了多少户军人家庭？"),
    ("寄贺卡这些心意，芜湖组织做的，和来宾寄到边防部队的，哪边数量多？", "来宾", "寄贺卡这些心意，来宾寄到边防部队的数量有多少？"),
    # a short clause of its own (灵台慰问的) is still the place's own: 芜湖's 每年 is never 灵台's
    ("边海防官兵的家，芜湖每年走访的加上灵台慰问的，合计多少户？", "灵台", "边海防官兵的家灵台慰问的多少户？"),
    # where the figure is said is no part of what is asked; the place then leads, the noun the verb's object
    ("挂出去的光荣牌，张掖和许昌报告里给的数，谁更多？", "许昌", "许昌挂出去了多少光荣牌？"),
    # the years an activity ran, compared by 年头更长: asked as how many years
    ("芜湖的八一汇演和张掖的专项救助，哪个连着办的年头更长？", "张掖", "张掖的专项救助连着办了多少年？"),
    # parts split by ； each naming one place: each place's own part, the shared ask after the last one
    ("暴雨天：广安下暴雨那回，驻军在一线连着干了多长时间；保定积水那回，部队转运群众又干了多长时间？哪边更久？", "广安",
     "暴雨天，广安下暴雨那回，驻军在一线连着干了多长时间？"),
    # a place after its city's name, past a 、 (、兰州西固…): a clause of its own
    ("优待金：西区累计发的家庭优待金、兰州西固发的家庭优待金，再加上吴忠落实的优待金，三地合起来多少钱？", "西固",
     "优待金，兰州西固发的家庭优待金多少钱？"),
    # a closing clause that only compares: dropped after a clause asking 多少个 (not 多少个服务站服务站), or naming
    # nothing (哪件事更早: a date asked); after a bare 多少 it says what is counted (又有多少面积)
    ("服务站有多少：芜湖建的服务站一共多少个，来宾建的服务站有多少个，哪边服务站多？", "来宾", "服务站有多少来宾建了多少个服务站？"),
    ("两件事谁在前：开封的孵化园揭牌，跟来宾设立第一家服务站，哪件事更早？", "来宾", "两件事在前，来宾设立第一家服务站是哪一年？"),
    ("让出去的土地：张掖划拨的土地有多少，芜湖划拨的土地又有多少，哪边面积大？", "芜湖", "让出去的土地，芜湖划拨的土地又有多少面积？"),
    # a closing sentence naming no place (？两边合计多少个？ ？谁的年头长？) is shared: the place's own clause asks
    ("市一级的服务中心，芜湖建了几个，来宾建了几个？两边合计多少个？", "来宾", "市一级的服务中心来宾建了几个？"),
    ("张掖和芜湖的机场，各开通了多少条航线？两地加起来一共多少条？", "芜湖", "芜湖的机场开通了多少条航线？"),
    ("一件事坚持了多少年：芜湖的老兵守了几年，来宾驻军连着植树又是多少年？谁的年头长？", "来宾",
     "一件事坚持了多少年，来宾驻军连着植树又是多少年？"),
])
def test_rewrites_for_one_place(question, place, expected):
    """(The verbal form is applied to the tidied question: a dropped comparison leaves no "？" or a stray "，".)"""
    assert for_place(question, detect(question, KNOWN), place) == expected


@pytest.mark.parametrize("question, place, expected", [
    ("濮阳为部队划拨的土地多少亩？", "濮阳", "濮阳为部队划拨了多少亩土地？"),  # a verb before 的: its object
    ("广安的退役军人服务站有多少？", "广安", "广安有多少退役军人服务站？"),  # the place's own: 有多少
    ("通化给部队的土地多少亩？", "通化", "通化给部队的土地多少亩？"),  # no verb before 的: as it was
    ("通化的服务站数量是多少？", "通化", "通化的服务站数量是多少？"),  # a measure noun: as it was
    ("挂出去的标语灵台有多少？", "灵台", "灵台挂出去了多少标语？"),  # the place just before the ask leads
    ("西固接收的转业士官多少人？", "西固", "西固接收了多少名转业士官？"),  # 多少名 before a noun, not 多少人
    ("吴忠送的慰问物资价值多少？", "吴忠", "吴忠送的慰问物资价值多少？"),  # 价值 of a noun is no verb's object
    ("乌海替人交的医疗保险费交得有多少？", "乌海", "乌海替人交的医疗保险费交得有多少？"),
    ("每月能拿的补助来宾每月给多少？", "来宾", "每月能拿的补助来宾每月给多少？"),  # the place inside: no noun
    ("让出去的土地又有多少？", "芜湖", "让出去的土地又有多少？"),  # 又 before 有多少 is no noun's end
])
def test_verbal_puts_a_noun_phrase_back_as_an_object(question, place, expected):
    from qa.rewrite import verbal

    assert verbal(question, place) == expected


def test_a_place_qualifying_the_next_is_not_compared():
    from qa.kinds import named_in_order

    known = {"河北省", "邯郸市", "保定市"}
    assert named_in_order("河北省邯郸市和保定市谁的服务站更多？", known) == ["邯郸", "保定"]
    assert detect("河北省邯郸市和保定市谁的服务站更多？", known).places == ("邯郸", "保定")
    assert named_in_order("河北和邯郸谁的服务站更多？", known) == ["河北", "邯郸"]


def test_a_place_named_as_another_s_neighbour_is_an_example_not_a_part():
    from qa.reading.places import question_places

    known = {"安阳市", "邯郸市", "张掖市", "芜湖市"}
    question = "安阳跟邯郸这些周边城市搞就业创业合作，一共拉上了几个地市？"
    assert detect(question, known) == detect("安阳搞就业创业合作，一共拉上了几个地市？", known)
    assert detect(question, known).kind == "single" and detect(question, known).places == ("安阳",)
    assert question_places(question) == ["安阳"]  # 周边城市 is no place (it ends in 市)
    assert detect("张掖和芜湖等地一共划拨了多少亩土地？", known).kind == "total"  # 等地: both asked


@pytest.mark.parametrize("question, kind, places, direction", [
    ("張掖和蕪湖，誰劃撥的土地更多？", "compare", ("張掖", "蕪湖"), "more"),
    ("張掖、蕪湖加起來一共劃撥了多少畝土地？", "total", ("張掖", "蕪湖"), ""),
    ("有哪幾個城市為部隊劃撥了土地？", "list", (), ""),
    ("張掖累計為駐地部隊劃撥了多少畝土地？", "single", ("張掖",), ""),
])
def test_a_traditional_question_of_a_traditional_collection_gets_its_kind(question, kind, places, direction):
    """The kind words are read in Simplified (誰, 幾, 加起來), the places kept as the collection writes them."""
    found = detect(question, {"張掖市", "蕪湖市", "來賓市"})
    assert (found.kind, found.places, found.direction) == (kind, places, direction)


def test_a_yes_no_question_over_the_places_is_a_list_of_those_that_did():
    from qa.kinds import one_ask

    assert detect("有没有地方建了双拥公园？", KNOWN).kind == "list"  # which did, not yes or no
    assert detect("有没有城市让军人免费坐公交？有的话是哪些？", KNOWN).kind == "list"
    assert one_ask("有没有地方把军人立功的奖励标准往上提了？都是哪些？") == "哪些地方把军人立功的奖励标准往上提了？"
    assert detect("张掖有没有地方建了双拥公园？", KNOWN).kind == "single"  # within one place: its own question
    assert for_place("有没有地方建了双拥公园？", detect("有没有地方建了双拥公园？", KNOWN), "张掖") == "张掖建了多少双拥公园？"


def test_a_short_clause_without_de_is_no_clause_of_its_own():
    """驻芜湖部队 (no 的, three characters beside the place) says what is counted only with the rest: never cut alone."""
    question = "驻芜湖部队和张掖军分区投到乡村振兴上的钱，加起来一共多少？"
    assert "乡村振兴" in for_place(question, detect(question, KNOWN), "芜湖")


def test_a_question_naming_no_place_is_asked_as_it_is_for_no_place():
    from qa.rewrite import for_place, own_clause

    # a list question read as single (eval.fit_list_choice asks each labelled list so) names no place: no clause of
    # its own, and its question comes back (tidied) rather than failing
    assert own_clause("退役军人服务站，建了多少个？", (), "") is None
    assert for_place("退役军人服务站，建了多少个？", QuestionKind("single"), "") == "退役军人服务站建了多少个？"


def test_each_side_said_on_its_own_is_asked_alone_when_closed_by_bi_or_listed_after_a_colon():
    """…西固孵化的那些公司和邯郸军创园比，…: 军创园 (three characters) is 邯郸's whole side, closed by 比; after a colon,
    sides joined by 、 are a clause each, and 两边 counts the places, no place's own words."""
    question = "退役军人创业带出来的就业，西固孵化的那些公司和邯郸军创园比，哪边带得少？"
    kind = detect(question, KNOWN | {"西固区", "邯郸市"})
    assert "孵化" not in for_place(question, kind, "邯郸") and "军创园" in for_place(question, kind, "邯郸")
    question = "在看病上照顾优抚对象：来宾发医疗保障金、芜湖代交城乡医保，两边加起来照顾了多少名？"
    asked = for_place(question, detect(question, KNOWN), "芜湖")
    assert "代交城乡医保" in asked and "医疗保障金" not in asked and "两边" not in asked


def test_before_and_after_compare_dates():
    known = {"许昌市", "通化市", "襄阳市", "海勃湾区"}
    assert detect("许昌那篇双拥综述和通化那篇，落款哪个在前面？", known).direction == "earlier"
    assert detect("许昌和通化的报告，哪篇日子靠后？", known).direction == "later"
    assert detect("许昌和通化，谁在前线？", known).kind == "single"  # 在前线 is no direction


def test_a_place_compared_with_的比_is_dropped_whole():
    from qa.rewrite import for_place

    kind = detect("襄阳的双拥综述跟海勃湾区的比，哪篇写得早些？", {"襄阳市", "海勃湾区"})
    assert for_place("襄阳的双拥综述跟海勃湾区的比，哪篇写得早些？", kind, "海勃湾") == "海勃湾的双拥综述写得是哪一年？"
    ratio = detect("襄阳和海勃湾区的比例，谁更高？", {"襄阳市", "海勃湾区"})
    assert "比例" in for_place("襄阳和海勃湾区的比例，谁更高？", ratio, "襄阳")  # 的比例 is no comparison


def test_a_place_s_other_name_in_brackets_is_the_same_place_asked_once():
    from qa.kinds import named_in_order
    from qa.rewrite import for_place

    known = {"庆阳市", "陇东", "许昌市", "灵台县", "漳州市", "闽南"}
    total = "当兵的帮村里修路：庆阳（陇东）驻军新修的进户公路，加上许昌驻军援建整修的乡村道路，一共多少公里？"
    assert named_in_order(total, known) == ["庆阳", "许昌"] and detect(total, known).kind == "total"
    compare = "活动场次：灵台办国防知识竞赛的场次，跟漳州（闽南）那个体验站累计办的活动场次比，哪个多？"
    kind = detect(compare, known)
    assert kind.places == ("灵台", "漳州")
    assert "闽南" not in for_place(compare, kind, "漳州") and "漳州" in for_place(compare, kind, "漳州")


def test_which_day_or_which_event_first_compares_days():
    from qa.rewrite import for_place

    known = {"广安市", "保定市", "吴忠市", "许昌市"}
    days = "广安驻军上防汛一线那天，跟保定驻军转运滞留旅客那天，哪天更早？"
    kind = detect(days, known)
    assert (kind.kind, kind.direction) == ("compare", "earlier")
    assert for_place(days, kind, "保定").endswith("是哪一天？")  # a day asked, not a year
    events = "6月上旬的两件事：吴忠给示范学校授牌，跟许昌连指导员讲国防课，哪件在前？"
    assert (detect(events, known).kind, detect(events, known).direction) == ("compare", "earlier")
    assert for_place(events, detect(events, known), "吴忠").endswith("是哪一天？")  # a month named: its day
    years = detect("吴忠和许昌谁先成立的服务中心？", known)
    assert for_place("吴忠和许昌谁先成立的服务中心？", years, "许昌").endswith("是哪一年？")
    held = "濮阳志愿服务队给居民表演那回，跟保定庆祝建军96周年的文艺汇演比，哪个办得早？"
    kind = detect(held, {"濮阳市", "保定市"})
    assert (kind.kind, kind.direction) == ("compare", "earlier")
    assert for_place(held, kind, "保定").endswith("是哪一天？")  # an event held: its day


def test_a_comparison_asking_whose_people_are_more_asks_how_many_people_once():
    from qa.rewrite import for_place

    known = {"广安市", "保定市"}
    asked = "广安大暴雨时驻军疏散转移的群众，跟保定部队在保定东站接送转移的人，哪边人多？"
    kind = detect(asked, known)
    # 哪边人多 asks people: 有多少人, never 多少群众人 or 多少人人
    assert "群众人" not in for_place(asked, kind, "广安") and "人人" not in for_place(asked, kind, "保定")
    assert for_place(asked, kind, "广安").endswith("多少名群众？") and for_place(asked, kind, "保定").endswith("多少人？")
    whose = detect("延安评出来的人数跟保定评的比，谁家多？", known | {"延安市"})
    assert "多少家" not in for_place("延安评出来的人数跟保定评的比，谁家多？", whose, "延安")  # 谁家 is who, not 家
