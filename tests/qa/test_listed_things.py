"""The thing a place list is listed by, and its other names."""


def test_a_one_word_bracket_after_the_listed_thing_is_its_other_name():
    from qa.listed import listed_things

    assert listed_things("随军家属没找到工作的，给他们发生活补助（补贴）的都有哪些地方？") == ("生活补助", "生活补贴")
    assert "成员部门" in listed_things("双拥工作领导小组里的成员单位（部门）超过40个的，都有哪几个城市？")
    assert not any("补贴" in t for t in listed_things("给随军家属发生活补助的有哪些地方？"))  # no bracket: no other name
