import pytest

from qa.reading.answer_types import ENERGY, MONEY, NUMBER, YEAR, expected_type, grow, snap


@pytest.mark.parametrize("question,name", [
    ("芜湖为部队提供了多少亩用地？", "count-亩"),
    ("张掖组建了多少支退役军人志愿服务队？", "count-支"),
    ("十堰自1994年以来几次荣膺“全国双拥模范城”？", "count-次"),
    ("吴忠军分区投资多少打造了少年军校？", "money"),
    ("汉中发放了多少义务兵家庭优待金？", "money"),
    ("延安市军供站是哪一年被评为全国重点军供站的？", "year"),
    ("开封市军供站是什么时候挂牌成立的？", "date"),
    ("开封兵支书在村（社区）基层组织中的覆盖率是多少？", "percent"),
    ("驻庆部队一共多少？", "number"),
    ("中央军委装备发展部协调陆海空三军给张掖捐了多少件退役武器装备？", "count-件"),
    ("广安组建了多少个“金安戎声”等红色宣讲团？", "count-个"),
    ("通化给每名随军家属每月发多少元？", "money"),
    ("延安市退役军人事务局局长是谁？", "person"),
    ("北海无条件让给国防建设的唯一民用机场叫什么？", None),
    ("克拉玛依打造了多少双拥示范单位？", "number"),  # 双 begins the word 双拥: no measure (158家双 was cut)
    ("北海全市有多少人口？", "number"),
    ("芜湖近四年给多少名立了二等功的人送过喜报？", "count-名"),  # jieba's guessed 名立 is no word
    ("保定有多少家军地单位确立了共建关系？", "count-家"),
    ("广安军人体检打几折？", "count-折"),  # answered 8.5折, not 8.5
    ("驻州某部包联和硕县那几个乡镇，投了多少钱？", "money"),  # 那几个 says which, it asks no count
    ("克拉玛依把双拥工作往军营、家庭推，一共叫几“进”？", "unit-进"),  # a quoted word counted: 九进, not 九
    ("评上的几个人里，算“再建新功”那一类的是哪两位？", None),  # 几个人里 says among whom: no count asked
    ("评上的有几个人？", "count-名"),  # people: 3名, never 3个 of something else
    ("张掖这几年解决了多少部队子女入学入园？", "number"),  # 部队 is a noun: no 部 counted (435人 answers)
    ("一共有多少部电影？", "count-部"),
    ("南通管那些农田的人有多少个？", "count-名"),  # people by what they do: 3480名, not 58个 (项目)
    ("张掖已建在建了多少个人防工程项目？", "count-个"),  # 人防 (civil air defence): no people counted
    ("安阳跟周边几个市搞就业合作，想做到什么样的服务？", None),  # the last clause asks what: 几个市 was said
    ("安阳跟周边市搞合作，签了几个协议？", "count-个"),
    ("乌海除了A级景区，还有哪几类场馆对现役军人免门票？", None),  # 哪几类 asks which kinds, not how many
    ("乌海有几类场馆对现役军人免门票？", "count-类"),
    ("双清单结合的是总书记交给内蒙古的几大任务？", "unit-大任务"),  # answered 五大任务, not 五
    ("阿拉巴马州是美国面积第几大的州?", "number"),  # 第几大: an ordinal, 第13大
    ("德州现在小区有物业管的占多少？", "percent"),  # a share asked without its word
    ("曲靖有技能的人在上班的人里占几成？", "percent"),
    ("开封的训练场占地多少亩？", "count-亩"),  # 占地 is no share
    ("泰安公积金贷款现在利率是多少？", "percent"),  # a rate, though 款 is said
    ("泰安公积金贷款发了多少钱？", "money"),
    ("九江去年汛期下了多少毫米雨？", "unit-毫米"),
    ("云陵路灯现在一年要耗多少电？", "unit-energy"),  # 5380万千瓦时, not the 520万元 it saved
    ("一年用了多少度电？", "unit-energy"),
    ("路灯一年交多少电费？", "money"),
    ("广安驻军给联系的几个村搞基础建设，掏了多少钱？", "money"),  # the several villages said; 多少钱 asks
])
def test_expected_type_from_interrogative_and_measure_word(question, name):
    atype = expected_type(question)
    assert (atype.name if atype else None) == name


@pytest.mark.parametrize("atype,span,ok", [
    (MONEY, "30万元", True), (MONEY, "2亿余元", True), (MONEY, "8898.99万元", True), (MONEY, "125名", False),
    (YEAR, "2021年", True), (YEAR, "2012年、2016年", True), (YEAR, "航空班", False),
    (NUMBER, "近14万块", True), (NUMBER, "13万余张", True), (NUMBER, "市退役军人事务局", False),
    (ENERGY, "5380万千瓦时", True), (ENERGY, "1.2亿度", True), (ENERGY, "约520万元", False),
])
def test_matches_whole_span_only(atype, span, ok):
    assert atype.matches(span) is ok


def test_count_type_needs_its_measure_word():
    atype = expected_type("来宾安置了多少名军队转业干部？")
    assert atype.matches("39名") and not atype.matches("4.28亿元") and not atype.matches("887个")
    bus = expected_type("六盘水的双拥公交专线是几路公交？")
    assert bus.name == "count-路" and bus.matches("15路") and not bus.matches("4人")


def test_snap_cuts_the_last_match_out_of_a_long_span():
    text = "2022年以来，吴忠军分区投资30万元"
    start, end = snap(text, MONEY)
    assert text[start:end] == "30万元"
    assert snap("航空班", MONEY) is None


def test_people_counters_answer_each_other_and_ge_stands_for_any_measure():
    assert expected_type("驻保某部安全转移了多少人？").matches("1200多名")
    assert expected_type("请了多少位烈士遗属？").matches("15名")
    assert expected_type("巡诊了多少人次？").matches("8600人次")
    assert expected_type("给多少个军人家庭送了喜报？").matches("975名")
    assert not expected_type("给多少位烈士父母安排了体检？").matches("3.5万元")
    assert expected_type("把多少件事合成了一件事来办？").matches("14个")  # 个 for things, not for people
    assert not expected_type("安置了多少名军转干部？").matches("14个")


@pytest.mark.parametrize("question,span,ok", [
    ("西固区拿到的是几连冠？", "九连冠", True), ("西固区拿到的是几连冠？", "2019", False),
    ("文艺汇演已经连着办了多少年？", "35年", True), ("驻庆部队硬化了多少公里道路？", "25.2公里", True),
    ("岗位是安置人数的几倍？", "1.5倍", True), ("岗位是安置人数的几倍？", "1.5", False),
    ("太和宫坚持拥军多少年了？", "30多年", True), ("太和宫坚持拥军多少年了？", "1935年", False),  # a year is no length
    ("纪念馆梳理的史实有多少字？", "20余万字", True), ("纪念馆梳理的史实有多少字？", "20余万", False),
    ("群众对食品安全现在打多少分？", "86.1分", True), ("考核得了几分？", "86.1%", False),  # a score
])
def test_units_that_are_not_measure_words(question, span, ok):
    assert expected_type(question).name.startswith("unit-") and expected_type(question).matches(span) is ok


def test_grow_adds_the_unit_a_span_stopped_short_of():
    text = "自2019年西固区被表彰为双拥模范城、荣获“九连冠”以来，连续举办35年。"
    i = text.index("九")
    assert grow(text, i, i + 1, expected_type("拿到的是几连冠？")) == (i, i + 3)
    j = text.index("35")
    assert text[slice(*grow(text, j, j + 2, expected_type("连着办了多少年？")))] == "35年"
    assert grow(text, j, j + 2, expected_type("拿到的是几连冠？")) is None  # no 连冠 within reach


def test_a_full_match_grows_to_its_whole_unit_but_not_to_a_leading_total_word():
    from qa.reading.reader import type_prior

    def cut(question, text, span):
        i = text.index(span)
        s, e, prior = type_prior(text, i, i + len(span), expected_type(question))
        return text[s:e], prior

    assert cut("举行了多少场欢送仪式？", "举行新兵入伍欢送仪式230场次，", "230场") == ("230场次", 1.0)
    assert cut("挂了多少块光荣牌？", "悬挂光荣牌近14万块。", "14万块") == ("近14万块", 1.0)
    assert cut("划拨了多少亩？", "累计达527亩。", "527亩") == ("527亩", 1.0)  # 达 is not part of the answer
    assert cut("年产能是多少？", "年产能3.5万吨的项目", "3.5万") == ("3.5万吨", 1.0)
    assert cut("降低多少分值录取？", "降低5%分值录取", "5") == ("5%", 1.0)
    assert cut("有多少个成员单位？", "共有42个部门参与", "42个") == ("42个", 1.0)  # not "42个部门"


def test_person_questions_favour_a_name_after_a_role_word():
    from qa.reading.answer_types import PERSON, is_named_person
    from qa.reading.reader import type_prior

    for q in ("河北省退役军人事务厅厅长是谁？", "局长叫什么名字？", "灵台出过哪位扫雷英雄？"):
        assert expected_type(q) is PERSON
    assert expected_type("西区的退役军人志愿服务队叫什么名字？") is None  # a name of a thing
    text = "厅党组书记、厅长李龙出席。"
    assert is_named_person(text, text.index("李龙"), text.index("李龙") + 2)
    assert not is_named_person(text, 1, 3)  # 党组: 党 is a surname, but no role word before it
    assert type_prior(text, 1, 3, PERSON)[2] == 0.0 and type_prior(text, 8, 10, PERSON)[2] == 1.0


def test_how_many_times_is_answered_by_n_lian_guan_and_people_are_not():
    from qa.reading.abstain import unit_mismatch

    assert not unit_mismatch("十堰获得过几次全国双拥模范城？", "八连冠")
    assert unit_mismatch("十堰安置了多少名退役军人？", "八连冠")


def test_a_share_never_answers_a_count():
    from qa.reading.abstain import unit_mismatch

    assert unit_mismatch("来宾安置了多少名退役士兵？", "100%") and unit_mismatch("建了多少个服务站？", "95.5%")
    assert not unit_mismatch("悬挂率是多少？", "100%")  # a share asked for
    assert not unit_mismatch("建了多少个服务站？", "11处")  # any measure answers 多少个


def test_a_size_question_wants_a_size_of_its_own_kind():
    from qa.reading.abstain import unit_mismatch

    assert expected_type("宜昌的三峡大坝有多高？").name == "size-length"
    assert unit_mismatch("宜昌的三峡大坝有多高？", "352万人次") and not unit_mismatch("宜昌的三峡大坝有多高？", "185米")
    assert not unit_mismatch("开封的训练场原来有多大？", "750亩") and unit_mismatch("开封的训练场原来有多大？", "2000人")
    assert not unit_mismatch("审批要多久？", "15个工作日") and not unit_mismatch("新修的道路有多长？", "4.5公里")
    assert not unit_mismatch("训练场原来有多大？", "3573")  # a bare number, as for a count, is no mismatch
    assert expected_type("规模有多大的提升？") is None  # 多大 inside the question asks no size
    # a rate's 有多高 / 有多大 asks a share: 100% answers it, 185米 does not
    assert expected_type("清楚安置政策的比例有多高？").name == "percent" == expected_type("参保率有多大？").name
    assert not unit_mismatch("清楚安置政策的比例有多高？", "100%") and not expected_type("比例有多高？").matches("185米")


def test_an_answer_of_the_asked_level_goes_first():
    from embeddings.types import Passage
    from qa.reading.qualifiers import level_first
    from qa.types import Answer

    t = "是一座8次获得全国双拥模范城称号、10次获得全省双拥模范城称号的拥军城。"
    p = Passage("r1-p1", 1, t, 0, len(t))
    province, nation = Answer("10次", 1.0, p, 17, 20), Answer("8次", 0.9, p, 3, 5)
    assert level_first("开封获得全国双拥模范城称号多少次？", (province, nation))[0] is nation
    assert level_first("开封获得全省双拥模范城称号多少次？", (province, nation))[0] is province  # already of its level
    assert level_first("开封获得双拥模范城称号多少次？", (province, nation))[0] is province  # no level asked


def test_families_counted_in_people_answer_a_household_count():
    from embeddings.types import Passage
    from qa.reading.qualifiers import counts_households
    from qa.types import Answer

    t = "为71名立功受奖军人家庭送喜报，走访71名老兵。"
    p = Passage("r1-p1", 1, t, 0, len(t))
    assert counts_households("乌海给立功受奖军人家庭送了多少家喜报？", Answer("71名", 1.0, p, 1, 4))
    assert not counts_households("乌海给立功受奖军人家庭送了多少家喜报？", Answer("71名", 1.0, p, 18, 21))  # 老兵
    assert not counts_households("乌海走访了多少名老兵？", Answer("71名", 1.0, p, 1, 4))  # no household asked


def test_which_levels_asks_which_not_how_many():
    assert expected_type("灵台成立了哪几级国防教育委员会？") is None  # 县乡两级, not 两
    assert expected_type("灵台成立了几级国防教育委员会？") is not None  # how many levels: a number


def test_a_number_of_person_times_asked_as_a_noun_is_answered_in_person_times_only():
    from qa.reading.abstain import unit_mismatch

    asked = "海勃湾网上祭英烈的人次有多少？"
    assert expected_type(asked).name == "count-人次"
    assert unit_mismatch(asked, "百余名") and not unit_mismatch(asked, "70.35万人次")  # people are no person-times
    assert expected_type("参加的人有多少？").name == "number"  # people asked: any count of them
    assert expected_type("出动了多少人次？").name == "count-人次"  # 多少人次: never 21300人 (people, not times)
    assert unit_mismatch("临时救助了多少人次？", "21300人") and not unit_mismatch("临时救助了多少人次？", "6300人次")
    assert expected_type("开出去多少台次机械？").name == "count-台次"


def test_kinds_of_things_are_counted_in_zhong():
    assert expected_type("六盘水一共有多少种产品？").name == "count-种"  # 56种, not a bare 56
    assert expected_type("六盘水一共有多少种产品？").matches("56种")


def test_a_number_keeps_a_unit_of_volume_or_energy():
    assert NUMBER.matches("8900余立方米") and NUMBER.matches("120万千瓦时") and NUMBER.matches("3.5平方千米")
    assert snap("筛土回填8900余立方米", NUMBER) == (4, 12)


def test_a_score_is_no_share_of_points_nor_a_branch():
    assert expected_type("军人子女升学可以降低多少分值录取？").name == "number"  # 5% of the points
    assert expected_type("全市有多少分局？").name == "number" and expected_type("跑了多少分钟？").name == "unit-分钟"


def test_a_share_or_rate_asked_is_never_answered_by_a_figure_of_another_kind():
    from qa.reading.abstain import unit_mismatch

    assert unit_mismatch("常州研发投入现在占GDP多少？", "368亿元")
    assert not unit_mismatch("常州研发投入现在占GDP多少？", "3.55%")
    assert unit_mismatch("泰安公积金贷款现在利率是多少？", "46.8亿元")
    assert not unit_mismatch("曲靖有技能的人占几成？", "三成")


@pytest.mark.parametrize("question,per", [
    ("周口小麦现在一亩能收多少？", True), ("遵义居民用电一度电多少钱？", True), ("威海渔民一个人一年能挣多少？", True),
    ("实行一户一策，帮了多少户？", False), ("第一个月发了多少？", False), ("柳州一年能借出去多少书？", False),
    ("来宾的生活补助标准是多少钱？", True),  # the standard's amount: a rate
    ("够得上国家示范标准的有几个？", False), ("襄阳按新标准发的奖励金多少钱？", False),  # counted or paid by a standard
])
def test_a_figure_per_one_unit_is_asked_by_one_of_it(question, per):
    from qa.reading.qualifiers import PER

    assert bool(PER.search(question)) is per


def test_a_count_is_never_answered_by_a_figure_in_a_three_character_unit():
    from qa.reading.abstain import unit_mismatch

    assert unit_mismatch("安庆去年搞了几次人工降雨？", "1.86亿立方米")
    assert not unit_mismatch("安庆去年搞了几次人工降雨？", "52次")


def test_measure_words_of_one_kind_answer_each_other():
    assert expected_type("柳州的图书馆一共有多少本藏书？").matches("486万册")  # books: 本 or 册
    assert expected_type("种了多少棵树？").matches("2万余株")  # trees: 棵 or 株
    assert not expected_type("种了多少棵树？").matches("2万余元")


def test_a_rating_asked_how_high_is_a_share_and_units_are_counted_in_jia_or_hu_alike():
    from qa.reading.abstain import unit_mismatch

    assert expected_type("苓州老百姓对公厕的满意度有多高？").name == "percent"  # 满意度 is reported as a share
    assert not unit_mismatch("苓州老百姓对公厕的满意度有多高？", "91.3%")
    assert unit_mismatch("苓州的公厕有多高？", "91.3%")  # a height is no share
    assert not unit_mismatch("望江县去年查了多少家用人单位？", "980户")  # 家 and 户 count the same units
    assert not unit_mismatch("这个村有多少户人家？", "320家")


def test_an_age_asked_is_answered_in_years_of_age_only():
    from qa.reading.abstain import unit_mismatch

    assert expected_type("溆阳去年结婚的人平均多大年纪？").name == "size-age"
    assert unit_mismatch("溆阳去年结婚的人平均多大年纪？", "1340对")  # a count of couples is no age
    assert not unit_mismatch("梁汉臣今年多大年纪了？", "93岁") and not unit_mismatch("人才平均多大岁数？", "35.6周岁")


def test_a_yearly_event_named_in_a_question_asks_no_figure_per_year():
    from qa.reading.qualifiers import PER

    assert not PER.search("西固区每年八一那场文艺演出，到现在已经连着办了多少年了？")  # a habit: 35年 answers it
    assert not PER.search("每年清明组织多少人祭扫？") and not PER.search("每年8月开展多少场宣传活动？")
    assert PER.search("每年发放多少钱？") and PER.search("每年给每人发多少？")
