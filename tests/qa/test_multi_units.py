"""A comparison or total whose parts came back in different units asks the odd part again in the other's unit."""
import re

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer
from tests.qa.test_multi import PlaceRetriever


class FirstNumberReader:
    """Sure of the first number with the unit the question asks for after 多少 (any unit when it asks none);
    unsure when there is none."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        out = []
        for q, hits in zip(questions, passages):
            p = hits[0].passage
            unit = re.search(r"多少([亩元])", q)
            m = re.search(rf"[0-9.]+[万亿]?{unit.group(1) if unit else '[亩元个]'}", p.text)
            if m is None:  # no such number: unsure
                out.append(ReadResult((Answer(p.text[:2], 0.1, p, 0, 2),), -5.0))
            else:
                out.append(ReadResult((Answer(m.group(), 0.9, p, m.start(), m.end(), reader_score=5.0),), 5.0))
        return out


def assistant(texts):
    retriever = PlaceRetriever()
    report = {"芜湖市": 2, "通化市": 4}  # the fake index's reports on these places
    retriever.passages = [Passage(f"r{report[place]:03d}-p001", report[place], t, 0, len(t), places=(place,))
                          for place, t in texts]
    return Assistant(retriever, FirstNumberReader(), settings=Settings(no_answer_threshold=0.0, hedge_band=None))


def test_the_odd_part_is_asked_again_in_the_other_parts_unit():
    a = assistant([("芜湖市", "芜湖市为部队提供土地527亩。"), ("通化市", "通化市投入14.3亿元，为部队征地307亩。")])
    r = a.ask("芜湖和通化，谁给部队的地更多？")
    assert r.summary == "芜湖（527亩）多于通化（307亩）"
    assert [p.question for p in r.parts] == ["芜湖给部队的地有多少？", "通化给部队的地有多少亩？"]


def test_when_no_single_unit_fits_every_part_the_units_still_differ():
    a = assistant([("芜湖市", "芜湖市为部队提供土地527亩，投入300万元。"), ("通化市", "通化市投入14.3亿元，为部队征地307亩。")])
    r = a.ask("芜湖和通化，谁给部队的地更多？")  # 亩 fits both and 元 fits both: which was meant is unclear
    assert r.abstained and r.reason.startswith("单位不同")


def test_parts_in_unlike_units_are_aligned_from_a_part_s_own_answers_that_say_as_much_of_its_question():
    from qa.multi import by_alternatives
    from qa.quantities import parse
    from qa.types import Part, Response

    def part(place, question, text, *spans):
        p = Passage("r001-p001", 1, text, 0, len(text), places=(place,))
        answers = tuple(Answer(s, 1.0 - i / 10, p, text.index(s), text.index(s) + len(s)) for i, s in enumerate(spans))
        return Part(place, question, Response(question, answers, ()))

    zhangye = part("张掖", "张掖在街头路口立的双拥宣传标牌有多少？", "建成双拥一条街一条，在街头路口设置双拥宣传标牌300多块。",
                   "一条", "300多块")
    wuhu = part("芜湖", "芜湖在街头路口立的双拥宣传标牌有多少？", "在街头路口设置双拥宣传标牌200多块。", "200多块")
    aligned = by_alternatives([zhangye, wuhu], [parse("一条"), parse("200多块")])
    assert [p.answer.text for p in aligned] == ["300多块", "200多块"]
    # an alternative saying less of the question than the best answer is never taken
    kaifeng = part("开封", "开封建成的退役军人服务中心（站）有多少？", "组建退役军人志愿服务队918支，建成法律咨询站380个。",
                   "918支", "380个")
    puyang = part("濮阳", "濮阳建成了多少退役军人服务中心（站）？", "建成退役军人服务中心（站）2024个。", "2024个")
    assert by_alternatives([kaifeng, puyang], [parse("918支"), parse("2024个")]) is None
    # nor one whose clause says next to nothing of it (军人 of 退役军人 is one pair of 拥军人物: 5万余人 is no 最美拥军人物)
    qinzhou = part("钦州", "钦州评选的最美拥军人物人数有多少？", "开展活动一批。全市现有退役军人5万余人。",
                   "一批", "5万余人")
    xuchang = part("许昌", "许昌评选的最美拥军人物人数有多少？", "评选出40名许昌市最美拥军人物。", "40名")
    assert by_alternatives([qinzhou, xuchang], [parse("一批"), parse("40名")]) is None


def test_a_figure_of_wan_with_no_unit_answering_a_question_of_money_is_in_yuan():
    from qa.multi import compared
    from qa.types import Part, Response

    def part(place, question, text):
        p = Passage("r001-p001", 1, text, 0, len(text), places=(place,))
        return Part(place, question, Response(question, (Answer(text, 0.9, p, 0, len(text)),), ()))

    money = [part("汉中", "汉中的双拥工作经费有多少？", "1974万元"), part("双鸭山", "双鸭山的双拥工作经费有多少？", "136万")]
    assert compared(money, "more") == ("汉中（1974万元）多于双鸭山（136万）", "")
    # asked a count, a bare 万 is no money: the units still differ
    people = [part("汉中", "汉中有多少退役军人？", "5万人"), part("双鸭山", "双鸭山有多少退役军人？", "3万")]
    assert compared(people, "more")[1].startswith("单位不同")


def test_a_part_refused_for_a_figure_of_another_kind_is_asked_again_in_the_others_unit():
    # 通化's passage says 8个 before its money: asked 投的钱有多少, 8个 is refused (other_unit), then 多少元 finds it
    a = assistant([("芜湖市", "芜湖市驻军投入资金700万元帮扶村庄。"), ("通化市", "通化市驻军帮扶8个村，投入600万元。")])
    r = a.ask("芜湖和通化的驻军帮村里投的钱，加起来多少？")
    assert not r.abstained and [p.answer.text for p in r.parts] == ["700万元", "600万元"]
    assert r.parts[1].question.endswith("多少元？")
    a = assistant([("芜湖市", "芜湖市驻军帮扶12个村。"), ("通化市", "通化市驻军帮扶8个村。")])
    r = a.ask("芜湖和通化的驻军帮村里投的钱，加起来多少？")  # no money said anywhere: never a sum of villages
    assert r.abstained
