"""A whole table cell of the row a question names reads its margin higher (qa.reading.row_margin): answered where
the same cell for a question naming no row, a cell's part, or the credit switched off stays "not found"."""
import pytest
from tests_helpers import OnePassageRetriever, PoolReader

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.settings import ROW_CREDIT, Settings

ROW = "全年完成文物建筑修缮64处，各区县文物保护情况｜潮阳区｜不可移动文物：528处；修缮文物建筑：14处；保护投入：6680万元"
PASSAGE = Passage("r001-p003", 1, ROW, 0, len(ROW), subtitle="汕头市文物保护工作报告", places=("汕头市",))


def ask(question, span, margin, monkeypatch, credit=None):
    if credit is not None:
        monkeypatch.setenv("QA_ROW_CREDIT", str(credit))
    settings = Settings(no_answer_threshold=-7.0, hedge_band=None, reword=False)
    reader = PoolReader(PASSAGE, [(span, margin)])
    return Assistant(OnePassageRetriever(PASSAGE), reader, settings=settings).ask(question)


def test_a_cell_of_the_row_the_question_names_is_answered_below_the_threshold(monkeypatch):
    margin = -7.0 - ROW_CREDIT / 2
    r = ask("汕头潮阳区登记在册的老古迹有多少处？", "528处", margin, monkeypatch)
    assert not r.abstained and r.best.text == "528处"
    assert r.best.reader_score == pytest.approx(margin + ROW_CREDIT)  # the confidence reads the raised margin


def test_no_credit_without_the_row_named_for_part_of_a_cell_or_switched_off(monkeypatch):
    margin = -7.0 - ROW_CREDIT / 2
    assert ask("汕头登记在册的老古迹有多少处？", "528处", margin, monkeypatch).abstained  # 潮阳区 not said
    assert ask("汕头潮阳区登记在册的老古迹有多少处？", "528", margin, monkeypatch).abstained  # not the whole cell
    assert ask("汕头潮阳区登记在册的老古迹有多少处？", "528处", margin, monkeypatch, credit=0).abstained
    assert ask("汕头潮阳区有多少座博物馆？", "528处", -1.0, monkeypatch).reason_code == "other_unit"  # checks still run


def test_a_bad_row_credit_is_named_with_its_fix(monkeypatch):
    from embeddings.errors import InputError

    monkeypatch.setenv("QA_ROW_CREDIT", "-2")
    with pytest.raises(InputError, match="QA_ROW_CREDIT"):
        Settings()


def test_households_and_incidents_count_as_people_say_them():
    from qa.reading.abstain import uncounted
    from qa.reading.answer_types import expected_type

    text = "太白县｜隐患点：114处；搬迁避让：176户"
    at = text.index("176户")
    assert uncounted("太白县搬走了多少户人家？", text, at, at + 4) is None  # 人家: the households counted
    hazards = "周村区｜在用电梯（台）：3180；整改隐患（处）：730处"
    at = hazards.index("730处")
    assert uncounted("淄博周村区改掉了多少处毛病？", hazards, at, at + 4) is None  # 毛病: the 隐患 counted
    assert uncounted("淄博周村区改掉了多少处路灯？", hazards, at, at + 4) is not None
    assert expected_type("宝鸡去年躲过了几次地质灾害？").matches("6起")  # 几次 灾害: 6起


def test_the_credit_goes_with_the_answer_to_the_column_the_question_names(monkeypatch):
    margin = -7.0 - ROW_CREDIT / 2  # 不可移动文物 is named: the reader's 14处 moves to that column's 528处
    r = ask("汕头潮阳区有多少处不可移动文物？", "14处", margin, monkeypatch)
    assert not r.abstained and r.best.text == "528处"
    assert ask("汕头有多少处不可移动文物？", "14处", margin, monkeypatch).abstained  # no row named: no credit
