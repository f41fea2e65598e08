"""A whole list answering a question that asks for several things reads its margin higher (qa.reading.list_margin):
answered where a single span at the same margin is "not found", and never for a question asking one thing."""
import pytest
from tests_helpers import OnePassageRetriever, PoolReader

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.reading.kind_checks import is_list_run
from qa.settings import LIST_CREDIT, Settings

TEXT = "钦州市统筹协调组织部、人武部、团市委等单位集中办公，规范退役士兵返乡“一站式”报到流程。"
PASSAGE = Passage("r001-p001", 1, TEXT, 0, len(TEXT), subtitle="钦州市双拥工作综述", places=("钦州市",))


def ask(question, span, margin, monkeypatch, credit=None):
    if credit is not None:
        monkeypatch.setenv("QA_LIST_CREDIT", str(credit))
    settings = Settings(no_answer_threshold=-7.0, hedge_band=None)
    reader = PoolReader(PASSAGE, [(span, margin)])
    return Assistant(OnePassageRetriever(PASSAGE), reader, settings=settings).ask(question)


def test_a_whole_list_for_a_question_asking_several_things_is_answered_below_the_threshold(monkeypatch):
    margin = -7.0 - LIST_CREDIT / 2  # below the threshold by less than the credit
    r = ask("钦州退伍兵回来报到，把哪些单位叫到一块儿集中办公？", "组织部、人武部、团市委", margin, monkeypatch)
    assert not r.abstained and r.best.text == "组织部、人武部、团市委"
    assert r.best.reader_score == pytest.approx(margin + LIST_CREDIT)  # the confidence reads the raised margin


def test_no_credit_for_one_thing_asked_a_single_span_or_the_credit_switched_off(monkeypatch):
    margin = -7.0 - LIST_CREDIT / 2
    assert ask("钦州把什么单位叫到一块儿集中办公？", "组织部、人武部、团市委", margin, monkeypatch).abstained
    assert ask("钦州把哪些单位叫到一块儿？", "一站式", margin, monkeypatch).abstained  # not a list
    assert ask("钦州把哪些单位叫到一块儿？", "组织部、人武部、团市委", margin, monkeypatch, credit=0).abstained
    assert ask("钦州把哪些单位叫到一块儿？", "组织部、人武部、团市委", -7.0 - LIST_CREDIT - 1, monkeypatch).abstained


def test_a_list_run_has_three_items_or_more_each_a_word_or_phrase():
    assert is_list_run("组织部、人武部、团市委") and is_list_run("编制、人员、经费和办公地点")
    assert not is_list_run("华蓥、武胜")  # two items: no credit
    assert not is_list_run("公安、人社，教育、卫生")  # a clause, not a run
    assert not is_list_run("医院、、车站")


def test_a_bad_list_credit_is_named_with_its_fix(monkeypatch):
    from embeddings.errors import InputError

    monkeypatch.setenv("QA_LIST_CREDIT", "-1")
    with pytest.raises(InputError, match="QA_LIST_CREDIT"):
        Settings()
    monkeypatch.setenv("QA_LIST_CREDIT", "0")
    assert Settings().list_credit == 0.0
