"""Rankings and lists asked the way users write them: many clauses, some only narrowing what is asked, and the
figure of a ranking the one a report writes against the thing counted."""
from embeddings.types import Passage
from qa.kinds import LIST_ASK
from qa.list_attached import asked_family, attached_answer
from qa.list_most import asked_most
from qa.list_ranked import plain_most, unasided
from qa.quantities import Quantity
from qa.types import Answer
from tests.qa.test_multi import assistant as fake


def _answer(text: str, span: str) -> Answer:
    passage = Passage("r001-p001", 1, text, 0, len(text), places=("河北省",))
    start = text.index(span)
    return Answer(span, 0.9, passage, start, start + len(span))


def test_a_ranking_in_many_clauses_is_asked_of_each_place_plainly():
    direction, bounded = asked_most("不算转业士官，只看政府安置的转业军官（军转干部），报告里写了安置人数的地方里，哪个地方安置得最少？")
    assert direction == "less"
    assert bounded.figure == "哪些地方政府安置的转业军官（军转干部）有多少人？"
    # one clause: read as it was
    assert asked_most("哪个城市建的退役军人服务站最多？")[1].figure == "哪些地方建的退役军人服务站有多少？"
    assert plain_most("哪个城市建的退役军人服务站最多？") is None


def test_the_asked_measure_is_what_a_counting_word_or_a_clause_of_how_to_count_says():
    assert plain_most("部队医生给驻地老百姓义诊，按看过的人次算，哪个地方最多？")[1] == "人次"
    assert plain_most("驻军帮着资助贫困学生上学，哪个地方资助的学生人数最多？") == ("驻军帮着资助贫困学生上学，资助的学生", "人")
    assert asked_family("哪些地方帮退役军人办创业贷款有多少钱？") == Quantity(1.0, "元")
    assert asked_family("哪些地方建的服务站有多少？") is None


def test_a_narrowing_clause_does_not_change_the_ranking():
    plain = fake().ask("哪个城市建成的退役军人服务站最多？")
    narrowed = fake().ask("建成的退役军人服务站（服务中心不算），报告里写了个数的地方里，哪个城市建得最多？")
    assert narrowed.kind == "compare" and not narrowed.abstained
    assert [p.place for p in narrowed.parts] == [p.place for p in plain.parts] == ["芜湖", "来宾", "张掖"]
    assert narrowed.summary.startswith("芜湖（1018个）最多")


def test_the_figure_written_against_the_thing_counted_is_taken():
    text = "组织3.5万支退役军人志愿服务队、21万名退役军人志愿者，开展志愿服务活动。"
    got = attached_answer(_answer(text, "21万名"), ["退役军人志愿服务队"])
    assert got.text == "3.5万支" and text[got.start:got.end] == got.text
    # the reader did not cut it: no model's confidence is claimed for it, and what a person reads says so
    assert got.read_by == "figure" and got.confidence is None and got.to_dict()["read_by"] == "figure"
    from qa.reading.confidence import describe
    assert describe(got.confidence, got.score, got.read_by) == "原文写在该项旁的数字（未经模型打分）"
    kept = _answer(text, "3.5万支")
    assert attached_answer(kept, ["退役军人志愿服务队"]) is kept
    # nothing written against the thing: the reader's figure stands
    other = _answer("全市志愿者21万名。", "21万名")
    assert attached_answer(other, ["志愿服务队"]) is other


def test_a_figure_in_another_measure_than_asked_gives_way_to_one_in_it_within_its_sentence():
    text = "为58名现役军人购买住房发放安居工程补助220万元。另有300人参加。"
    got = attached_answer(_answer(text, "58名"), [], Quantity(1.0, "元"))
    assert got.text == "220万元"
    # an "一次性" is no figure of times
    text = "发放一次性经济补助金1.8亿元"
    assert attached_answer(_answer(text, "1.8亿元"), ["经济补助金"]).text == "1.8亿元"


def test_a_lists_narrowing_sentences_are_not_asked():
    assert unasided("哪些城市为部队划拨了土地？慰问的不算。", LIST_ASK) == "哪些城市为部队划拨了土地？"
    assert unasided("送牌匾（比如“功臣之家”牌匾）的有哪些地方？（挂光荣牌的不算）", LIST_ASK) == \
        "送牌匾（比如“功臣之家”牌匾）的有哪些地方？"  # examples kept: other forms of the thing
    plain = fake().ask("哪些城市为部队划拨了土地？")
    narrowed = fake().ask("哪些城市为部队划拨了土地？慰问官兵、走访军属的不算。")
    assert sorted(p.place for p in narrowed.parts) == sorted(p.place for p in plain.parts)
    assert {p.place for p in narrowed.parts if p.answer} == {"张掖", "芜湖", "通化"}


def test_a_ranking_that_says_every_place_is_still_a_ranking():
    from qa.kinds import detect

    kind = detect("退役军人优待证，各地报告里写了办出去多少张的，哪个地方办得最少？", ["张掖市", "芜湖市"])
    assert kind.kind == "compare" and kind.direction == "less"
    assert detect("各地建的退役军人服务站分别有多少个？", ["张掖市", "芜湖市"]).each


def test_a_place_the_reader_gave_no_figure_for_is_ranked_by_the_figure_written_against_the_thing():
    from embeddings.types import Passage as P
    from qa.list_attached import scanned

    passages = [P("a", 1, "570个景区对退役军人减免门票费用。", 0, 17, places=("河北省",)),
                P("b", 2, "全市13个街道全部建成服务站。", 0, 14, places=("西固区",)),
                P("c", 3, "景区门票减免政策落实到位。", 0, 13, places=("乌海市",))]
    found = scanned(passages, ["景区"], Quantity(1.0, "个"))
    assert {place: p.text[s:e] for place, (p, s, e) in found.items()} == {"河北": "570个"}
    assert scanned(passages, ["街道"], None) == {}  # a general noun is not looked for alone
    assert scanned(passages, ["景区"], Quantity(1.0, "元")) == {}  # nor a figure in another measure than asked


def test_the_examples_a_kind_is_said_by_are_what_is_counted():
    from qa.list_ranked import examples_of

    assert examples_of("爱国拥军联合会、促进会这类拥军组织") == ("爱国拥军联合会", "促进会")
    assert examples_of("退役军人志愿服务队") == ()
    # the longest and shortest of a time are a ranking too
    from qa.kinds import detect
    assert detect("部队抗洪连续奋战的时间，哪个地方最长？", ["芜湖市", "保定市"]).kind == "compare"
