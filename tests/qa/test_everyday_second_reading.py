"""Everyday phrases read again in the report words their passage says (qa.everyday.in_passage_words), alone and in
the assistant's second reading after an abstention."""
from embeddings.types import Passage
from qa.assistant import Assistant
from qa.everyday import in_passage_words
from qa.settings import Settings
from tests.qa.test_reworded import Retriever
from tests.qa.test_roles import Reader as WordReader

TEXT = "全市粮食播种面积达到1680万亩，粮食总产量达到186.4亿斤，小麦单产从每亩452公斤提高到468公斤。"
PASSAGE = Passage("r001-p001", 1, TEXT, 0, len(TEXT))


def test_an_everyday_phrase_is_read_in_the_report_word_its_passage_says():
    assert in_passage_words("周口小麦现在一亩能收多少？", TEXT) == "周口小麦现在单产多少？"
    assert in_passage_words("周口的老人有多少？", TEXT) == "周口的老人有多少？"  # the passage says no 老年人
    assert in_passage_words("周口卖了多少粮？", "粮食销售额12亿元") == "周口卖了多少粮？"  # 卖了多少 asks: kept


def test_the_assistant_reads_the_report_words_after_an_abstention_and_says_so():
    reader = WordReader(TEXT, "468公斤", "单产")  # answers only a question saying 单产
    assistant = Assistant(Retriever(PASSAGE), reader, settings=Settings(no_answer_threshold=0.0, unit_credit=0.0))
    r = assistant.ask("周口小麦现在一亩能收多少？")
    assert not r.abstained and r.question_used == "周口小麦现在单产多少？" and r.best.text == "468公斤"
    assert reader.asked[0] == "周口小麦现在一亩能收多少？" and len(reader.asked) == 2
    assert r.best.confidence is None or r.best.confidence <= 0.79


def test_everyday_words_of_other_services_find_their_report_words():
    from qa.everyday import report_words

    assert "避难场所" in report_words("黛石县建了几个地震时能躲进去的地方？")
    assert "传承人" in report_words("鹊山县带徒弟传手艺的非遗老师傅有多少位？")
    assert "反应时间" in report_words("打120叫救护车，城里现在平均多久能到？")
    assert "明厨亮灶" in report_words("学校后厨有多少比例能让人看得见里面怎么做饭？")
    assert "陪餐" in report_words("哪个市的校长要陪着学生一块儿吃饭？")
    # one phrase read in the report word (the last of them, the thing named), not each of its everyday forms
    assert in_passage_words("带徒弟传手艺的非遗老师傅有多少位？", "代表性传承人（名）：148") == "带徒弟传手艺的非遗传承人有多少位？"
