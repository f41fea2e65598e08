"""The kind of answer a question asks: a time, a duration, a sum of money, a name after a count."""
from qa.reading.abstain import decide, unit_mismatch
from qa.reading.kind_checks import wrong_kind


def test_a_name_asked_after_a_count_in_the_question_is_not_checked_for_the_counted_noun():
    from tests.qa.reading.test_counted_events import one_report

    _, book, read = one_report("依托南梁革命纪念馆、陕甘边区革命政府旧址开展爱国主义教育。全年走访军属300人。", 33, "庆阳市")
    asked = "庆阳搞爱国主义教育靠的那几处地方里，有一个叫什么革命纪念馆？"  # 几处地方 is no count asked
    assert decide(asked, read("南梁革命纪念馆"), book, named=(), threshold=1.0, top_n=3).answers[0].text == "南梁革命纪念馆"
    counted = decide("庆阳有多少名讲解员？", read("300人"), book, named=(), threshold=1.0, top_n=3)
    assert counted.reason_code == "uncounted" and not counted.answers  # a figure is still checked


def test_a_question_asking_when_in_everyday_words_gets_a_date_or_a_feast_or_nothing():
    from qa.reading.answer_types import expected_type

    assert expected_type("十堰舰的舰歌啥时候发布的？").name == "date"  # 啥时候 = 什么时候
    assert wrong_kind("十堰舰的舰歌啥时候发布的？", "东风送我去远航") == "年份或日期"  # a song's name is no time
    for day in ("“七一”前夕", "八一建军节", "春节期间", "今年4月"):
        assert wrong_kind("市领导一般是赶在啥时候去看望老兵的？", day) == ""
    assert wrong_kind("市领导一般是赶在啥时候去看望老兵的？", "七一书记") == "年份或日期"
    assert wrong_kind("马拉松冠军跑了多长时间？", "16日") == "时长" and not wrong_kind("跑了多长时间？", "2小时8分")


def test_a_sum_of_money_asked_by_its_kind_of_money_is_never_answered_by_a_count():
    assert unit_mismatch("这个市保障性租赁住房的租金是多少？", "8620套")  # 租金: money said
    assert unit_mismatch("优待金有多少？", "300户") and not unit_mismatch("优待金有多少？", "2000元")
    assert not unit_mismatch("黄金周来了多少游客？", "3万人次")  # 黄金 is no money asked


def test_unit_mismatch_only_for_counts_of_another_thing():
    assert unit_mismatch("灵台县通过专场招聘会帮多少名退役军人实现了就业？", "11场")
    assert unit_mismatch("濮阳这些年一共安置了多少名随调家属？", "4年")
    assert unit_mismatch("芜湖的拥军公交专线是几路车？", "4人")
    assert not unit_mismatch("转移了多少名群众？", "1200多人")  # 名 / 人 / 位 count alike
    assert not unit_mismatch("建了多少个服务站？", "975名")  # 个 stands in for any measure
    assert unit_mismatch("驻州某部包联那几个乡镇，又投了多少钱？", "12个")  # money answered by a count
    assert not unit_mismatch("又投了多少钱？", "260余万元") and not unit_mismatch("又投了多少钱？", "30万")
    assert not unit_mismatch("军分区给共建学校捐了多少图书资料？", "1.5万册")  # 捐 guesses money; the question counts books
    assert not unit_mismatch("帮多少名退役军人实现了就业？", "1200")  # a bare number
    assert not unit_mismatch("投入了多少钱？", "30万元")  # not a count question
    assert not unit_mismatch("开封那条主题公交是几路？", "K101")  # not a number with a measure word
    assert not unit_mismatch("出动了多少人次？", "5000人次")


def test_a_place_of_a_level_asked_is_never_answered_by_a_long_name_of_no_place():
    from qa.reading.kind_checks import wrong_kind

    asked = "邹广阳守的那座红军烈士墓，在哪个乡镇？"
    assert wrong_kind(asked, "全国提名最美拥军人物") == "地名"
    assert wrong_kind(asked, "龙场乡") == "" and wrong_kind("在哪个县？", "和静") == ""  # a unit, or a place's short name
    assert wrong_kind("对口帮扶的是哪个村？", "公馆镇扫管村") == ""
    assert wrong_kind("哪个县投入最多？", "全国提名最美拥军人物") == ""  # a ranking asks no place's name here


def test_people_asked_are_never_counted_in_another_measure():
    assert unit_mismatch("政务服务中心有多少工作人员？", "114个") and unit_mismatch("机场累计进出了多少旅客？", "30条")
    assert not unit_mismatch("政务服务中心有多少工作人员？", "114名") and not unit_mismatch("机场累计进出了多少旅客？", "168.3万人次")
    assert not unit_mismatch("转移了多少群众？", "1200多人") and not unit_mismatch("有多少工作人员？", "114")  # a bare number


def test_a_count_of_days_is_also_said_in_working_days():
    from qa.reading.answer_types import expected_type

    assert expected_type("现在办一件事平均要几天？").matches("2.8个工作日") and expected_type("要几天？").matches("3天")
    from qa.reading.answer_types import grow
    text = "从4.5个工作日压缩到2.8个工作日"
    at = text.index("2.8")
    assert text[slice(*grow(text, at, at + 4, expected_type("平均要几天？")))] == "2.8个工作日"  # not 2.8个


def test_a_question_asking_what_is_done_is_never_answered_by_a_bare_count():
    from tests.qa.reading.test_counted_events import one_report

    _, book, read = one_report("吉行军志愿服务队注册志愿者68人，积极开展义务献血、清明祭扫等活动。", 33, "珲春市")
    done = decide("珲春的志愿服务队平常都干些啥？", read("68人"), book, named=(), threshold=1.0, top_n=3)
    assert done.reason_code == "other_kind" and not done.answers and "68人" in done.reason
    counted = decide("珲春的志愿服务队有多少志愿者？", read("68人"), book, named=(), threshold=1.0, top_n=3)
    assert counted.answers and counted.answers[0].text == "68人"


def test_a_question_asking_which_several_things_is_never_answered_by_their_count_but_by_their_list():
    from tests.qa.reading.test_counted_events import one_report

    text = "通航产业园引进甘肃神龙、四川泛美、航天九院等6家企业入驻。"
    _, book, read = one_report(text, 1, "张掖市")
    counted = decide("张掖的通航产业园都引进了哪些企业？", read("6家企业"), book, named=(), threshold=1.0, top_n=3)
    assert counted.reason_code == "other_kind" and not counted.answers and "6家企业" in counted.reason
    assert decide("张掖的通航产业园引进了多少家企业？", read("6家企业"), book, named=(), threshold=1.0,
                  top_n=3).answers[0].text == "6家企业"  # how many: the count answers
    listed = decide("张掖的通航产业园都引进了哪几家企业？", read("6家企业", "甘肃神龙、四川泛美、航天九院"), book, named=(),
                    threshold=1.0, top_n=3)
    assert listed.answers[0].text == "甘肃神龙、四川泛美、航天九院"  # the list in the pool stands in for the count


def test_people_counted_with_ge_are_never_answered_by_events_or_money():
    from qa.reading.abstain import unit_mismatch

    assert unit_mismatch("宣讲团里头有多少个宣讲员？", "100余场")
    assert unit_mismatch("一共发给了多少个重点优抚对象？", "1100余万元")
    assert not unit_mismatch("宣讲团里头有多少个宣讲员？", "36名") and not unit_mismatch("有多少个宣讲员？", "36个")
    assert not unit_mismatch("建了多少个服务站？", "120家")  # things: any measure answers


def test_kin_measures_and_kin_event_words_answer_each_other():
    from embeddings.types import Passage
    from qa.reading.abstain import unit_mismatch
    from qa.reading.events import unsaid_event
    from qa.types import Answer

    assert not unit_mismatch("去年查了多少起侵权假冒的案子？", "342件") and not unit_mismatch("来过几回？", "3次")
    assert unit_mismatch("去年查了多少起案子？", "342名")  # people count no cases
    text = "维权中心于2023年6月9日正式揭牌运行。"
    passage = Passage("r1-p1", 1, text, 0, len(text))
    assert not unsaid_event("维权中心是哪天挂牌的？", Answer("2023年6月9日", 1.0, passage, 5, 14))


def test_a_time_of_the_year_said_without_a_date_answers_when_but_not_which_year():
    from qa.reading.span_edges import trimmed

    assert wrong_kind("贺卡是啥时候寄的？", "今年年初") == "" and wrong_kind("什么时候开的会？", "上半年") == ""
    assert wrong_kind("贺卡是哪一年寄的？", "今年年初") == "年份或日期"  # a year asked: none said
    assert wrong_kind("贺卡是啥时候寄的？", "新年贺卡") == "年份或日期"
    text = "李雨晨同学在今年年初寄往新疆边防部队的新年贺卡中写道"
    at = text.index("年初")
    assert text[slice(*trimmed(text, at, at + 2, "贺卡是啥时候寄的？"))] == "今年年初"  # the year it is of
    assert text[slice(*trimmed(text, at, at + 2, "贺卡是哪一年寄的？"))] == "年初"


def test_which_several_things_is_never_answered_by_one_thing():
    for several in ("开封那11所国家级国防教育示范学校都是哪几所？", "西区那20户商家都是哪些店？", "珲春驻军是给哪三所学校搞的军训？",
                    "北海首批那138家商家都有谁？"):
        assert wrong_kind(several, "八一爱民学校") == "列举"
        assert wrong_kind(several, "甲校、乙校和丙校") == ""
    assert wrong_kind("他们给部队服务主要盯着哪三个“前”？", "“前线”“前沿”“前哨”") == ""  # quoted side by side
    assert wrong_kind("这个县成立了哪几级国防教育委员会？", "县乡两级") == ""  # the count it ends with
    assert wrong_kind("海勃湾跟哪些商家签了协议？", "海勃湾商场") == ""  # 哪些 without a count: one may be all
    assert wrong_kind("哪几个数字概括的？", "16136") == ""  # numbers asked


def test_a_grade_asked_by_its_letter_is_cut_with_the_letter_and_its_level():
    from qa.reading.span_edges import unit_after

    text = "在全省范围率先推出4A级景区免门票政策"
    at = text.index("4A")
    assert text[at:unit_after(text, at, at + 1, "全省头一个放开的是几A的景区？")] == "4A级"


def test_which_several_things_of_a_measure_word_is_never_answered_by_one_and_grows_to_the_list():
    from qa.reading.listed_spans import listed

    asked = "连云港退伍兵回来报到，只进一个门就能办齐哪几件事？"  # 哪几件: which things, not how many
    assert wrong_kind(asked, "落户") == "列举" and wrong_kind(asked, "落户、预备役登记") == ""
    text = "进一个门就能办齐落户、党（团）组织关系转接、社会保险关系接续、预备役登记、优待证办理等5件事，做到"
    at = text.index("落户")  # a bracket inside a thing, a count before the noun, the question's own lead left out
    assert text[slice(*listed(text, at, at + 2, asked))] == "落户、党（团）组织关系转接、社会保险关系接续、预备役登记、优待证办理"


def test_a_count_asked_is_no_name_that_begins_with_a_numeral():
    assert wrong_kind("那个三线建设烈士陵园里一共安葬了多少位烈士？", "六盘水防空防灾科教馆") == "数字"
    assert wrong_kind("八一学校建了几所？", "八一爱民学校") == "数字"
    assert wrong_kind("一共叫几“进”？", "九进") == "" and wrong_kind("拿了几连冠？", "九连冠") == ""
    assert wrong_kind("交给内蒙古的几大任务？", "五大任务") == ""  # the count the question asks for, as it asks it


def test_a_name_asked_is_no_count_and_no_single_character():
    assert wrong_kind("那两首舰歌，分别叫什么名字？", "2首") == "名称"
    assert wrong_kind("开封新成立的那家退役军人医院，叫什么名字？", "汴") == "名称"
    assert wrong_kind("军人权益维护工作体系叫什么？", "12345") == ""  # “12345”工作体系: a number may be a name
    assert wrong_kind("那条河叫什么？", "汴河") == ""


def test_what_is_enjoyed_is_no_count():
    assert wrong_kind("拿着优待证去连云港，能享受啥？", "11.6万张") == "事项"
    assert wrong_kind("拿着优待证去连云港，能享受啥？", "免费乘坐市内公共交通工具") == ""


def test_a_sum_said_in_speech_is_money():
    asked = "濮阳跟中原银行合作以后，退伍军人坐一趟公交车要花多少钱？"
    assert not unit_mismatch(asked, "一分钱") and not unit_mismatch(asked, "两块钱")  # 一分钱 is money
    assert unit_mismatch(asked, "3条")


def test_a_figure_per_so_many_people_gives_way_to_the_total():
    from embeddings.types import Passage
    from qa.reading.qualifiers import totals_first
    from qa.types import Answer

    text = "全市配备救护车236辆，每3万人口配备1辆救护车。"
    p = Passage("r1-p1", 1, text, 0, len(text))
    rate, total = Answer("1辆", 2.0, p, text.index("1辆"), text.index("1辆") + 2), Answer("236辆", 1.0, p, text.index("236"), text.index("236") + 4)
    assert [a.text for a in totals_first((rate, total))] == ["236辆", "1辆"]  # 每3万人口: a rate, not a count


def test_a_time_of_day_asked_is_answered_by_a_clock_time_only():
    # 新闻几点播 asks a time of day: a duration (2860小时) or a count is no answer; 几点要求 counts points
    assert wrong_kind("蒹屿电视台的新闻几点播？", "2860小时") == "时刻"
    assert wrong_kind("档案馆每天几点开门？", "8:30") == "" and wrong_kind("路灯晚上几点开？", "19时") == ""
    assert wrong_kind("局里提了几点要求？", "3点") == "" and wrong_kind("局里提了几点要求？", "三点") == ""
