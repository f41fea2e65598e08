"""A document asked for is answered with its whole title, not the part of it the reader cut."""
import pytest

from embeddings.types import Passage
from qa.reading.decoding import Span
from qa.reading.reader import Reader
from qa.reading.spans import as_precise_as_asked
from qa.types import Hit

ZHANGYE = "制定《张掖市军地互提需求、互办实事“双清单、三助力”实施办法》，连续四年全面完成军地互办实事任务135项。"
QINZHOU = "研究制定出台了《关于印发〈钦州市由政府安排工作退役士兵量化分值核定及结果运用实施方案〉的通知》。"
WUHAI = "印发《乌海市2023年军地互提需求、互办实事“双清单”及任务分工方案》，制定军地互提需求清单。"
BOOK = "创作出版《中国工农红军西路军》等系列连环画。"


def grown(text, span, question):
    start = text.index(span)
    return text[slice(*as_precise_as_asked(text, start, start + len(span), question))]


@pytest.mark.parametrize("text, span, question, whole", [
    (ZHANGYE, "双清单、三助力", "张掖为了让部队和地方互相提要求，专门定了个什么办法？",
     "张掖市军地互提需求、互办实事“双清单、三助力”实施办法"),
    (ZHANGYE, "三助力”实施办法", "那个实施办法叫什么？", "张掖市军地互提需求、互办实事“双清单、三助力”实施办法"),
    (QINZHOU, "量化分值核定及结果运用实施方案", "专门出过一个什么实施方案？",
     "钦州市由政府安排工作退役士兵量化分值核定及结果运用实施方案"),  # the inner title, not the 通知 around it
    (WUHAI, "任务分工方案", "乌海印发的“双清单”文件，全称叫什么？", "乌海市2023年军地互提需求、互办实事“双清单”及任务分工方案"),
    (WUHAI, "任务分工方案", "乌海出的那个文件叫啥？", "乌海市2023年军地互提需求、互办实事“双清单”及任务分工方案"),
])
def test_a_document_asked_for_is_its_whole_title(text, span, question, whole):
    assert grown(text, span, question) == whole


@pytest.mark.parametrize("text, span, question", [
    (ZHANGYE, "双清单、三助力", "张掖的军地互办实事机制简称什么？"),  # no document asked
    (ZHANGYE, "双清单、三助力", "张掖搞了个什么活动？"),  # the asked noun ends no title
    (BOOK, "中国工农红军", "那套连环画全称叫啥？"),  # a book, not a document: 西路军 ends no document's title
    (ZHANGYE, "135项", "完成了多少项任务？"),  # outside every title
])
def test_other_spans_keep_their_bounds(text, span, question):
    assert grown(text, span, question) == span


def test_the_reader_answers_the_whole_title(tmp_path):
    passage = Passage("r001-p001", 1, ZHANGYE, 0, len(ZHANGYE), subtitle="张掖市双拥工作综述", places=("张掖市",))
    start = ZHANGYE.index("双清单")
    answer = Reader(tmp_path)._answer(Span(0, start, start + 7, 12.0, 12.0), Hit(passage, 0.5, 1), 0.5,
                                      question="张掖专门定了个什么办法？")
    assert answer.text == "张掖市军地互提需求、互办实事“双清单、三助力”实施办法"
    assert ZHANGYE[answer.start:answer.end] == answer.text


DRILL = "全面完成“应急使命·2022”高原高寒地区抗震救灾实战化演习任务，全力参与城乡火灾救援。"


@pytest.mark.parametrize("span, question, expected", [
    ("高寒地区", "张掖驻军参加的那次高原抗震救灾实战演习叫啥名字？", "“应急使命·2022”"),  # the name, not the description
    ("高寒地区", "那次演习是在什么样的地区搞的？", "高寒地区"),  # no name asked
    ("城乡火灾救援", "他们还参与了什么救援，叫啥？", "城乡火灾救援"),  # another clause than the quoted name's
    ("高寒地区", "“应急使命·2022”演习是在什么地区，叫什么？", "高寒地区"),  # the question says the name itself
])
def test_a_name_asked_of_a_thing_described_after_a_quoted_name_is_that_name(span, question, expected):
    text = "“河南好人”、“河南省优秀志愿者”、三代从军的退役军人马腾骐，全省最美退役军人刘国贤"
    start = text.index("马腾骐")  # the description leads to the name asked: the name stays
    assert as_precise_as_asked(text, start, start + 3, "许昌那位三代从军的退役军人叫什么？") == (start, start + 3)
    start = DRILL.index(span)
    assert DRILL[slice(*as_precise_as_asked(DRILL, start, start + len(span), question))] == expected
