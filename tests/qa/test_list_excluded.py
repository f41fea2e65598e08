"""Place lists drop a place whose answer says what the question says does not count (qa.list_excluded)."""
from tests.qa.test_lists import ten_places


def test_a_place_whose_clause_says_what_does_not_count_is_not_listed():
    """(只算获评的，入围、提名不算): a place named 最美拥军人物 only as 提名 is no item; 只提…的不算 drops a place saying
    only that, not one saying the asked words besides (qa.list_excluded)."""
    texts = {"张掖市": "张掖市吴新芬获评全国最美拥军人物。", "芜湖市": "芜湖市邹广阳获评全国提名最美拥军人物。"}
    question = "有人获评全国最美拥军人物的城市有哪些？（只算获评的，入围、提名不算）"
    assert [p.place for p in ten_places(texts).ask(question).parts] == ["张掖"]
    assert sorted(p.place for p in ten_places(texts).ask(question.split("（")[0]).parts) == ["张掖", "芜湖"]
