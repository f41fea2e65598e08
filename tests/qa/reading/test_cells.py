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
