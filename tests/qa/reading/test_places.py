"""The place checks: places a question names, places no report covers, answers from another place's report."""
from embeddings.types import Passage, Report
from qa.reading.places import ReportPlaces, local_places, named_places, off_place, question_places, unknown_places
from qa.types import Hit


def test_places_outside_the_index_are_reported():
    known = {"张掖市", "闽南市", "漳州"}
    assert unknown_places("南京市获得过几次全国双拥模范城称号？", known) == ["南京市"]
    assert unknown_places("南京获得过几次全国双拥模范城称号？", known) == ["南京"]
    assert unknown_places("漳州获得过几次全国双拥模范城称号？", known) == []
    assert unknown_places("张掖累计划拨了多少亩土地？", known) == []  # 张掖 matches 张掖市


def test_a_county_run_together_with_its_city_is_the_county_of_that_city():
    # jieba cuts 桐川方岭县 (an invented city and its county) as one place: the county, in a table row, is known
    q = "桐川方岭县撸袖子献血的有多少人次？"
    assert question_places(q) == ["桐川方岭县"]
    assert unknown_places(q, {"桐川市"}, "｜方岭县｜8270｜") == [] and local_places(q, {"桐川市"}) == ["方岭"]
    assert unknown_places("桐川甘州区有多少人？", {"桐川市"}, "｜方岭县｜8270｜") == ["甘州区"]  # no report names it


def test_a_place_the_passage_mentions_is_not_unknown():
    assert unknown_places("南京市获得过几次称号？", {"张掖市"}, "南京市和张掖市都获得称号") == []


def test_words_jieba_mistags_as_places_are_not_places():
    # jieba tags 上门 (and 英雄, 治安...) ns; only a leading word or one with 省/市/县/区... counts
    assert question_places("2023年襄阳上门送喜报送了多少人？") == ["襄阳"]
    assert unknown_places("2023年襄阳上门送喜报送了多少人？", {"襄阳市"}) == []
    assert question_places("2022年在南京举办的活动有多少人参加？") == ["南京"]
    assert question_places("青岛舰和青岛市开展城舰共建是从哪一年开始的？") == ["青岛", "青岛市"]
    # 城市 is tagged ns too: "哪些城市…" names no place (it gave "报告中没有关于城市的内容")
    assert question_places("哪些城市为驻地部队划拨了土地？") == [] and unknown_places("城市里有几个驿站？", {"张掖市"}) == []
    # common words jieba tags ns are no places where they lead a question either (缅怀先烈…, 爱国拥军…)
    assert unknown_places("缅怀先烈这一类活动灵台办了多少场？", {"灵台县"}) == []
    assert question_places("爱国拥军的企业有多少家？") == []
    # 评上 + 市里 is cut 评 / 上市 / 里, and 上市 tagged ns: it was refused as "报告中没有关于上市的内容"
    assert question_places("海勃湾这回评上市里“最美退役军人”的有哪几位？") == []


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


def test_report_places_read_the_hits_about_the_named_place_first():
    reports = [Report(1, "t", "连云港市双拥工作综述", "", "s", "连云港市每月发放650元。", ("连云港市",)),
               Report(2, "t", "来宾市双拥工作综述", "", "s", "来宾市划拨土地120亩。", ("来宾市",))]
    book = ReportPlaces(reports)
    hits = [Hit(Passage(f"r00{r.number}-p001", r.number, r.text, 0, len(r.text), subtitle=r.subtitle,
                        places=r.places), 0.5, n) for n, r in enumerate(reports, 1)]
    assert book.known == {"连云港市", "来宾市"} and book.named("来宾每月发多少钱？") == ["来宾"]
    assert [h.rank for h in book.reading_order(["来宾"], hits)] == [2, 1]
    assert [h.rank for h in book.reading_order([], hits)] == [1, 2]
    assert book.is_off_place(["来宾"], hits[0].passage) and not book.is_off_place(["来宾"], hits[1].passage)
    assert ReportPlaces().known == set() and not ReportPlaces().is_off_place(["来宾"], hits[0].passage)


def test_places_within_a_report_are_local_and_their_passages_read_alone():
    from qa.reading.places import local_places, mentioning

    known = {"嘉兴市"}
    assert local_places("海宁新改建了多少公里农村公路？", known) == ["海宁"]
    assert local_places("嘉兴新改建了多少公里农村公路？", known) == []
    total = Passage("r001-p001", 1, "全市新改建农村公路286公里，完成投资19.6亿元。", 0, 24)
    row = Passage("r001-p002", 1, "完成情况｜海宁市｜新改建里程：90公里", 25, 44)
    hits = [Hit(total, 0.9, 1), Hit(row, 0.8, 2)]
    assert [h.passage.id for h in mentioning(["海宁"], hits)] == ["r001-p002"]  # not the city's 286公里
    assert mentioning(["平湖"], hits) == hits  # no passage names it: all of them
    assert mentioning([], hits) == hits[:1]  # naming no county: not a county's row


def test_a_question_naming_no_place_within_reads_no_row_of_one():
    from qa.reading.places import mentioning, row_place

    total = Passage("r001-p001", 1, "全年新建中小学32所，新增学位2.1万个。", 0, 21)
    row = Passage("r001-p002", 1, "新建学校情况｜游仙区｜新建学校：7所；新增学位：4500个", 22, 50)
    sums = Passage("r001-p003", 1, "新建学校情况｜合计｜新建学校：32所", 51, 70)
    assert (row_place(row.text), row_place(sums.text), row_place(total.text)) == ("游仙区", "", "")
    hits = [Hit(row, 0.9, 1), Hit(total, 0.8, 2), Hit(sums, 0.7, 3)]
    assert [h.passage.id for h in mentioning([], hits)] == ["r001-p001", "r001-p003"]
    assert [h.passage.id for h in mentioning(["游仙"], hits)] == ["r001-p002"]
    assert mentioning([], hits[:1]) == hits[:1]  # nothing else left: the row is read


def test_a_row_whose_name_the_question_holds_is_named_though_jieba_tags_it_no_place():
    from qa.reading.places import mentioning

    assert question_places("游仙区新增学位多少个？") == []  # jieba: 游仙区/n
    total = Passage("r001-p001", 1, "全年新建中小学32所，新增学位2.1万个。", 0, 21)
    row = Passage("r001-p002", 1, "新建学校情况｜游仙区｜新建学校：7所；新增学位：4500个", 22, 50)
    hits = [Hit(total, 0.9, 1), Hit(row, 0.8, 2)]
    assert [h.passage.id for h in mentioning([], hits, "游仙区新增学位多少个？")] == ["r001-p002"]
    assert [h.passage.id for h in mentioning([], hits, "绵阳新增学位多少个？")] == ["r001-p001"]


def test_a_row_of_a_district_named_as_the_city_is_read_only_when_the_question_says_its_whole_name():
    from qa.reading.places import mentioning

    total = Passage("r001-p001", 1, "全市在进山路口设置防火检查站312个。", 0, 18)
    other = Passage("r001-p002", 1, "黄山市林业局启动春季森林防火行动。", 19, 36)
    row = Passage("r001-p003", 1, "防火队伍情况｜黄山区｜专业扑火队员：320人", 37, 60)
    hits = [Hit(total, 0.9, 1), Hit(other, 0.8, 2), Hit(row, 0.7, 3)]
    asked = "黄山进山的路口设了多少个检查站？"  # of the city: the passage naming no place is read
    assert [h.passage.id for h in mentioning([], hits, asked, {"黄山市"})] == ["r001-p001", "r001-p002"]
    assert [h.passage.id for h in mentioning([], hits, "黄山区有多少专业扑火队员？", {"黄山市"})] == ["r001-p003"]
    assert [h.passage.id for h in mentioning([], hits, asked)] == ["r001-p002", "r001-p003"]  # the report's place unknown


def test_a_place_run_together_with_the_known_place_before_it_is_read_after_it():
    from qa.reading.places import unknown_places

    # jieba cuts 信阳新县 as 信 + 阳新县 (a county of Hubei): the place asked is 新县, a row of 信阳's table
    assert unknown_places("信阳新县一年能出多少吨毛茶？", {"信阳市"}, "茶叶生产情况｜新县｜毛茶产量（吨）：13500") == []
    assert unknown_places("信阳新县一年能出多少吨毛茶？", {"信阳市"}, "茶叶生产情况") == ["新县"]  # said nowhere
    assert unknown_places("南京市获得过几次双拥模范城称号？", {"张掖市", "漳州"}) == ["南京市"]


def test_a_city_named_before_its_district_is_known_when_the_districts_report_names_it():
    # a user writes 兰州西固 (the city, then the district a report is about): jieba tags 兰州 a place, and 西固's report
    # names 兰州, so the question is no question about a place the collection lacks
    report = Report(1, "西固区双拥工作综述", "", "", "", "组织干部到兰州烈士陵园缅怀先烈。发放优待金1339.3万元。",
                    ("西固区",))
    places = ReportPlaces([report])
    asked = "义务兵家里的优待金，兰州西固发的家庭优待金多少钱？"
    assert unknown_places(asked, places.known) == ["兰州"]  # the passage read does not name it
    assert places.unknown(asked) == []
    assert places.unknown("南京西固发的家庭优待金多少钱？") == ["南京"]  # the report never names 南京
    assert places.unknown("兰州发的家庭优待金多少钱？") == ["兰州"]  # no indexed place after it
