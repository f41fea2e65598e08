from qa.training.generate import Example
from qa.training.swap import subjects, swapped


def example(i: int, question: str, place: str, context: str, answer: str) -> Example:
    header = f"{place}双拥工作综述："
    return Example(f"p{i}-q0", question, f"p{i}", i, header, context, answer, context.index(answer), "count")


EXAMPLES = [
    example(1, "张掖为驻地部队划拨了多少土地？", "张掖市", "张掖市累计为驻地部队划拨土地527亩。", "527亩"),
    example(2, "芜湖建成了多少个服务站？", "芜湖市", "芜湖市建成退役军人服务站1018个。", "1018个"),
    example(3, "通化给随军家属发多少补助？", "通化市", "通化市每月为随军家属发放补助1000元。", "1000元"),
]


def test_the_subject_is_a_name_of_the_question_that_the_header_holds():
    assert subjects("张掖为驻地部队划拨了多少土地？", "张掖市双拥工作综述：") == [("张掖", "place")]
    assert subjects("通化给随军家属发多少补助？", "通化市双拥工作综述：") == [("通化", "place")]
    assert subjects("张掖为驻地部队划拨了多少土地？", "芜湖市双拥工作综述：") == []


def test_each_swapped_question_names_a_place_its_passage_does_not_and_answers_nothing():
    made = swapped(EXAMPLES, 1.0, seed=5)
    assert len(made) == 3
    for neg, pos in zip(made, EXAMPLES):
        assert neg.id == pos.id + "-swap" and neg.context == pos.context and neg.header == pos.header
        assert (neg.answer, neg.answer_start, neg.kind) == ("", -1, "none")
        assert neg.question != pos.question and pos.header[:2] not in neg.question
        swapped_in = {"张掖", "芜湖", "通化"} & set(neg.question[i:i + 2] for i in range(len(neg.question)))
        assert len(swapped_in) == 1 and swapped_in.pop() not in pos.context
    assert swapped(EXAMPLES, 1.0, seed=5) == made and swapped(EXAMPLES, 0.0, seed=5) == []


def test_a_topic_every_title_names_is_never_swapped():
    topic = [example(i, "双拥活动开展了多少次？", f"{p}市", f"{p}市开展双拥活动{i}次。", f"{i}次")
             for i, p in enumerate(["张掖", "芜湖", "通化"], 1)]
    assert swapped(topic, 1.0, seed=5, max_titles=2) == []
