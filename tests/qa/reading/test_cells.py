"""A table row's answer in the column the question names (qa.reading.cells)."""
from embeddings.types import Passage
from qa.reading.cells import in_named_column, label_core, named_cell
from qa.types import Answer

ROW = "各县空气质量情况｜庆元县｜优良天数比例：99.7%；PM2.5（微克/立方米）：15"
SCHOOLS = "各区县新建学校情况｜江油市｜新建学校：11所；新增学位：7200个"
ROADS = "完成情况｜嘉善县｜新改建里程：52公里；完成投资：3.8亿元；危桥改造：11座"


def _answer(text: str, span: str) -> Answer:
    start = text.index(span)
    return Answer(span, 5.0, Passage("r001-p001", 1, text, 0, len(text)), start, start + len(span), reader_score=4.0)


def test_the_column_a_question_names():
    assert label_core("PM2.5（微克/立方米）") == "PM2.5" and label_core("新建学校") == "新建学校"
    assert named_cell("庆元县的PM2.5是多少？", ROW).label == "PM2.5（微克/立方米）"
    assert named_cell("庆元县优良天数比例是多少？", ROW).label == "优良天数比例"
    assert named_cell("江油市新建了几所学校？", SCHOOLS).label == "新建学校"  # every character, not in a row
    assert named_cell("嘉善县改造了几座危桥？", ROADS).label == "危桥改造"
    assert named_cell("嘉善县的情况怎么样？", ROADS) is None  # no label named
    assert named_cell("庆元县的PM2.5是多少？", "庆元县PM2.5为15，优良天数比例99.7%。") is None  # not a row


def test_an_answer_from_the_wrong_cell_moves_to_the_named_one():
    moved = in_named_column("庆元县的PM2.5是多少？", _answer(ROW, "99.7%"))
    assert moved.text == "15" and moved.passage.text[moved.start:moved.end] == "15"
    assert moved.reader_score == 4.0 and moved.cell.column == "PM2.5（微克/立方米）"
    right = _answer(ROW, "99.7%")
    assert in_named_column("庆元县优良天数比例是多少？", right) is right
    assert in_named_column("庆元县的空气怎么样？", right) is right


def test_a_cell_of_the_asked_kind_stands_in_when_no_column_is_named():
    row = "各县完成情况｜临海市｜新增养老机构：6家；新增床位：690张；完成投资：11200万元"
    moved = in_named_column("临海市建养老机构花了多少钱？", _answer(row, "6家"))  # money asked: the one money cell
    assert moved.text == "11200万元" and row[moved.start:moved.end] == "11200万元"
    assert in_named_column("临海市建了几家养老机构？", _answer(row, "6家")).text == "6家"  # a count: as it was
    two = "完成情况｜嘉善县｜完成投资：3.8亿元；养护资金：0.5亿元；危桥改造：11座"
    assert in_named_column("嘉善县花了多少钱？", _answer(two, "11座")).text == "11座"  # two money cells: no guess


def test_a_bare_figure_takes_its_column_labels_unit_for_its_kind():
    from qa.reading.abstain import of_asked_type
    from qa.reading.cells import column_unit

    row = "各县（市、区）抽检情况｜晋江市｜抽检批次（批）：6480；合格率：98.3%"
    assert column_unit(_answer(row, "6480")) == "批" and column_unit(_answer(row, "98.3%")) == ""
    assert of_asked_type("晋江去年食品抽检抽了多少批？", _answer(row, "6480"))  # hedged as 可能的答案 when unsure
    assert not of_asked_type("晋江去年抽检了多少家企业？", _answer(row, "6480"))


OLD_HOMES = "县（市、区）改造情况｜涿州市｜改造小区（个）：52；惠及居民（户）：7300；完成投资（亿元）：2.96"
MARKS = "部分县区情况｜镇平县｜发明专利授权（件）：98；有效注册商标（件）：12600；质押融资金额：1.68亿元"
NURSERIES = "部分区县情况｜越城区｜新增托位（个）：1450；每千人口托位数（个）：4.8"


def test_a_named_column_of_another_kind_than_asked_is_not_the_one_asked():
    money = _answer(OLD_HOMES, "2.96")  # 改老小区 names 改造小区, but 花了多少钱 asks money: 完成投资 in 亿元
    assert in_named_column("保定涿州改老小区花了多少钱？", money) is money
    assert in_named_column("涿州改造了多少个小区？", _answer(OLD_HOMES, "7300")).text == "52"


def test_a_bare_figure_takes_its_column_s_unit_for_the_asked_kind():
    moved = in_named_column("涿州在这上面投了多少钱？", _answer(OLD_HOMES, "52"))  # 2.96 is money in 亿元
    assert moved.text == "2.96" and moved.cell.column == "完成投资（亿元）"


def test_a_cell_s_clause_is_its_own_label_and_value():
    from qa.reading.qualifiers import clause_first

    named, first = _answer(MARKS, "12600"), _answer(MARKS, "98")  # 98's clause is no longer the row's head
    assert [a.text for a in clause_first("镇平县有多少个注册商标？", (named, first))] == ["12600", "98"]


def test_a_rate_per_thousand_people_asked_is_the_rate_s_cell():
    from qa.reading.qualifiers import per_period

    shown = per_period("绍兴越城区现在每千人有几个托位？", (_answer(NURSERIES, "1450"), _answer(NURSERIES, "4.8")))
    assert [a.text for a in shown] == ["4.8"]


def test_a_cell_s_clause_says_its_row_s_name():
    from qa.reading.qualifiers import clause_first

    row = "全年新开线路46条，各区完成情况｜偃师区｜新开线路：8条；更新公交车：90辆"
    shown = clause_first("偃师区新开了几条线路？", (_answer(row, "46条"), _answer(row, "8条")))
    assert [a.text for a in shown] == ["8条", "46条"]  # the row the question names, not the city's total


def test_a_column_is_named_by_the_characters_no_other_label_has():
    farms = "各县建设情况｜海门区｜新建面积（万亩）：4.1；改造提升面积（万亩）：2.6；投入资金（亿元）：1.77"
    assert named_cell("海门区把老田翻新了多大面积？", farms) is None  # 面积 is every area's; 新 alone is half of 新建
    assert named_cell("海门区新建了多大面积？", farms).label == "新建面积（万亩）"
    checks = "各区抽检情况｜洛江区｜抽检批次（批）：1860；不合格批次（批）：40；合格率：97.9%"
    assert named_cell("洛江区抽检查出多少批不合格？", checks).label == "不合格批次（批）"  # tied on own: more of it said


def test_a_column_is_named_by_the_report_words_for_the_question_s_everyday_ones():
    hazards = "部分县情况｜沛县｜排查隐患点：352处；完成整治：331处；新增信号灯：26套"
    assert named_cell("沛县隐患整改好了多少处？", hazards).label == "完成整治"  # 整改好了: 整治 完成 (qa.everyday)
    assert named_cell("沛县排查了多少处隐患点？", hazards).label == "排查隐患点"
    trade = "主要县情况｜东阳市｜家政企业（家）：640；从业人员（万人）：2.9；培训人次（万人次）：0.94"
    assert named_cell("东阳市干家政这一行的有多少人？", trade).label == "从业人员（万人）"  # 干…这一行: 从业人员
    assert named_cell("东阳市有多少家家政企业？", trade).label == "家政企业（家）"


def test_a_column_holding_a_report_word_for_the_question_s_everyday_one_is_named():
    trades = "全年各类公共资源交易情况｜工程建设招标投标｜项目数：3260个；交易额：682.5亿元；节约或增值资金：18.6亿元"
    assert named_cell("棠浦工程招标那块给省下来多少钱？", trades).label == "节约或增值资金"  # 省下来: 节约 (qa.everyday)
    assert in_named_column("工程招标那块给省下来多少钱？", _answer(trades, "682.5亿元")).text == "18.6亿元"
    assert named_cell("工程招标那块交易了多少钱？", trades) is None  # no everyday word: the reader's cell stays
    works = "各县完成情况｜永修县｜除险加固水库：15座；堤防加固：38公里；完成投资：7.9亿元"
    assert named_cell("永修县修好了几座病险水库？", works).label == "除险加固水库"  # 修好: 完成, but 完成投资 counts no 座


def test_the_table_s_topic_in_its_caption_names_no_column():
    gas = "全年更新改造城镇燃气老化管道426公里，部分区县情况｜迁安市｜燃气用户：15.3万户；更新改造管道：38公里；加装安全装置：20600户"
    # 燃气 is the caption's, every row's topic: 装…装置 tells the column, not 燃气…户
    assert named_cell("迁安市有多少户家里装上了燃气保护的小装置？", gas).label == "加装安全装置"
    assert named_cell("迁安市有多少燃气用户？", gas).label == "燃气用户"
    assert named_cell("迁安市更新改造了多少公里管道？", gas).label == "更新改造管道"  # all in the caption: its own characters
