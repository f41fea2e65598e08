"""The reader's figure and year checked against what the question counts and dates (qa.reading.counted,
qa.reading.events), through `abstain.decide`."""
from dataclasses import replace

from embeddings.types import Passage, Report
from qa.reading.abstain import decide
from qa.reading.places import ReportPlaces
from qa.reading.reader import ReadResult
from qa.types import Answer


def one_report(text: str, number: int, place: str):
    """A report of one passage, its places and a reader of the given spans (best first): (passage, book, read)."""
    passage = Passage(f"r{number:03d}-p001", number, text, 0, len(text), subtitle=f"{place}双拥工作综述", places=(place,))
    book = ReportPlaces([Report(number, "t", f"{place}双拥工作综述", "", "s", text, (place,))])

    def read(*spans):
        return ReadResult(tuple(Answer(s, 9.0 - i, passage, text.index(s), text.index(s) + len(s))
                                for i, s in enumerate(spans)), 5.0)

    return passage, book, read


def test_a_figure_counting_another_thing_gives_way_to_the_one_counting_the_asked():
    _, book, read = one_report("4年来，举办110场专场招聘会，定向提供岗位4.2万余个，安置转业军官313名。", 18, "连云港市")

    asked = "连云港专场招聘会上给退役军人拿出来了多少岗位？"
    assert decide(asked, read("110场", "4.2万余个"), book, named=(), threshold=1.0, top_n=3).answers[0].text == "4.2万余个"
    # the fairs asked for: the reader's 110场 stays first; and 313名 counts 转业军官 before it, as asked
    assert decide("连云港办了多少场专场招聘会？", read("110场", "4.2万余个"), book, named=(), threshold=1.0,
                  top_n=3).answers[0].text == "110场"
    assert decide("连云港安置了多少名转业军官？", read("313名", "110场"), book, named=(), threshold=1.0,
                  top_n=3).answers[0].text == "313名"


def test_a_year_whose_sentence_says_another_event_does_not_answer_when_the_asked_one_happened():
    _, book, read = one_report("2022年安阳遭遇奥密克戎，海军安阳舰全体官兵发来慰问信。2016年，海军安阳舰正式入列。", 27, "安阳市")
    first = read("2022年")
    refused = decide("海军安阳舰是哪一年服役的？", first, book, named=(), threshold=1.0, top_n=3)
    assert refused.reason_code == "other_kind" and not refused.answers
    kin = read("2016年")  # 入列 is kin of 服役
    assert decide("海军安阳舰是哪一年服役的？", kin, book, named=(), threshold=1.0, top_n=3).answers[0].text == "2016年"
    # a question naming no event word, or asking no date, is not checked
    assert decide("安阳哪一年遭了疫情？", first, book, named=(), threshold=1.0, top_n=3).answers


def test_a_report_word_for_an_everyday_noun_names_what_is_counted():
    _, book, read = one_report("协调解决现役军人子女入学入托153名，帮助随军家属就业21名。", 11, "六盘水市")

    kids = decide("六盘水帮多少个孩子解决了上学入托？", read("153名"), book, named=(), threshold=1.0, top_n=3)
    assert kids.answers and kids.answers[0].text == "153名"  # 孩子 is counted by its report word, 子女
    # a noun with no report word near the figure is still not counted by it
    cars = decide("六盘水帮多少名民兵解决了上学入托？", read("153名"), book, named=(), threshold=1.0, top_n=3)
    assert not cars.answers and cars.reason_code == "uncounted"


def test_a_later_date_stands_in_for_a_best_that_is_no_time():
    _, book, read = one_report("今年4月，“十堰舰”舰歌《东风送我去远航》发布。驻军出动2650亩、6000余人次，安置11场。", 14, "十堰市")

    when = decide("十堰舰的舰歌啥时候发布的？", read("东风送我去远航", "4月"), book, named=(), threshold=1.0, top_n=3)
    assert [a.text for a in when.answers] == ["4月"]  # a song's name answers no when; the date stands in
    # a count in another sentence never stands in for a count of another thing (it answered unanswerable questions
    # as often); one in the same clause does (test below)
    times = decide("一共安置了多少人次？", read("11场", "6000余人次"), book, named=(), threshold=1.0, top_n=3)
    assert not times.answers and times.reason_code == "other_unit"


def test_an_everyday_event_word_has_the_report_words_as_kin():
    _, book, read = one_report("延安南泥湾军民合用新机场于2018年11月建成投用，累计开通运营航线30条。", 7, "延安市")
    built = decide("延安那个新机场是啥时候建好开始用的？", read("2018年11月"), book, named=(), threshold=1.0, top_n=3)
    assert [a.text for a in built.answers] == ["2018年11月"]  # 建好 is kin of 建成 (and 投用)
    other = decide("延安那个新机场是啥时候开始招飞的？", read("2018年11月"), book, named=(), threshold=1.0, top_n=3)
    assert not other.answers and other.reason_code == "other_kind"  # 开始 asks another event: 建成投用 says none


def test_a_figure_of_the_asked_unit_beside_the_refused_one_stands_in():
    _, book, read = one_report("为6837名自主就业退役士兵发放一次性经济补助金1.8亿元，组织3312名退役士兵参加培训，"
                               "畜牧业产值占农牧业总产值的比重达到55.6%，畜牧业产值达到486亿元。另安置21名。", 9, "延安市")

    paid = decide("延安发一次性经济补助金，发给了多少人？", read("1.8亿元", "6837名"), book, named=(), threshold=1.0, top_n=3)
    assert [a.text for a in paid.answers] == ["6837名"]  # the same clause
    share = decide("延安畜牧业在农牧业产值里能占几成？", read("486亿元", "55.6%"), book, named=(), threshold=1.0, top_n=3)
    assert [a.text for a in share.answers] == ["55.6%"]  # the same sentence, a clause saying 农牧业 产值
    # another clause saying nothing of the question but what it counts, another sentence, or below the threshold: none
    weak = read("1.8亿元", "6837名")
    weak = ReadResult((weak.answers[0], replace(weak.answers[1], score=0.5)), weak.margin)
    for asked, result in (("延安发补助金时安置了多少名退役士兵？", read("1.8亿元", "3312名")),
                          ("延安发补助金一共多少人？", read("1.8亿元", "21名")), ("延安发补助金，发给了多少人？", weak)):
        refused = decide(asked, result, book, named=(), threshold=1.0, top_n=3)
        assert not refused.answers and refused.reason_code == "other_unit", asked


def test_a_possible_answer_is_the_one_an_answer_would_have_been():
    _, book, read = one_report("漳州坚持把支持部队基础设施、训练设施、文化设施和生活设施建设列入为部队办实事项目。", 30, "漳州市")

    unsure = decide("漳州保障的“四项建设”是哪四样设施？", read("文化设施", "基础设施、训练设施、文化设施和生活设施"), book,
                    named=(), threshold=10.0, top_n=3, hedge_from=0.0)  # the margin, 5, is below the threshold
    assert not unsure.answers and [a.text for a in unsure.possible] == ["基础设施、训练设施、文化设施和生活设施"]


def test_one_counted_noun_of_four_led_by_a_general_word_is_named_by_its_head():
    from qa.reading.abstain import uncounted

    jobs = "王息辰创办濮阳市盛源集团，创造1万余个就业岗位。"
    at = jobs.index("1万余个")
    assert uncounted("王息辰办企业，提供了多少个工作岗位？", jobs, at, at + 4) is None  # 岗位 named: 工作 is general
    assert uncounted("王息辰办企业，资助了多少名贫困学生？", jobs, at, at + 4) == "贫困学生"
    teachers = "全市有教师860名，其中高级教师120名。"
    at = teachers.index("860名")
    assert uncounted("绵阳有多少名特级教师？", teachers, at, at + 4) == "特级教师"  # 特级 says which teachers


def test_a_count_asked_in_ten_thousands_counts_the_noun_after_its_measure_word():
    from qa.reading.abstain import counted_noun, uncounted

    assert counted_noun("赤峰翁牛特旗现在圈里养着多少万头牛？") is None  # 牛, not 头牛: one character, not looked for
    row = "旗县区情况｜翁牛特旗｜牛存栏（万头）：32.5；羊存栏（万只）：186.4"
    at = row.index("32.5")
    assert uncounted("赤峰翁牛特旗现在圈里养着多少万头牛？", row, at, at + 4) is None
    assert counted_noun("一共有多少万名退役军人？") == counted_noun("一共有多少名退役军人？")


def test_what_a_count_counts_is_a_noun_named_right_after_its_measure_word():
    from qa.reading.abstain import counted_noun, uncounted

    assert counted_noun("前后只花了几天就把贷款送上门？") is None  # 就把…: no noun counted, 3个工作日 answers
    assert counted_noun("科技馆去年来了多少人参观？") is None  # what the people did: 接待观众42.6万人次 answers
    assert counted_noun("有多少人参加了培训？") is None and counted_noun("来了多少名志愿者？") == "志愿者"
    row = "（区）情况｜云渡县｜排查房屋：9.7万栋；加固改造农房：1950户；建成应急避难场所：12个"
    at = row.index("1950")
    assert uncounted("云渡县给多少户农村人家加固了房子？", row, at, at + 4) is None  # 人家 is counted by 户 (qa.everyday)
    assert uncounted("云渡县给多少户农村学校加固了房子？", row, at, at + 4) == "农村"
