"""Place lists' parts as shown: a stray reader span gives way to the clause naming the listed thing."""
import doctest
from dataclasses import replace

import qa.kinds
import qa.list_alternatives
import qa.listed
import qa.list_words
import qa.lists
import qa.naming
from qa.assistant import Assistant
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer
from tests.qa.test_multi import PASSAGES, PlaceRetriever, assistant
from embeddings.types import Passage


def test_the_module_examples_hold():
    assert doctest.testmod(qa.lists).failed == 0 and doctest.testmod(qa.listed).failed == 0
    assert doctest.testmod(qa.naming).failed == 0 and doctest.testmod(qa.list_words).failed == 0
    assert doctest.testmod(qa.list_alternatives).failed == 0 and doctest.testmod(qa.kinds).failed == 0


class StrayReader:
    """Sure of the passage's first seven characters, whatever the question."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        return [ReadResult((Answer(h[0].passage.text[:7], 9.0, h[0].passage, 0, 7, reader_score=9.0),), 9.0)
                for h in passages]


def test_a_listed_place_shows_the_clause_naming_the_thing_not_a_stray_span():
    a = Assistant(PlaceRetriever(), StrayReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None))
    text = "河北省高标准完成全军首批试点，建成八一爱民学校12所，覆盖全省。"
    a.retriever.passages = [Passage("r003-p002", 3, text, 0, len(text), places=("河北省",)),
                            *(p for p in PASSAGES if p.report != 3)]
    r = a.ask("哪些地方建有八一爱民学校？")
    assert [p.place for p in r.parts] == ["河北"]
    shown = r.parts[0].answer
    assert shown.text == "建成八一爱民学校12所" and text[shown.start:shown.end] == shown.text
    assert shown.reader_score == 9.0  # the reader's decision and scores are kept, only the span shown differs


def test_a_listed_thing_is_read_whole_when_quoted_split_when_each_side_has_its_verb_and_joined_over_guo():
    from qa.lists import listed_things

    assert listed_things("哪些地方组织领导干部参加“军事日”活动？") == ("军事日活动", "军事日")  # not 领导干部参加…
    assert listed_things("哪些地方建有“八一爱民学校”？") == ("八一爱民学校",)  # not 爱民学校 (拥政爱民学校)
    assert listed_things("有哪些地方的学生给当兵的写过慰问信或者做过贺卡？") == ("慰问信", "贺卡")
    assert listed_things("哪几个地方的驻军官兵去无偿献过血？") == ("献血",)  # 献过血: the verb's two halves
    assert listed_things("哪些地方组织过老兵或优抚对象去疗养？")[0] == "老兵疗养"  # one verb: its object split, its head shared
    assert listed_things("有哪些地区出台了本地的军人子女教育优待办法？") == ("军人子女教育优待办法",)  # whose: unsaid
    assert listed_things("哪几个城市军人的孩子考学时能加分或者降分录取？") == ("加分", "降分录取")
    assert listed_things("有哪些地区给应征入伍的大学生发放一次性奖励金？") == ("一次性奖励金",)  # not any 奖励金
    assert "人防指挥中心" in listed_things("哪几个城市提到了人防工程或人防指挥中心的建设？")  # …的建设: a kind word
    # one head for both alternatives, the whole city's (全市的) dropped; not after an act (降分录取)
    assert listed_things("都有哪些市把每年8月定为全市的双拥或国防教育宣传月？") == ("双拥宣传月", "国防教育宣传月")
    assert listed_things("哪几个城市军人的孩子考学时能加分或者降分录取？")[0] == "加分"
    # a quoted name within the thing is also listed by alone; beside it, first; a clause of what does not count is none
    assert listed_things("建服务站时明确按“五有”标准来建的有哪些市县？") == ("五有标准", "五有")
    assert listed_things("报告里提到《退役军人保障法》这部法律的有哪些地方？地方条例不算。")[:2] == ("退役军人保障法", "法律")
    assert listed_things("专门看望抗美援朝老兵的，报告里有哪些地方？") == ("抗美援朝老兵",)  # 报告里 says where, not what


def test_a_place_is_listed_on_its_passage_naming_the_thing_when_the_question_asks_where_it_is_mentioned():
    from qa.listed import NAMING_SUFFICES, asked_verb
    from qa.lists import acted
    from qa.types import Hit, Response

    assert asked_verb("哪几个城市提到了人防工程？", "人防工程") == NAMING_SUFFICES
    assert asked_verb("哪些城市建设了双拥林？", "双拥林") == "建设"
    text = "投入资金5400余万元，建成人防指挥中心等多个拥军项目。"
    hit = Hit(Passage("r1-p1", 1, text, 0, len(text)), 1.0, 1)
    unsure = Response("六盘水提到了多少人防指挥中心？", (), ())
    assert acted(unsure, hit, "人防指挥中心", NAMING_SUFFICES).best.text == "建成人防指挥中心等多个拥军项目"
    assert acted(unsure, hit, "人防指挥中心", "修").abstained  # 修 is done by no clause here


def test_an_unsure_place_is_listed_when_the_clause_naming_the_thing_does_what_the_question_asks():
    a = assistant()
    planted = "芜湖市开展军民共建，建成“双拥林”两处，栽植树木。"  # no figure the fake reader is sure of
    named = "来宾市召开会议，宣传双拥林的意义。"  # named, but nothing built
    a.retriever.passages = [Passage("r002-p002", 2, planted, 0, len(planted), places=("芜湖市",)),
                            Passage("r003-p002", 3, named, 0, len(named), places=("来宾市",)),
                            *(p for p in PASSAGES if p.report not in (2, 3))]
    r = a.ask("哪些城市建设了双拥林？")
    assert [(p.place, p.answer.text) for p in r.parts] == [("芜湖", "建成“双拥林”两处")]
    assert r.parts[0].answer.confidence == 0.82 and planted[r.parts[0].answer.start:].startswith("建成")
    # 悬挂 is done by neither clause: with the reader unsure of both, the two naming it are listed, less sure
    hung = a.ask("哪些城市悬挂了双拥林？")
    assert sorted(p.place for p in hung.parts) == ["来宾", "芜湖"]
    assert {p.answer.confidence for p in hung.parts} == {qa.lists.NAMED_ONLY_CONFIDENCE}


def test_a_listed_part_keeps_its_quotation_marks_whole_and_a_dash_ends_its_clause():
    from qa.lists import clause, quoted_whole

    text = "开辟“双拥林”，植树2000余棵。"
    p = Passage("r1-p1", 1, text, 0, len(text))
    cut = Answer("双拥林”，植树2000余棵", 1.0, p, 3, 16)
    assert quoted_whole(cut).text == "“双拥林”，植树2000余棵" and quoted_whole(quoted_whole(cut)) == quoted_whole(cut)
    t = "北海市纪念延安双拥运动80周年军地共学系列活动拉开序幕——开展军地共建“双拥林”活动；举办晚会"
    assert t[slice(*clause(t, t.index("双拥林"), t.index("双拥林") + 3))] == "开展军地共建“双拥林”活动"


def test_a_listed_thing_before_a_closing_list_in_brackets_as_a_means_or_in_another_clause():
    from qa.lists import listed_things

    assert listed_things("建了“双拥林”的都有哪些地方？") == ("双拥林",)  # the list asked at the end
    assert listed_things("建有军供站的有哪些市？") == ("军供站",)
    assert listed_things("哪些地方建设了民兵（含民兵预备役、国防后备力量）训练基地？") == ("民兵训练基地",)  # no aside
    assert listed_things("有哪些地方拿公租房来解决部队官兵的住处？") == ("公租房",)  # the means, not 住处
    assert listed_things("有哪些地方用关爱基金来帮扶生活困难的退役军人？") == ("关爱基金",)
    assert listed_things("哪几个城市把每年八月定成了专门的宣传月？") == ("宣传月",)  # 专门的 says nothing of it
    assert listed_things("部队官兵能免费乘坐公交车，哪些城市有这种待遇？") == ("公交车",)  # 哪 clause names nothing
    # means of several alternatives, and 拿…做 as well as 用…来
    assert listed_things("用电子显示屏、LED大屏来滚动播放双拥宣传内容的城市都有谁？") == ("电子显示屏", "LED大屏")
    assert listed_things("拿抖音来做双拥宣传的都有谁？") == ("抖音",)
    # what the act relates to (跟…扯上关系 / 和…有关), by its nouns: not 关系
    assert listed_things("双拥工作跟高铁或高铁站扯上关系的是哪几个城市？") == ("高铁", "高铁站")
    assert listed_things("双拥工作跟修机场、改造机场扯上关系的都有哪些城市？") == ("机场",)
    assert listed_things("和征兵有关的活动有哪些地方搞了？") == ("征兵",)


def test_a_listed_thing_before_a_closing_kind_of_place_with_its_partner_alternatives_and_purpose():
    from qa.list_words import broader_things
    from qa.lists import listed_things

    assert listed_things("设置了军人荣誉墙的地方有哪些？") == ("军人荣誉墙",)  # not 军人荣誉墙的地方
    assert listed_things("军车免费的有哪些地方？") == ("军车免费",)  # a short description is the thing
    assert listed_things("用老兵组建宣讲团去宣讲的，有哪些地方？") == ("宣讲团",)  # the purpose (去宣讲) dropped
    assert listed_things("跟边防连队或边防部队结对共建的都有谁？") == ("边防连队", "边防部队")  # the partner
    assert listed_things("组织中小学生给边防官兵写慰问信、寄贺卡的都有哪些城市？") == ("慰问信", "贺卡")  # each its verb
    assert broader_things("拍过红色题材纪录片的有哪些地方？") == ("纪录片",)
    assert broader_things("哪几个地方建立了“兵妈妈”服务站？") == ()  # a quoted name is asked whole


def test_an_unsure_place_naming_the_thing_is_listed_when_the_question_has_no_verb_for_it():
    a = assistant()
    free = "芜湖市全区公共停车场实行军车免费政策，方便官兵。"  # no figure the fake reader is sure of
    other = "来宾市开展军民共建，宣传双拥。"
    a.retriever.passages = [Passage("r002-p002", 2, free, 0, len(free), places=("芜湖市",)),
                            Passage("r003-p002", 3, other, 0, len(other), places=("来宾市",)),
                            *(p for p in PASSAGES if p.report not in (2, 3))]
    r = a.ask("军车免费的有哪些地方？")
    assert [(p.place, p.answer.text) for p in r.parts] == [("芜湖", "芜湖市全区公共停车场实行军车免费政策")]


def test_a_list_asked_of_two_kinds_of_place_and_a_dangling_or_are_read_without_failing():
    from qa.lists import listed_things

    assert listed_things("建了双拥林的城市或县区有哪些？") == ("双拥林",)  # not 双拥林的城市或 (which crashed)
    assert listed_things("哪些地方建了双拥林或？") == ("双拥林",) and listed_things("哪些地方建了、？") == ()


def test_a_quoted_name_elsewhere_a_mention_clause_and_a_generic_who_are_not_read_as_the_listed_thing():
    from qa.lists import listed_things

    assert listed_things("部队搞“军营开放日”，让学生进营区看看的城市都有哪些？") == ("军营开放日",)
    assert listed_things("部队参与扑山火的，报告里提到的有哪些地方？") == ("山火",)  # not 报告里提到
    assert listed_things("哪几个城市提到了人防工程？") == ("人防工程",)  # a mention before the thing stays
    assert "军人" not in listed_things("不光是军人，连消防救援人员也一起享受优待的，有哪几个城市？")
    assert listed_things("有几个地方专门出了自己市里的军人子女教育优待办法，是哪些？") == ("军人子女教育优待办法",)


def test_a_place_naming_the_thing_only_by_its_abbreviation_is_found_when_few_name_it_whole():
    from qa.lists import naming_places
    from qa.types import Hit

    def hit(report, place, text):
        return Hit(Passage(f"r{report:03d}-p001", report, text, 0, len(text), places=(place,)), 1.0, 1)

    ranked = {1: [hit(1, "芜湖市", "全市建成军供站3个，保障过往部队。")], 2: [hit(2, "来宾市", "开展双拥宣传。")]}
    assert naming_places(ranked, ("军需供应站",))["芜湖"][1] is None  # as asked, nobody names it
    found = naming_places(ranked, ("军需供应站",), shortened=True)
    assert found["芜湖"][1] == "军供站" and found["来宾"][1] is None


TEN = ("芜湖市", "来宾市", "张掖市", "开封市", "许昌市", "汉中市", "乌海市", "邯郸市", "保定市", "通化市")


def ten_places(texts: dict[str, str], *, choice: bool = False):
    """The test assistant over ten places' reports, each one passage: its text in `texts`, else a plain one; the
    rules of qa.lists choose the listed places, or (`choice`) the fitted model of qa.list_choice."""
    a = assistant()
    a.settings = replace(a.settings, list_choice=choice)
    a.retriever.passages = [Passage(f"r{n:03d}-p001", n, t, 0, len(t), places=(place,))
                            for n, place in enumerate(TEN, 1) for t in [texts.get(place, f"{place}开展双拥宣传活动。")]]
    return a


def test_a_thing_most_places_name_gives_way_to_the_question_s_rarer_word():
    common = "帮助部队解决了一批实际问题。"
    texts = {p: p + common for p in TEN} | {"邯郸市": "邯郸市帮助部队解决了污水排放等一批实际问题。",
                                           "乌海市": "乌海市协调解决部队污水排放问题。"}
    r = ten_places(texts).ask("部队营区的污水排放问题，有哪几个城市出面帮着解决了？")
    assert sorted(p.place for p in r.parts) == ["乌海", "邯郸"]  # not all ten: each names 问题
    assert "污水排放" in r.parts[0].answer.text
    # a thing named by a few places is listed by as asked: the rarer words are not looked at
    few = {p: p + common for p in TEN[:3]} | {"邯郸市": "邯郸市帮助解决了污水排放问题。"}
    r = ten_places(few).ask("部队营区的污水排放问题，有哪几个城市出面帮着解决了？")
    assert sorted(p.place for p in r.parts) == ["张掖", "来宾", "芜湖", "邯郸"]


def test_a_thing_named_nowhere_is_listed_by_its_rarest_noun_unless_it_is_quoted():
    texts = {"张掖市": "张掖市建立退役军人档案室，补齐缺失档案。", "开封市": "开封市帮助退役军人查找档案120份。",
             "许昌市": "许昌市的妈妈们为官兵缝补衣物。"}
    r = ten_places(texts).ask("哪些地方在帮退役军人解决档案方面的麻烦？")
    assert sorted(p.place for p in r.parts) == ["开封", "张掖"]
    assert qa.list_words.thing_words(("退役军人解决档案方面的麻烦",)) == ("档案", "方面")  # nouns only, not 解决
    r = ten_places(texts).ask("哪几个地方建立了“兵妈妈”服务站？")
    assert r.parts == () and r.abstained  # a quoted name is asked whole: 妈妈 is no 兵妈妈服务站


def test_a_thing_only_two_of_many_places_name_is_listed_on_their_naming_whatever_the_verb():
    texts = {"张掖市": "张掖市支持推动部队新营区天然气管道铺设。", "开封市": "开封市帮助部队解决天然气引接等问题。"}
    r = ten_places(texts).ask("哪些地方帮驻军通上了天然气？")  # neither clause says 通: the reader is unsure of both
    assert sorted(p.place for p in r.parts) == ["开封", "张掖"]
    texts |= {"许昌市": "许昌市宣传天然气安全知识。"}  # named by three: the verb is checked again, and only
    parts = ten_places(texts).ask("哪些地方帮驻军通上了天然气？").parts  # as every place fails it are they listed,
    assert {p.answer.confidence for p in parts} == {qa.lists.NAMED_ONLY_CONFIDENCE}  # less sure
    texts |= {"芜湖市": "芜湖市宣传天然气安全知识。"}  # named by four: nobody
    assert [p.place for p in ten_places(texts).ask("哪些地方帮驻军通上了天然气？").parts] == []


def test_a_listed_thing_read_from_an_idiom_a_short_act_s_le_and_a_bracket_of_examples_or_another_name():
    from qa.listed import listed_things

    assert listed_things("在烈士英名录上下功夫的有哪些地方？") == ("烈士英名录",)  # not 下功夫
    assert listed_things("给立了功的军人家里送牌匾的，都有哪些地方？") == ("牌匾",)  # 了 of 立了功: the thing is 送's
    assert listed_things("有哪些地区出台了本地的军人子女教育优待办法？") == ("军人子女教育优待办法",)
    assert listed_things("义务兵家庭优待金的标准提高了的，是哪几个地方？") == ("义务兵家庭优待金",)  # what changed
    assert listed_things("送牌匾（比如“功臣之家”牌匾）的有哪些地方？") == ("牌匾", "功臣之家牌匾")  # an example
    assert listed_things("报告里提到对越自卫反击战（对越自卫还击作战）的是哪几个地方？")[-1] == "对越自卫还击作战"
    # a description, a modifier or what the thing covers is no other form of it
    assert listed_things("有哪些地方有爱民学校（部队援建或冠名的学校）？") == ("爱民学校",)
    assert listed_things("给退役军人在网上（线上）办招聘会的有哪些地方？") == ("招聘会",)
    assert listed_things("哪些地方建设了民兵（含民兵预备役、国防后备力量）训练基地？") == ("民兵训练基地",)


def test_alternatives_joined_by_dun_and_or_are_each_read_whole():
    from qa.listed import listed_things

    assert listed_things("建有国防园、国防公园或者军博园的地方有哪些？") == ("国防园", "国防公园", "军博园")
    assert listed_things("哪些城市建了双拥林或者双拥公园？") == ("双拥林", "双拥公园")  # 双拥林 is whole: no 双拥林公园
    assert listed_things("哪些地方办过双拥或国防教育宣传月？")[:2] == ("双拥宣传月", "国防教育宣传月")


def test_a_bracket_naming_a_qualifier_of_a_thing_most_places_name_lists_by_the_qualifier_beside_the_thing():
    titled = "获得全国双拥模范城称号。"
    texts = {p: p + titled for p in TEN} | {
        "通化市": "通化市是首届全国双拥模范城“十面旗帜”之一。",
        "保定市": "保定市1991年成为全国首批十个双拥模范城之一。",
        "开封市": "开封市获得全国双拥模范城称号。为首批39家拥军门店挂牌。"}  # 首批 in another sentence
    r = ten_places(texts).ask("哪些城市是最早一批（首批、首届）全国双拥模范城？")
    assert sorted(p.place for p in r.parts) == ["保定", "通化"]
    # a bracket of examples of a thing most places name is no qualifier: listed as before
    assert qa.lists.rarer_alternatives({}, ("拥政爱民", "联防联治"), 5, ["拥政爱民", "联防联治"]) == ((), ())


def test_quoted_names_in_a_run_are_each_an_alternative():
    from qa.listed import listed_things

    assert listed_things("有几个地方打造了“双拥社区”“双拥村”或者“双拥小区”？分别是哪些？") == ("双拥社区", "双拥村", "双拥小区")
    # a note in brackets after the question mark leaves the thing as asked
    assert listed_things("有人获评“全国最美拥军人物”的城市有哪些？（只算获评的，入围不算）") == ("全国最美拥军人物",)


def test_a_list_asked_twice_how_many_and_which_is_one_list_of_its_alternatives():
    from qa.kinds import detect
    from qa.lists import listed_things, own_verb

    # "…的地方有几个？是哪些？" is a list, not a single question about 地方
    assert detect("有企业组成拥军服务队或拥军志愿队的地方有几个？是哪些？", ["张掖市"]).kind == "list"
    assert listed_things("有企业组成拥军服务队或拥军志愿队的地方有几个？是哪些？") == ("拥军服务队", "拥军志愿队")  # 拥军 twice
    # a run of three joined by 、, each read: the first after its verb, the last without its own (清理)
    q = "部队官兵参加环境卫生整治、城乡清洁、清理卫生死角这类活动的有哪些地方？"
    assert listed_things(q) == ("环境卫生整治", "城乡清洁", "卫生死角")
    assert [own_verb(q, t, "环境卫生整治", "参加") for t in ("城乡清洁", "卫生死角")] == ["参加", qa.listed.NAMING_SUFFICES]
    # a short common noun keeps its own head; people (老兵) still share the last one's
    assert listed_things("开了双拥专栏、专刊或者专门栏目的都有哪些地方？")[:2] == ("双拥专栏", "专刊")
    # a bracket renaming the act with words of 过 (过境, 过往) is read; a quoted name's 做法 is no part of it
    assert {"过境", "途经", "过往部队"} <= set(listed_things("有部队路过本地（过境、途经、过往部队）时，哪些地方做了保障？"))
    assert "直通车" in listed_things("在安置上提到“直通车”做法的都有哪几个地方？")


def test_with_the_fitted_choice_the_places_whose_sentence_says_the_question_are_listed():
    texts = {"张掖市": "张掖市在城区建设了双拥林2处。", "芜湖市": "芜湖市建设了双拥林，栽下树苗。"}
    r = ten_places(texts, choice=True).ask("哪些城市建设了双拥林？")
    assert sorted(p.place for p in r.parts) == ["张掖", "芜湖"]
    assert r.timings["places_chosen"] == 2 and r.timings["places_named"] == 2
    # every place naming it, in a collection of ten, with nothing of the question beside it: none stands out
    common = {p: p + "开展双拥林宣传。" for p in TEN}
    r = ten_places(common, choice=True).ask("哪些城市建设了双拥林？")
    assert r.timings["places_named"] == 10 and r.timings["places_chosen"] < 10
