from qa.abstain import unknown_places


def test_places_outside_the_index_are_reported():
    known = {"张掖市", "闽南市", "漳州"}
    assert unknown_places("南京市获得过几次全国双拥模范城称号？", known) == ["南京市"]
    assert unknown_places("漳州获得过几次全国双拥模范城称号？", known) == []
    assert unknown_places("张掖累计划拨了多少亩土地？", known) == []  # 张掖 matches 张掖市


def test_a_place_the_passage_mentions_is_not_unknown():
    assert unknown_places("南京市获得过几次称号？", {"张掖市"}, "南京市和张掖市都获得称号") == []
