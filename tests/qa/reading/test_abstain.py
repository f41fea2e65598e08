from qa.reading.abstain import named_places, off_place, question_places, unit_mismatch, unknown_places


def test_places_outside_the_index_are_reported():
    known = {"张掖市", "闽南市", "漳州"}
    assert unknown_places("南京市获得过几次全国双拥模范城称号？", known) == ["南京市"]
    assert unknown_places("南京获得过几次全国双拥模范城称号？", known) == ["南京"]
    assert unknown_places("漳州获得过几次全国双拥模范城称号？", known) == []
    assert unknown_places("张掖累计划拨了多少亩土地？", known) == []  # 张掖 matches 张掖市


def test_a_place_the_passage_mentions_is_not_unknown():
    assert unknown_places("南京市获得过几次称号？", {"张掖市"}, "南京市和张掖市都获得称号") == []


def test_words_jieba_mistags_as_places_are_not_places():
    # jieba tags 上门 (and 英雄, 治安...) ns; only a leading word or one with 省/市/县/区... counts
    assert question_places("2023年襄阳上门送喜报送了多少人？") == ["襄阳"]
    assert unknown_places("2023年襄阳上门送喜报送了多少人？", {"襄阳市"}) == []
    assert question_places("2022年在南京举办的活动有多少人参加？") == ["南京"]
    assert question_places("青岛舰和青岛市开展城舰共建是从哪一年开始的？") == ["青岛", "青岛市"]


def test_named_places_match_by_stem():
    known = {"张掖市", "闽南市", "漳州", "河北省"}
    assert named_places("张掖累计划拨了多少亩土地？", known) == ["张掖"]
    assert named_places("驻漳部队和河北有什么联系？", known) == ["河北"]
    assert named_places("全国有多少个双拥模范城？", known) == []


def test_an_answer_from_another_places_report_is_off_place():
    known = {"来宾市", "连云港市", "邯郸市", "河北省"}
    lianyungang = "连云港市为随军未就业家属每月发放生活补助650元。"
    assert off_place("来宾每月给随军未就业家属发多少生活补助？", known, ("连云港市",), lianyungang) == ["来宾"]
    assert off_place("连云港每月给随军未就业家属发多少生活补助？", known, ("连云港市",), lianyungang) == []
    # a place the report mentions (the province of the city it is about) is not off place
    handan = "全省首家大型个人国防教育展室——春生拥军馆，河北省国防教育基地。"
    assert off_place("河北第一家大型个人国防教育展室叫什么？", known, ("邯郸市",), handan) == []
    assert off_place("全省第一家个人国防教育展室叫什么？", known, ("邯郸市",), handan) == []


def test_unit_mismatch_only_for_counts_of_another_thing():
    assert unit_mismatch("灵台县通过专场招聘会帮多少名退役军人实现了就业？", "11场")
    assert unit_mismatch("濮阳这些年一共安置了多少名随调家属？", "4年")
    assert unit_mismatch("芜湖的拥军公交专线是几路车？", "4人")
    assert not unit_mismatch("转移了多少名群众？", "1200多人")  # 名 / 人 / 位 count alike
    assert not unit_mismatch("建了多少个服务站？", "975名")  # 个 stands in for any measure
    assert not unit_mismatch("帮多少名退役军人实现了就业？", "1200")  # a bare number
    assert not unit_mismatch("投入了多少钱？", "30万元")  # not a count question
    assert not unit_mismatch("开封那条主题公交是几路？", "K101")  # not a number with a measure word
    assert not unit_mismatch("出动了多少人次？", "5000人次")


def test_the_counted_noun_is_the_first_noun_after_the_measure_word():
    from qa.reading.abstain import counted_noun

    assert counted_noun("襄阳全市建成了多少个退役军人服务中心（站）？") == "服务中心"
    assert counted_noun("开封成立了多少支志愿服务队？") == "志愿"  # jieba: 志愿 + 服务队
    assert counted_noun("投入了多少钱？") is None  # not a count
    assert counted_noun("灵台县送达喜报多少户？") is None  # nothing named after the measure word


def test_an_answer_far_from_the_counted_noun_counts_something_else():
    from qa.reading.abstain import uncounted

    text = "优先解决125名部队官兵子女入托入学。" + "另外，" * 20 + "开封成立了918支志愿服务队。"
    i = text.index("125名")
    assert uncounted("开封成立了多少支志愿服务队？", text, i, i + 4) == "志愿"  # 60+ characters away
    j = text.index("918支")
    assert uncounted("开封成立了多少支志愿服务队？", text, j, j + 4) is None
    assert uncounted("投入了多少钱？", text, i, i + 4) is None
