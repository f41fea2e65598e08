"""A count the reader cut for a question asking which things is answered by the things listed before it."""
from qa.reading.enumerated import enumerated


def test_the_things_listed_before_their_count_answer_which_ones():
    text = "构建工作体系，抓好排查、化解、督办、奖惩四个环节，落实五项制度。"
    start = text.index("四个环节")
    assert text[slice(*enumerated(text, start, start + 4, "要抓好哪几个环节？"))] == "排查、化解、督办、奖惩"
    assert text[slice(*enumerated(text, start, start + 4, "都有哪些环节？"))] == "排查、化解、督办、奖惩"
    assert enumerated(text, start, start + 4, "要抓好几个环节？") == (start, start + 4)  # how many: the count
    assert enumerated(text, start, start + 4, "第四个环节叫什么？") == (start, start + 4)  # asks no set of things


def test_a_list_of_another_size_or_no_list_leaves_the_count():
    text = "抓好排查、化解三个环节；全年走访5个乡镇。"
    start = text.index("三个环节")
    assert enumerated(text, start, start + 4, "要抓好哪几个环节？") == (start, start + 4)
    start = text.index("5个乡镇")
    assert enumerated(text, start, start + 4, "走访了哪些乡镇？") == (start, start + 4)
