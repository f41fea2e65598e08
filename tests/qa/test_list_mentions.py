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


@pytest.mark.parametrize("question, words", [
    # what points at the words: 这N个字, 这句话 after an aside, 这句话在…出现过, 写出 / 用了 / 点到 before quoted words
    ("“双拥林”这三个字出现在哪几个地方的报告里？", ("双拥林",)),
    ("“最可爱的人”这句话（当标题的也算）出现在哪几个地方的报告里？", ("最可爱的人",)),
    ("“军民共建”这句话在哪几个地方的报告里出现过？", ("军民共建",)),
    ("报告里写出“黄河”两个字的（黄河大堤之类）是哪几个地方？", ("黄河",)),
    ("报告里点到“陆军”的（陆军某部之类）是哪几个地方？只说“陆海空”的不算。", ("陆军",)),
    # an aside's quoted forms of the words count too; fragments of them and what does not count do not
    ("“红色热土”这个说法（“一片红色的热土”也算，“这片热土”不算）出现在哪几个地方？", ("红色热土", "一片红色的热土")),
    ("“军队打胜仗”（或者“不只是”）这句话，出现在哪几个地方的报告里？", ("军队打胜仗",)),
    # unquoted words after 写出 are what a report did, not words: read as any other list
    ("报告里直接写出部队数字番号的是哪几个地方？", ()),
])
def test_words_pointed_at_after_an_aside_or_a_new_verb_are_searched_for(question, words):
    from qa.list_mentions import mentioned

    assert mentioned(question) == words


def test_an_aside_s_form_finds_the_report_that_writes_it_so(saying):
    question = "“让最可爱的人成为最幸福的人啊”这句话（或者“让最可爱的人成为最幸福的人”）出现在哪几个地方的报告里？"
    r = saying.ask(question)  # no report says the first form; both say the aside's
    assert sorted(p.place for p in r.parts) == ["乙县", "甲城"]
    assert all("最幸福的人" in p.answer.text for p in r.parts)


def test_which_reports_write_quoted_words_at_the_question_s_end(saying):
    # 哪几篇报告里写到了“三等功”？: the quoted words end the question, and 哪几篇报告 asks which places
    assert qa.list_mentions.mentioned("哪几篇报告里写到了“三等功”？") == ("三等功",)
    assert qa.list_mentions.mentioned("哪些报告提到了三等功？") == ()  # unquoted at the end: left to the reader's lists
    r = saying.ask("哪几篇报告里写到了“三等功”？")
    assert r.kind == "list" and [p.place for p in r.parts] == ["甲城"]
