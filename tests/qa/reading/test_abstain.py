import pytest

from embeddings.types import Passage, Report
from qa.reading.abstain import Decision, decide, unit_mismatch
from qa.reading.places import ReportPlaces
from qa.reading.reader import ReadResult
from qa.types import Answer


def test_a_calendar_year_never_answers_a_count_and_gives_way_to_the_count_beside_it():
    from qa.reading.answer_types import expected_type

    from tests.qa.reading.test_counted_events import one_report

    _, book, read = one_report("2019年以来，来宾市共接收退役士兵2572名，为777名退役士兵提供培训。", 2, "来宾市")

    assert expected_type("来宾这几年接收了多少退役士兵？").name == "number"  # 这几年 says when: no years asked
    question = "来宾这几年接收了多少退役士兵？"
    kept = decide(question, read("2019", "2572名"), book, named=(), threshold=1.0, top_n=3)
    assert kept.answers[0].text == "2572名"  # 2019 (of 2019年以来) is a year, not a count
    alone = decide(question, read("2019年以来"), book, named=(), threshold=1.0, top_n=3)
    assert alone.reason_code == "other_unit" and not alone.answers
    asked = decide("来宾从哪年开始、到现在已经多少年？", read("2019年以来"), book, named=(), threshold=1.0, top_n=3)
    assert asked.answers  # years asked: no count to mismatch


def test_the_counted_noun_is_the_first_noun_after_the_measure_word():
    from qa.reading.abstain import counted_noun

    assert counted_noun("襄阳全市建成了多少个退役军人服务中心（站）？") == "服务中心"
    assert counted_noun("开封成立了多少支志愿服务队？") == "志愿"  # jieba: 志愿 + 服务队
    assert counted_noun("投入了多少钱？") is None  # not a count
    assert counted_noun("开封的总体工作思路是用哪几个数字概括的？") is None  # 哪几个 asks which, it counts none
    assert counted_noun("灵台县送达喜报多少户？") is None  # nothing named after the measure word


def test_a_modifier_opened_by_mianxiang_is_skipped_to_the_thing_counted():
    from qa.reading.abstain import counted_noun, uncounted

    q = "延安办过多少场面向退役军人和随军家属的就业招聘会？"  # jieba reads 场面 + 向: the 面 is a measure word
    assert counted_noun(q) == "招聘会"
    text = "开展退役军人、随军家属就业服务招聘会64场次。"
    assert uncounted(q, text, text.index("64"), text.index("64") + 4) is None
    assert counted_noun("办过多少场面向退役军人的活动？") == "活动" and counted_noun("办了多少场招聘会？") == "招聘会"


def test_an_answer_far_from_the_counted_noun_counts_something_else():
    from qa.reading.abstain import uncounted

    text = "优先解决125名部队官兵子女入托入学。" + "另外，" * 20 + "开封成立了918支志愿服务队。"
    i = text.index("125名")
    assert uncounted("开封成立了多少支志愿服务队？", text, i, i + 4) == "志愿"  # 60+ characters away
    j = text.index("918支")
    assert uncounted("开封成立了多少支志愿服务队？", text, j, j + 4) is None
    assert uncounted("投入了多少钱？", text, i, i + 4) is None


def _read(text, answer, margin=5.0, places=("来宾市",)):
    passage = Passage("r002-p001", 2, text, 0, len(text), subtitle="来宾市双拥工作综述", places=places)
    start = text.index(answer)
    return ReadResult((Answer(answer, 9.0, passage, start, start + len(answer)),), margin)


def test_one_decision_keeps_the_answers_or_gives_the_first_failed_check():
    text = "来宾市为驻地部队划拨土地120亩，慰问官兵12次。"
    book = ReportPlaces([Report(2, "t", "来宾市双拥工作综述", "", "s", text, ("来宾市",)),
                         Report(1, "t", "连云港市双拥工作综述", "", "s", "连云港市每月发放650元。", ("连云港市",))])
    check = lambda q, result, named=(): decide(q, result, book, named=named, threshold=1.0, top_n=3)  # noqa: E731
    kept = check("来宾划拨了多少亩土地？", _read(text, "120亩"), ["来宾"])
    assert kept == Decision(kept.answers) and kept.answers[0].text == "120亩" and kept.reason_code == ""
    assert check("问题？", ReadResult((), float("-inf"))).reason_code == "no_passages"
    assert check("来宾划拨了多少亩土地？", _read(text, "120亩", margin=0.5)).reason_code == "low_confidence"
    assert check("南京划拨了多少亩土地？", _read(text, "120亩")).reason_code == "unknown_place"
    other = check("连云港划拨了多少亩土地？", _read(text, "120亩"), ["连云港"])
    assert other.reason_code == "other_place" and not other.answers and "120亩" in other.reason
    # a question naming two places is never told its answer's place is not the one asked (来宾 is asked too)
    both = check("来宾的和连云港的划拨土地是多少亩？", _read(text, "120亩"), ["来宾", "连云港"])
    assert both.reason_code == "other_place" and "不是问题所问" not in both.reason and "分开问" in both.reason
    assert check("来宾慰问了多少名官兵？", _read(text, "12次")).reason_code == "other_unit"
    assert check("来宾慰问了多少次群众？", _read(text, "12次")).reason_code == "uncounted"


def test_each_rule_check_can_be_switched_off_to_measure_it():
    text = "来宾市为驻地部队划拨土地120亩，慰问官兵12次。"
    book = ReportPlaces([Report(2, "t", "来宾市双拥工作综述", "", "s", text, ("来宾市",)),
                         Report(1, "t", "连云港市双拥工作综述", "", "s", "连云港市每月发放650元。", ("连云港市",))])
    cases = {"unknown_place": ("南京划拨了多少亩土地？", "120亩", ()), "other_place": ("连云港划拨了多少亩土地？", "120亩", ["连云港"]),
             "other_unit": ("来宾慰问了多少名官兵？", "12次", ()), "uncounted": ("来宾慰问了多少次群众？", "12次", ())}
    for code, (question, answer, named) in cases.items():
        on = decide(question, _read(text, answer), book, named=named, threshold=1.0, top_n=3)
        off = decide(question, _read(text, answer), book, named=named, threshold=1.0, top_n=3,
                     checks=[c for c in cases if c != code])
        assert on.reason_code == code and off.reason_code != code, code
    none = decide("南京划拨了多少亩土地？", _read(text, "120亩"), book, named=(), threshold=1.0, top_n=3, checks=())
    assert none.answers and none.reason_code == ""


def test_the_checks_setting_reads_its_environment_and_names_a_bad_check(monkeypatch):
    from qa.errors import InputError
    from qa.settings import Settings

    monkeypatch.setenv("QA_ABSTAIN_CHECKS", "other_unit,uncounted")
    assert Settings().abstain_checks == ("other_unit", "uncounted")
    monkeypatch.setenv("QA_ABSTAIN_CHECKS", "none")
    assert Settings().abstain_checks == ()
    monkeypatch.setenv("QA_ABSTAIN_CHECKS", "other_unit,typo")
    with pytest.raises(InputError, match="typo"):
        Settings()


def test_a_span_of_the_asked_type_just_below_the_threshold_is_offered_as_possible():
    text = "来宾市为驻地部队划拨土地120亩，慰问官兵12次。"
    book = ReportPlaces([Report(2, "t", "来宾市双拥工作综述", "", "s", text, ("来宾市",)),
                         Report(1, "t", "连云港市双拥工作综述", "", "s", "连云港市每月发放650元。", ("连云港市",))])
    ask = lambda q, answer, margin, named=(), floor=0.0: decide(  # noqa: E731
        q, _read(text, answer, margin=margin), book, named=named, threshold=1.0, top_n=3, hedge_from=floor)
    hedged = ask("来宾划拨了多少亩土地？", "120亩", 0.5)
    assert hedged.reason_code == "low_confidence" and not hedged.answers and hedged.possible[0].text == "120亩"
    assert not ask("来宾划拨了多少亩土地？", "120亩", -0.5).possible  # the reader prefers "no answer": not found
    assert ask("来宾划拨了多少亩土地？", "120亩", -0.5, floor=-1.0).possible  # a lower floor hedges it
    assert not ask("来宾划拨了多少亩土地？", "120亩", 0.5, floor=None).possible  # hedging switched off
    assert not ask("来宾是哪一年划拨的土地？", "120亩", 0.5).possible  # not a year: not of the asked type
    assert not ask("连云港划拨了多少亩土地？", "120亩", 0.5, ["连云港"]).possible  # another place's report
    assert not ask("来宾划拨了多少亩土地？", "120亩", 5.0).possible  # answered: nothing hedged


def test_the_hedge_setting_reads_its_environment_and_names_a_bad_value(monkeypatch):
    from embeddings.errors import InputError
    from qa.settings import Settings

    assert Settings().hedge_band > 0  # on by default: the shipped reader's "not found" starts below zero
    monkeypatch.setenv("QA_HEDGE_BAND", "2.5")
    assert Settings().hedge_band == 2.5
    monkeypatch.setenv("QA_HEDGE_BAND", "none")
    assert Settings().hedge_band is None
    for bad in ("abc", "inf", "nan", "-1"):
        monkeypatch.setenv("QA_HEDGE_BAND", bad)
        with pytest.raises(InputError, match="QA_HEDGE_BAND"):
            Settings()


@pytest.mark.parametrize("text,place,question,wrong,right", [
    # a question asking when gets a year or date or nothing
    ("该协会成立了18人的专家团，2018年11月挂牌。", "来宾市", "来宾的协会是哪一年成立的？", "18人的专家团", "2018年11月"),
    # 多少年 asks a number of years, not a calendar year
    ("1935年10月，红军到达延安。80年鱼水情深，军民团结。", "延安市", "延安坚持拥军多少年了？", "1935年", "80年"),
    # how many people a place has: not the people some act reached
    ("确保让1300余名退役军人实现了家门口就业。全市共有退役军人5.2万名。", "安阳市", "安阳全市一共有多少名退役军人？", "1300余名",
     "5.2万名"),
    ("并为退出现役的73名退役军人发放补助，全区退役军人3100人。", "海勃湾区", "海勃湾区现在一共有多少名退役军人？", "73名", "3100人"),
])
def test_an_answer_of_another_kind_than_asked_is_not_found(text, place, question, wrong, right):
    book = ReportPlaces([Report(2, "t", f"{place}双拥工作综述", "", "s", text, (place,))])
    refused = decide(question, _read(text, wrong), book, named=(), threshold=1.0, top_n=3)
    assert refused.reason_code == "other_kind" and not refused.answers and wrong in refused.reason
    assert decide(question, _read(text, right), book, named=(), threshold=1.0, top_n=3).answers
    off = decide(question, _read(text, wrong), book, named=(), threshold=1.0, top_n=3,
                 checks=["unknown_place", "other_place", "other_unit", "uncounted"])
    assert off.answers  # the check can be switched off to measure it


def test_kinds_of_answers_that_fit_their_question():
    from qa.reading.abstain import wrong_kind

    assert not wrong_kind("什么时候挂牌的？", "2018年11月") and not wrong_kind("成立了多少人的专家团？", "18人的专家团")
    assert not wrong_kind("红军哪一年到达延安？", "1935年") and wrong_kind("延安坚持拥军多少年了？", "1935年") == "年数"
    # which one (哪个单位, 哪家) is asked a name: a figure is none, a name with a number in it is (32272部队, 3号楼)
    assert wrong_kind("还跟哪个单位签了协议？", "180亩") == "名称" and wrong_kind("哪家企业捐的？", "2000多万元") == "名称"
    assert not wrong_kind("是哪支部队？", "32272部队") and not wrong_kind("哪一栋最高？", "3号楼")
    assert not wrong_kind("还跟哪个单位签了协议？", "市绿委办") and not wrong_kind("哪个村投了多少钱？", "30万元")
    assert not wrong_kind("哪个城市建成的服务站最多？", "1018个")  # a ranking over one place: its figure
    # an event named by its month and day (8·26特大洪灾) says when; a decimal says no date
    assert not wrong_kind("那场洪灾是几月几号那次？", "8·26") and wrong_kind("那场洪灾是几月几号那次？", "8.26") == "年份或日期"


def test_a_counted_noun_is_named_with_a_bracketed_or_inserted_part():
    from qa.reading.abstain import names, uncounted

    text = "建立健全退役军人服务体系，成立退役军人服务（中心）站2376个，安排专人负责。"
    at = text.index("2376个")
    assert uncounted("汉中一共成立了多少个退役军人服务中心？", text, at, at + 5) is None
    other = "来宾建成退役军人服务中心（站）887个。"
    assert uncounted("来宾建了多少个退役军人服务站？", other, other.index("887"), other.index("887") + 4) is None
    assert names("服务中心（站）", "服务站") and not names("服务，然后建站", "服务站") and not names("服务大厅内的驿站", "服务站")
    far = "优先解决125名部队官兵子女入托入学"
    assert uncounted("安置了多少名随军家属？", far, 4, 8) is not None  # still caught: nothing of it nearby


def test_a_how_many_question_answered_without_any_numeral_is_the_wrong_kind():
    from qa.reading.abstain import wrong_kind

    assert wrong_kind("芜湖的拥军公交专线是几路车？", "双拥号")
    assert not wrong_kind("芜湖的拥军公交专线是几路车？", "15路")
    assert not wrong_kind("开通了几条拥军公交专线？", "两条")
    assert not wrong_kind("芜湖开通了什么专线？", "双拥号")  # not a how-many question
    assert wrong_kind("钦州有几所少年军校？", "第三小学")  # an ordinal names, it counts nothing
    assert not wrong_kind("钦州有几所少年军校？", "第三小学等2所")
    assert wrong_kind("是哪一年成立的？", "18人的专家团") and not wrong_kind("是哪一年成立的？", "2018年11月")


def test_which_ones_is_not_how_many():
    from qa.reading.abstain import wrong_kind

    assert not wrong_kind("和庆阳市一起被命名为双拥模范城的是哪几个县？", "环县、华池县")  # no count asked, no figure missing


def test_a_count_is_kept_when_the_head_of_its_counted_phrase_is_named_not_a_generic_one():
    from qa.reading.abstain import uncounted

    text = "开辟军人子女入学“绿色通道”，优先安排153名现役军人子女入学入托。"
    at = text.index("153名")
    assert uncounted("六盘水优先解决了多少名部队官兵子女入托入学？", text, at, at + 4) is None  # 子女 is named
    assert uncounted("六盘水有多少名志愿者？", text, at, at + 4) == "志愿者"  # nothing of it named
    other = "引进20余家企业落户。"
    assert uncounted("通化有多少个驻军单位？", other, 2, 6) == "驻军"  # 单位 says nothing of what is counted


def first_kept(text, place, question, *spans, rarity=None):
    """The first answer `decide` keeps of `spans` of one passage (the reader's scores falling in their order)."""
    passage = Passage("r002-p001", 2, text, 0, len(text), subtitle=f"{place}双拥工作综述", places=(place,))
    book = ReportPlaces([Report(2, "t", f"{place}双拥工作综述", "", "s", text, (place,))])
    read = ReadResult(tuple(Answer(s, 9.0 - i, passage, text.index(s), text.index(s) + len(s))
                            for i, s in enumerate(spans)), 5.0)
    return decide(question, read, book, named=(), threshold=1.0, top_n=3, checks=(), rarity=rarity).answers[0].text


def test_a_look_alike_figure_whose_clause_says_more_of_the_question_goes_first_in_a_like_unit_only():
    text = ("市人武部民兵党员突击队累计出动1520余人次，驻珲某部出动50余人次。驻珲部队累计献血147人次，献血量45420毫升。"
            "圆满完成39名军队转业干部和154名退役士兵的安置任务。")
    passage = Passage("r002-p001", 2, text, 0, len(text), subtitle="珲春市双拥工作综述", places=("珲春市",))
    book = ReportPlaces([Report(2, "t", "珲春市双拥工作综述", "", "s", text, ("珲春市",))])

    def best(question, *spans):
        return first_kept(text, "珲春市", question, *spans)

    assert best("珲春抗疫时出动的民兵有多少人次？", "50余人次", "1520余人次") == "1520余人次"  # 民兵 is in its clause
    assert best("珲春抗疫时驻珲某部出动了多少人次？", "50余人次", "1520余人次") == "50余人次"  # already the fitting one
    assert best("驻珲部队累计献血量达到多少？", "45420毫升", "147人次") == "45420毫升"  # units unlike: never swapped
    # the question's measure word is no word of it: 多少名军队转业干部 shares no 名军 with "154名…39名军队"
    assert best("珲春安置了多少名军队转业干部？", "39名", "154名") == "39名"
    # figures joined by 、 in one clause share its words: the reader's choice stands
    text2 = "全市共建成66个镇（街道）、1038个村（社区）退役军人服务站。"
    p2 = Passage("r002-p002", 2, text2, 0, len(text2), subtitle="珲春市双拥工作综述", places=("珲春市",))
    read = ReadResult((Answer("66个", 9.0, p2, 5, 8), Answer("1038个", 8.0, p2, 14, 19)), 5.0)
    kept = decide("珲春建成了多少个镇（街道）退役军人服务站？", read, book, named=(), threshold=1.0, top_n=3, checks=())
    assert kept.answers[0].text == "66个"


def test_with_the_collections_pair_rarity_common_words_shared_weigh_less_than_a_rare_one():
    from qa.reading.rarity import PairRarity

    text = "组织专场招聘会75场，签订意向协议354人，公益性岗位安置就业困难退役军人60人。"
    others = ["退役军人就业创业服务持续开展", "走访慰问困难退役军人家庭", "退役军人服务中心（站）全覆盖建设"] * 5
    rarity = PairRarity.from_texts(others + [text], min_chars=1)
    question = "汉中的退役军人招聘会上，签下或达成就业意向的人多少？"

    def best(rare):
        return first_kept(text, "汉中市", question, "354人", "60人", rarity=rare)

    assert best(None) == "60人"  # counted, 退役军人 and 就业 outnumber 意向
    assert best(rarity) == "354人"  # weighed, 意向 (one paragraph of 16) says more than words every other one has


def test_a_which_village_question_is_answered_by_a_name_ending_in_village_when_one_was_read():
    text = "“兵支书”于瑞兴带领汤阴县韩庄镇小河村村民共同致富。"

    def best(question, *spans):
        return first_kept(text, "安阳市", question, *spans)

    assert best("于瑞兴带的是哪个村？", "兵支书", "小河村") == "小河村"
    assert best("于瑞兴带的是哪个镇？", "兵支书", "小河村") == "兵支书"  # no name of a 镇 read: as the reader said
    assert best("于瑞兴是什么人？", "兵支书", "小河村") == "兵支书"  # no 哪个X asked


def test_a_question_per_month_or_person_is_never_answered_by_a_total():
    text = "为1.1万名优抚对象发放生活补助金4.28亿元，对随军未就业家属实施每月发放650元生活补助政策。"
    passage = Passage("r002-p001", 2, text, 0, len(text), subtitle="来宾市双拥工作综述", places=("来宾市",))
    book = ReportPlaces([Report(2, "t", "来宾市双拥工作综述", "", "s", text, ("来宾市",))])

    def decided(question, *spans, checks=("other_unit",)):
        read = ReadResult(tuple(Answer(s, 9.0 - i, passage, text.index(s), text.index(s) + len(s))
                                for i, s in enumerate(spans)), 5.0)
        return decide(question, read, book, named=(), threshold=1.0, top_n=3, checks=checks)

    monthly = "来宾每月给随军未就业家属发多少生活补助？"
    assert decided(monthly, "4.28亿元", "650元").answers[0].text == "650元"  # the figure said per month goes first
    alone = decided(monthly, "4.28亿元")
    assert not alone.answers and alone.reason_code == "other_unit" and "4.28亿元" in alone.reason
    assert decided("来宾发了多少生活补助金？", "4.28亿元").answers[0].text == "4.28亿元"  # no 每: a total is asked
    assert decided(monthly, "4.28亿元", checks=()).answers[0].text == "4.28亿元"  # the check switched off


def test_a_daily_average_answers_a_question_per_day():
    from qa.reading.qualifiers import per_period

    text = "全市生活垃圾日均清运量达到3260吨，全年清运119万吨。"
    passage = Passage("r003-p001", 3, text, 0, len(text))
    daily, yearly = (Answer(s, 1.0, passage, text.index(s), text.index(s) + len(s)) for s in ("3260吨", "119万吨"))
    assert [a.text for a in per_period("江门现在每天要运走多少吨垃圾？", (yearly, daily))] == ["3260吨"]
