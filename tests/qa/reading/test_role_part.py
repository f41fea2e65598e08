"""What one party of a division of work does, cut from a run of parallel parts."""
import pytest

from qa.reading.enumerated import enumerated

SHIYAN = "全市主要领导亲自抓、分管领导具体抓、军地双方一齐抓、各个部门共同抓、职能单位分工抓、成员单位配合抓的双拥工作格局持续巩固。"
XIGU = "形成了区委抓领导、政府抓指导、武装部和双拥办抓协调、各成员单位联动抓落实的双拥工作格局。"
LEDGERS = "建立退役军人个体需求台账、用人单位岗位需求台账、经济社会发展需求台账“三本台账”，征集用工岗位。"
XIANGYANG = "解决遇到的难点问题，让现役军人安心、退役军人顺心、广大优抚对象放心。"


def cut(text, span, question, upto=None):
    start = text.index(span)
    return text[slice(*enumerated(text, start, text.index(upto) if upto else start + len(span), question))]


@pytest.mark.parametrize("text, span, upto, question, part", [
    (SHIYAN, "主要领导", "的双拥", "十堰抓双拥有一套分工的格局，里面分管领导是怎么个抓法？", "具体抓"),  # the run read whole
    (SHIYAN, "职能单位", None, "十堰抓双拥的格局里，各个部门是怎么个抓法？", "共同抓"),  # a neighbour cut
    (XIGU, "区委抓领导", None, "在西固那套分工里，区政府主要管什么？", "抓指导"),
    (XIGU, "政府抓指导", None, "在他们那套分工里，武装部和双拥办主要管什么？", "抓协调"),
    (XIANGYANG, "退役军人顺心", None, "襄阳说要让优抚对象怎么样？", "放心"),
])
def test_the_part_of_the_party_asked(text, span, upto, question, part):
    assert cut(text, span, question, upto) == part


@pytest.mark.parametrize("text, span, question", [
    (SHIYAN, "分管领导具体抓", "领导之间是怎么分工的？"),  # two parties alike: no one of them asked
    (SHIYAN, "各个部门共同抓", "各个部门有多少人？"),  # a count
    (SHIYAN, "各个部门共同抓", "主要领导和分管领导分别怎么抓？"),  # every party asked
    (SHIYAN, "成员单位", "那汉中呢？它的领导机制是咋说的？"),  # the whole run asked: no party stands before the ask
    ("坚持党委领导、政府主导，推动工作落实。", "政府主导", "政府起什么作用？"),  # two parts, no run of three
    (LEDGERS, "经济社会发展需求台账", "除了个人需求和用人单位岗位需求那两本，第三本是啥？"),  # things, not parties
    (LEDGERS, "经济社会发展需求台账", "用人单位岗位的那本叫啥？"),  # a thing's name asked
])
def test_other_questions_and_texts_keep_the_span(text, span, question):
    assert cut(text, span, question) == span
