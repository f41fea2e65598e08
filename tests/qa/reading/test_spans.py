import pytest

from qa.reading.spans import current_value, whole_name


def cut(text, span, question):
    start = text.index(span)
    moved = current_value(text, start, start + len(span), question)
    return text[moved[0]:moved[1]] if moved else None


@pytest.mark.parametrize("text, old, question, new", [
    ("未就业随军配偶生活补助从每人每月300元提高到1000元。", "300元", "通化给未就业随军配偶每月发多少补助？", "1000元"),
    ("训练场由原来的750亩扩大至3573亩。", "750亩", "开封的训练场现在有多大？", "3573亩"),
    ("自来水普及率从91.3%提高到94.6%。", "91.3", "岳阳的自来水普及率是多少？", "94.6"),
    ("优待金由每人每月300元增加至每人每月500元。", "300元", "优待金每月多少钱？", "500元"),
    ("办理时限从15天压缩到3天。", "15天", "办理要多久？", "3天"),
])
def test_the_old_value_of_a_change_moves_to_the_new_one(text, old, question, new):
    assert cut(text, old, question) == new


@pytest.mark.parametrize("text, span, question", [
    ("训练场由原来的750亩扩大至3573亩。", "750亩", "开封的训练场原来有多少亩？"),  # the question asks for the old value
    ("补助从300元提高到1000元。", "300元", "补助从多少钱提高到了1000元？"),
    ("补助标准为300元，提高到1000元。", "300元", "补助多少钱？"),  # no 从/由 before the span: not a change of it
    ("共建示范街道3处，提高到5处。", "3处", "建了几处？"),
    ("补助从300元提高到，下一年再定。", "300元", "补助多少钱？"),  # no new value after the verb
])
def test_other_spans_and_questions_about_the_old_value_stay(text, span, question):
    assert cut(text, span, question) is None


@pytest.mark.parametrize("text, span, whole", [
    ("在抗日山烈士陵园举行祭扫", "抗日山", "抗日山烈士陵园"),
    ("命名为杨伦工作室。", "杨伦", "杨伦工作室"),
    ("游览武当山景区", "武当山", "武当山景区"),
    ("张掖丹霞通用机场建成", "张掖丹霞", "张掖丹霞通用机场"),
    ("张掖丹霞通用机场建成", "张掖丹霞通用机场", "张掖丹霞通用机场"),
    ("投入30万元建设", "30万元", "30万元"),  # numbers are not names
    ("抗日山，烈士陵园", "抗日山", "抗日山"),  # the head noun must follow at once
])
def test_a_name_is_answered_with_its_head_noun(text, span, whole):
    start = text.index(span)
    a, b = whole_name(text, start, start + len(span))
    assert text[a:b] == whole


def test_a_what_question_s_noun_right_after_the_span_is_part_of_the_answer():
    text = "全面落实重点优抚对象殡葬服务减免政策，"
    start = text.index("殡葬")
    a, b = whole_name(text, start, text.index("政策"), "该市落实了什么政策？")
    assert text[a:b] == "殡葬服务减免政策"
    assert whole_name(text, start, text.index("政策"), "它叫什么名字？") == (start, text.index("政策"))  # no noun asked


def test_the_noun_before_jiao_shenme_is_part_of_the_name_when_the_passage_says_it_next():
    text = "利通区的顾金海少年军校、青铜峡的崔景岳少年军校立足青少年国防教育"
    start = text.index("顾金海")
    a, b = whole_name(text, start, start + 3, "利通区那所以人名命名的少年军校叫啥？")
    assert text[a:b] == "顾金海少年军校"
    a, b = whole_name(text, start, start + 3, "那所少年军校的主题叫什么？")  # 主题 names the name itself
    assert text[a:b] == "顾金海"
    a, b = whole_name(text, start, start + 3, "这个政策叫什么名字？")  # the passage says no 政策 next
    assert text[a:b] == "顾金海"


def test_a_span_holding_the_whole_change_is_cut_to_the_new_value_unless_the_old_is_asked():
    text = "训练场面积由原来的750亩扩大至3573亩，成为全军最大最好的空降训练场。"
    start, end = text.index("750亩"), text.index("，")
    s, e = current_value(text, start, end, "开封的训练场现在有多大？")
    assert text[s:e] == "3573亩"
    assert current_value(text, start, end, "开封的训练场原来有多大？") is None
    plain = "累计投入3.5亿元资金"
    assert current_value(plain, 4, 9, "投入了多少资金？") is None


@pytest.mark.parametrize("text, span, want", [
    ("已安排共50个事业单位岗位", "共50个", "50个"),
    ("面积达31亩", "达31亩", "31亩"),
    ("累计投入1200万元", "累计投入1200万元", "累计投入1200万元"),  # 累计 leads into a verb here, not a number
    ("内部有很严重的经济问题", "的经济问题", "经济问题"),
    ("开通了两条专线", "了两条", "两条"),
    ("共建共享", "共建", "共建"),  # 共 before a verb is part of the answer
])
def test_a_word_that_leads_into_the_answer_is_dropped(text, span, want):
    from qa.reading.span_edges import drop_lead
    start = text.index(span)
    end = start + len(span)
    assert text[drop_lead(text, start, end):end] == want


@pytest.mark.parametrize("text, span, question, want", [
    ("是民族英雄冯子材、刘永福的家乡", "冯子材", "钦州是哪两位民族英雄的家乡？", "冯子材、刘永福"),
    ("在2016年和2020年两次荣膺", "2016年", "乌海是哪两年获得称号的？", "2016年和2020年"),
    ("2012年、2016年，庆阳两次被命名", "2012年", "庆阳是哪两年被命名的？", "2012年、2016年"),
    ("在2016年和2020年两次荣膺", "2016年", "乌海是哪一年获得称号的？", "2016年"),  # one asked for
    ("2012年、2016年、2019年获评", "2012年", "哪两年获评？", "2012年"),  # three named, two asked: left as cut
    ("冯子材的家乡", "冯子材", "哪两位英雄？", "冯子材"),  # nothing joined to it
    # the reader cut the last of them: grown back over those before it
    ("南漳县等地建设公园，襄城区、樊城区积极打造示范街", "樊城区", "打造示范街的是哪两个区？", "襄城区、樊城区"),
    ("在2016年和2020年两次荣膺", "2020年", "乌海是哪两年获得称号的？", "2016年和2020年"),
    ("老河口市、襄城区、樊城区积极打造", "樊城区", "打造示范街的是哪两个区？", "樊城区"),  # three named: as cut
])
def test_a_span_grows_over_the_number_of_things_the_question_asks_for(text, span, question, want):
    from qa.reading.listed_spans import coordinated
    start = text.index(span)
    s, e = coordinated(text, start, start + len(span), question)
    assert text[s:e] == want


def shown_alternatives(text: str, spans: list[str]) -> list[str]:
    """The alternatives shown for spans of one passage, the first span the best answer."""
    from embeddings.types import Passage
    from qa.reading.alternatives import alternatives
    from qa.types import Answer

    p = Passage("r1-p1", 1, text, 0, len(text))
    return [a.text for a in alternatives([Answer(s, 1.0, p, text.index(s), text.index(s) + len(s)) for s in spans])]


def test_alternatives_cut_between_a_figure_and_its_unit_are_fragments():
    # found in a real browser: "个村" of "1038个村", "…划拨土地2000" of "2000多亩", "亩保障…" after "527亩"
    text = "累计为驻地部队划拨土地2000多亩，建成1038个村（社区）服务站，共建军事设施527亩保障军事设施建设"
    spans = ["2000多亩", "累计为驻地部队划拨土地2000", "个村", "亩保障军事设施建设", "1038个", "服务站"]
    assert shown_alternatives(text, spans) == ["1038个", "服务站"]


def test_alternatives_cut_at_a_measure_word_are_fragments_too():
    # found in a real browser: "块，悬挂率100%" and "已悬挂光荣牌38294" beside 38294块
    text = "全市已悬挂光荣牌38294块，悬挂率100%，广泛开展褒扬纪念活动"
    spans = ["38294块", "块，悬挂率100%", "已悬挂光荣牌38294", "悬挂率100%"]
    assert shown_alternatives(text, spans) == ["悬挂率100%"]


def test_asked_for_the_earlier_value_the_reader_cut_of_the_new_one_moves_to_the_old():
    from qa.reading.spans import earlier_value

    t = "将未就业随军配偶生活补贴发放标准从每人每月300元提高到1000元，创新制发绿色通道卡"
    new = t.index("1000元")
    assert t[slice(*earlier_value(t, new, new + 5, "补贴原来每月多少？"))] == "300元"
    assert earlier_value(t, new, new + 5, "补贴现在每月多少？") is None  # the new value is what is asked
    assert earlier_value("补贴每月1000元", 4, 9, "补贴原来每月多少？") is None  # no change: nothing to move to


def test_a_form_of_address_after_a_name_is_dropped_when_a_name_is_asked():
    from qa.reading.span_edges import drop_title
    text = "满城小学四年级九班李雨晨同学在今年年初寄往新疆"
    start = text.index("李雨晨")
    assert text[start:drop_title(text, start, start + 5, "满城小学学生叫什么？")] == "李雨晨"
    assert drop_title(text, start, start + 5, "谁给边防部队寄了贺卡？") == start + 3
    assert drop_title(text, start, start + 5, "寄贺卡的是几年级的学生？") == start + 5  # no name asked
    assert drop_title("王同学", 0, 3, "叫什么？") == 3  # a name of one character left: as cut


def test_a_name_grows_to_the_noun_a_which_question_asks_for_said_right_after_it():
    from qa.reading.spans import whole_name
    text = "依托大荒沟党史馆开展教育，小河村村民共同致富"
    at = text.index("大荒沟")
    assert text[slice(*whole_name(text, at, at + 3, "它依托哪个党史馆开展国防教育？"))] == "大荒沟党史馆"
    at = text.index("小河村")
    assert text[slice(*whole_name(text, at, at + 3, "他带的是哪个村？"))] == "小河村"  # 村 already said: not 小河村村
    # the noun after 哪些, said right after the span, belongs to it too; not across 等 (华蓥、武胜等区县)
    text = "由市县两级四家班子领导带队，在华蓥、武胜等区县开展"
    at = text.index("市县")
    assert text[slice(*whole_name(text, at, at + 8, "是哪些领导带队去部队看望官兵的？"))] == "市县两级四家班子领导"
    at = text.index("华蓥")
    assert text[slice(*whole_name(text, at, at + 5, "在哪些区县开展？"))] == "华蓥、武胜"


@pytest.mark.parametrize("text, span, question, want", [
    ("深入宣传“时代楷模”张连印事迹。", "张连印事迹", "他们重点宣传的那位“时代楷模”叫什么？", "张连印"),
    ("学生李雨晨同学寄来贺卡", "李雨晨同学", "那个学生叫什么？", "李雨晨"),
    ("深入宣传“时代楷模”张连印事迹。", "张连印事迹", "他们宣传了什么？", "张连印事迹"),  # no name asked
])
def test_a_name_asked_is_cut_before_a_form_of_address_or_the_word_for_their_deeds(text, span, question, want):
    from qa.reading.span_edges import drop_title
    start = text.index(span)
    assert text[start:drop_title(text, start, start + len(span), question)] == want


def test_a_colloquial_ask_grows_a_span_like_the_formal_one():
    from qa.reading.listed_spans import coordinated
    from qa.reading.spans import whole_name

    text = "主动搭建信息共享机制，健全组织管理、工作运行、政策制度“三大”体系"
    at = text.index("信息共享")
    assert text[slice(*whole_name(text, at, at + 4, "驻军跟人家搭了个啥机制？"))] == "信息共享机制"  # 啥 as 什么
    at = text.index("政策制度")
    assert text[slice(*coordinated(text, at, at + 4, "要把哪“三大”体系健全起来？"))] == "组织管理、工作运行、政策制度"


def test_a_noun_tied_by_de_is_no_part_of_the_name_asked():
    from embeddings.types import Passage
    from qa.reading.qualifiers import head_first
    from qa.types import Answer

    text = "我市坚持普惠与优待叠加的原则，建立优待优抚长效机制"
    p = Passage("r1-p1", 1, text, 0, len(text))
    best, tied = Answer("普惠与优待叠加", 2.0, p, 4, 11), Answer("普惠与优待叠加的原则", 1.0, p, 4, 14)
    assert head_first("讲究的是个啥原则？", (best, tied))[0] is best


def test_a_how_question_gets_the_parallel_phrases_of_its_span_s_length():
    from qa.reading.listed_spans import parallel

    text = "纳入整体规划，一同研究部署、一体推进落实。坚持视人民如父母、把驻地当故乡，倾力支持"
    at = text.index("一体推进落实")
    assert text[slice(*parallel(text, at, at + 6, "这个区要求怎么推进？"))] == "一同研究部署、一体推进落实"
    at = text.index("视人民如父母")
    assert text[slice(*parallel(text, at, at + 6, "他们一直坚持的是啥？"))] == "视人民如父母、把驻地当故乡"
    assert parallel(text, at, at + 6, "他们驻在哪个市？") == (at, at + 6)  # not asked how: one phrase


def test_a_name_keeps_the_words_before_it_that_the_question_says_in_the_noun_it_asks():
    from qa.reading.name_prefix import with_said_modifier

    text = "成立拥军优属协会和拥军优属女子志愿服务队"
    start = text.index("志愿")
    asked = "除了拥军优属协会，还拉起了一支什么女子队伍？"
    assert text[with_said_modifier(text, start, len(text), asked):] == "拥军优属女子志愿服务队"
    assert with_said_modifier(text, start, len(text), "还拉起了一支什么队伍？") == start  # the question says none of it
    assert with_said_modifier(text, start, len(text), "女子队伍有多少人？") == start  # no name asked
    text = "贡献北海唯一的民用机场福成机场"
    start = text.index("福成")
    assert with_said_modifier(text, start, len(text), "唯一民用机场叫什么？") == start  # the same head: no modifier
    text = "打造文峰区紫薇大道街道石袁社区"
    assert with_said_modifier(text, text.index("紫薇"), len(text), "是文峰区的哪个社区？") == text.index("紫薇")  # a place


def test_the_value_now_when_before_says_before_an_event_not_before_a_change():
    from qa.reading.spans import current_value, earlier_value

    t = "暴雨预警信号提前量从38分钟提高到52分钟。"
    at = t.index("38")
    assert t[slice(*current_value(t, at, at + 4, "安庆现在下大暴雨之前能提前多久发预警？"))] == "52分钟"
    assert current_value(t, at, at + 4, "调整之前能提前多久发预警？") is None  # the earlier value is asked
    new = t.index("52")
    assert t[slice(*earlier_value(t, new, new + 4, "之前能提前多久？"))] == "38分钟"


def test_a_meeting_asked_is_cut_past_when_it_is_held_and_its_frame_verb():
    from qa.reading.span_edges import trimmed

    t = "每年新兵入伍、老兵退役时召开迎送座谈会，传递关心"
    start, end = t.index("老兵"), t.index("，")
    assert t[slice(*trimmed(t, start, end, "老兵回来的时候呢？区里会开个什么会？"))] == "迎送座谈会"
    assert t[slice(*trimmed(t, start, end, "老兵退役时做了什么？"))] == "老兵退役时召开迎送座谈会"  # no noun asked


def test_which_document_of_a_modifier_asks_the_noun_at_its_end_and_gets_the_whole_title():
    from qa.reading.spans import as_precise_as_asked, asked_head

    question = "河北在全国率先出台了哪部关于退役军人保障的条例？"
    assert asked_head(question) == "条例" and asked_head("两篇稿子，哪篇的日期更早？") == ""
    t = "在全国率先出台《河北省退役军人保障条例》，以法规的形式"
    assert t[slice(*as_precise_as_asked(t, 8, 11, question))] == "河北省退役军人保障条例"
