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
