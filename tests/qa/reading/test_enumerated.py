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


def test_a_counted_term_the_question_quotes_is_answered_by_its_whole_bracket():
    from qa.reading.enumerated import bracketed

    text = "严格落实“五项制度”（甲制度、乙制度、丙制度、丁制度和戊制度），形成格局"
    inner = text.index("甲"), text.index("）")
    cut = inner[0], text.index("丙制度") + 3  # the reader cut three of the five
    assert bracketed(text, *cut, "那“五项制度”都是啥？") == inner
    assert bracketed(text, *cut, "一共落实了几项制度？") is None  # how many: the count answers
    assert bracketed(text, *cut, "那“三项机制”都是啥？") is None  # another term


def test_etc_ends_no_answer_and_one_thing_asked_is_cut_before_it():
    from qa.reading.enumerated import etc_off

    text = "跟区政府、市绿委办等双拥共建单位签订协议"
    span = text.index("市绿委办"), text.index("签订")
    assert text[slice(*etc_off(text, *span, "还跟哪个单位签了协议？"))] == "市绿委办"
    assert etc_off(text, *span, "跟哪些单位签了协议？") == span  # a list asked: the list rules read it
    assert text[slice(*etc_off(text, span[0], text.index("等") + 1, "跟谁签了？"))] == "市绿委办"



def test_the_rest_of_a_list_set_aside_keeps_a_long_last_thing_whole():
    from embeddings.types import Passage
    from qa.reading.listed_spans import except_said
    from qa.types import Answer

    text = "部队还与区政府、市绿委办等双拥共建单位签订了协议"
    passage = Passage("r1-p1", 1, text, 0, len(text))
    start, end = text.index("区政府"), text.index("签订")
    got = except_said("除了区政府，还跟哪些单位签了协议？", (Answer(text[start:end], 2.0, passage, start, end),))
    assert [a.text for a in got] == ["市绿委办等双拥共建单位"]  # 11 characters: not cut at the tenth


def test_a_list_cut_short_is_read_to_its_end_and_before_the_etc_that_sums_it_up():
    from qa.reading.enumerated import enumerated

    text = "支持新营区进出路对接、天然气管道铺设、水电线路改造等国防工程建设。"
    start, cut = text.index("进出路"), text.index("铺设")
    assert text[slice(*enumerated(text, start, cut, "搞了哪些配套工程？"))] == "进出路对接、天然气管道铺设、水电线路改造"
    whole = text.index("。")
    assert text[slice(*enumerated(text, start, whole, "主要搞了些什么？"))] == "进出路对接、天然气管道铺设、水电线路改造"
    assert enumerated(text, start, cut, "投了多少钱？") == (start, cut)  # no list asked


def test_the_noun_after_a_lists_etc_answers_with_the_things_listed_for_a_question_asking_which():
    text = "武警十堰支队通过产业帮扶、项目合作、捐资助学、健康体检、植树造林等活动服务驻地群众。"
    at = text.index("等活动") + 1
    whole = "产业帮扶、项目合作、捐资助学、健康体检、植树造林"
    assert text[slice(*enumerated(text, at, at + 2, "武警十堰支队都干了些啥来服务驻地老百姓？"))] == whole
    assert text[slice(*enumerated(text, at, at + 2, "都靠哪些活动服务群众？"))] == whole
    assert enumerated(text, at, at + 2, "这些活动叫什么名字？") == (at, at + 2)  # no several asked


def test_a_question_asking_one_thing_gets_the_thing_its_words_follow_not_the_run_before_it():
    from qa.reading.enumerated import the_one_said

    text = "通化是中国空军的摇篮、火箭军的诞生地，也是抗联的主战场"
    start, end = text.index("中国"), text.index("的诞生地")
    assert text[slice(*the_one_said(text, start, end, "通化是哪个军种的诞生地？"))] == "火箭军"
    assert the_one_said(text, start, end, "通化是哪些军种的诞生地？") == (start, end)  # several asked
    assert the_one_said(text, start, end, "火箭军之外还有哪个军种的诞生地？") == (start, end)  # the one it names itself


def test_a_list_led_by_a_preposition_before_its_first_thing_leaves_it_out():
    from qa.reading.listed_spans import listed

    text = "通过定期交流研讨、培训资源共享、就业服务协作等机制，促进就业"
    start, end = text.index("交流"), text.index("等机制")
    assert text[slice(*listed(text, start, end, "邯郸签的就业合作协议打算靠哪些机制来推进？"))] == \
        "定期交流研讨、培训资源共享、就业服务协作"


def test_a_list_ending_in_two_things_joined_by_he_is_read_to_its_etc_without_the_question_s_verb():
    from qa.reading.listed_spans import listed

    text = "纳入年度考核，健全党管武装述职、市委常委议军会、双拥工作领导小组会、军地联席会和党政领导走访慰问等制度，把双拥工作"
    start, end = text.index("党管"), text.index("、军地")  # the reader stopped before the long last thing
    assert text[slice(*listed(text, start, end, "延安自己抓双拥，健全了哪些制度？"))] == \
        "党管武装述职、市委常委议军会、双拥工作领导小组会、军地联席会和党政领导走访慰问"


def test_the_rest_of_a_list_after_the_thing_set_aside_is_the_one_thing_asked_before_its_etc():
    from embeddings.types import Passage
    from qa.reading.listed_spans import except_said
    from qa.types import Answer

    text = "与克拉玛依区政府、市绿委办等双拥共建单位签订了180亩“军民共建林”建设协议"
    p = Passage("r1-p1", 1, text, 0, len(text))
    span = "克拉玛依区政府、市绿委办等双拥共建单位"
    pool = (Answer(span, 2.0, p, 1, 1 + len(span)),)
    assert [a.text for a in except_said("除了克拉玛依区政府，还跟哪个单位签了协议？", pool)] == ["市绿委办"]
    assert [a.text for a in except_said("除了克拉玛依区政府，还跟哪些单位签了协议？", pool)] == ["市绿委办等双拥共建单位"]


def test_a_list_led_by_its_place_and_verb_starts_at_its_first_thing():
    text = "芜湖利用烈士陵园、王稼祥纪念馆、戴安澜烈士墓开展教育"
    end = text.index("开展")
    assert text[slice(*enumerated(text, 0, end, "芜湖搞国防教育都用了哪些教育基地？"))] == "烈士陵园、王稼祥纪念馆、戴安澜烈士墓"
    assert enumerated(text, 0, end, "芜湖利用了几处基地？") == (0, end)  # how many: as cut


def test_a_run_of_three_like_phrases_grows_back_over_a_fourth_after_its_verb():
    from qa.reading.listed_spans import parallel

    text = "双鸭山形成了典型引路、整体推进、全面提升、遍地开花的双拥宣传格局"
    start, end = text.index("整体"), text.index("的双拥")
    assert text[slice(*parallel(text, start, end, "双拥宣传最后搞成了一个什么样的格局？"))] == "典型引路、整体推进、全面提升、遍地开花"
    last = text.index("遍地开花")  # the reader's last phrase alone: grown over the run, then over the phrase after 了
    assert text[slice(*parallel(text, last, last + 4, "搞成了一个什么样的格局？"))] == "典型引路、整体推进、全面提升、遍地开花"
    two = "形成了典型引路、整体推进的格局"
    s2, e2 = two.index("整体"), two.index("的格局")
    assert parallel(two, s2, e2, "搞成了一个什么样的格局？") == (s2, e2)  # one phrase alone: no run to go by
