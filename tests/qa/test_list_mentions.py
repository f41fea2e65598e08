"""Place lists asked by the words a report says: every report searched for them, quotation marks aside."""
import doctest

import pytest

import qa.list_mentions
from qa.assistant import Assistant
from qa.settings import Settings
from tests.qa.test_lists import StrayReader

COMPILATION = """2023年双拥工作汇编（3篇）
目录
1.甲城市双拥工作综述1
2.乙县双拥工作综述5
3.丙市双拥工作综述9

擦亮双拥新品牌
甲城市双拥工作综述
（2023年8月3日）
　　我市坚持双拥共建，努力让“最可爱的人”成为“最幸福的人”。
二、厚植双拥情怀
　　为1048名随军未就业家属发放生活补助628.8万元，2名官兵荣立三等功。
鱼水情深
乙县双拥工作综述
（2023年7月31日）
　　近年来，乙县为驻地部队提供用地527亩，累计投入3.5亿元资金为部队购置训练装备。
强化组织领导
　　乙县成立双拥工作领导小组，县委书记任组长，为了让最可爱的人成为最幸福的人，落实优待政策。
同心共谱新华章
丙市推动双拥工作综述
（2023年5月9日）
　　丙市聚焦部队所需，建成双拥林2处，栽植树木1200棵，开展军民共建活动500余次。
##paidend##
"""


def test_the_module_examples_hold():
    assert doctest.testmod(qa.list_mentions).failed == 0


@pytest.fixture
def saying(tmp_path, hashing_encoder):
    from embeddings.index import build_index
    from qa.retrieval.retriever import Retriever

    corpus = tmp_path / "corpus" / "three.txt"
    corpus.parent.mkdir()
    corpus.write_text(COMPILATION, encoding="utf-8")
    retriever = Retriever.load(build_index([corpus], tmp_path / "index", hashing_encoder), encoder=hashing_encoder)
    return Assistant(retriever, StrayReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None))


def test_every_place_saying_the_words_is_listed_with_the_clause_saying_them_quotation_marks_aside(saying):
    r = saying.ask("“让最可爱的人成为最幸福的人”这句话，出现在哪几个地方的报告里？")
    assert r.kind == "list" and sorted(p.place for p in r.parts) == ["乙县", "甲城"]
    for part in r.parts:  # each cited where its report says the words, whatever the reader would cut
        shown = part.answer
        assert "最幸福的人" in shown.text and shown.passage.text[shown.start:shown.end] == shown.text
    assert saying.retriever.naming("让最可爱的人成为最幸福的人").keys() == {2}  # word for word: only 乙县 says it so
    r = saying.ask("报告里提到三等功的有哪些地方？")
    assert [p.place for p in r.parts] == ["甲城"] and "三等功" in r.parts[0].answer.text


def test_words_no_report_says_leave_the_list_to_the_reader_and_a_place_s_act_is_no_mention(saying):
    from qa.list_mentions import mentioned, mention_parts

    parts, _ = mention_parts(saying, "报告里提到火星基地的有哪些地方？", None, ("火星基地",))
    assert parts == []  # said nowhere: the list is read as any other (qa.lists)
    assert mentioned("报告里明说当兵的参与了本地“文明城市”创建的，有哪些地方？") == ()
    assert mentioned("报告里提到抗日或者抗战的是哪几个地方？") == ("抗日", "抗战")
