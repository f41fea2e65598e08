"""The UI belongs to the collection it serves: heading, examples that work, plain-Chinese filter messages,
alternatives that are real alternatives."""
from types import SimpleNamespace

import pytest

from embeddings.index import load_index
from embeddings.types import Passage
from qa.interfaces.fake import FakeAssistant
from qa.settings import Settings
from qa.training.examples import example_questions, spread
from qa.types import Answer, Response
from ui.chat import respond
from ui.collection import branding, filter_problem
from ui.format import alternatives, escape, format_response

FIRST = "张掖市累计为驻地部队划拨了多少亩土地？"


def test_shipped_corpus_keeps_its_own_branding():
    brand = branding(FakeAssistant(), make_examples=lambda a: pytest.fail("the shipped corpus lists its examples"))
    assert brand.title == "双拥报告问答" and "那芜湖呢" in brand.description
    assert brand.examples[0] == FIRST and brand.placeholder == f"用中文提问，例如：{FIRST}"


class Stub:
    """An assistant over a real index that answers right every other time it is asked."""

    def __init__(self, index, tmp_path, *, right=lambda n: n % 2 == 1):
        self.retriever = SimpleNamespace(index=index)
        self.settings = Settings(cache_dir=str(tmp_path / "cache"))
        self.asked, self.right = [], right

    def ask(self, question, **_):
        self.asked.append(question)
        text = self.expected[question] if self.right(len(self.asked)) else "不对"
        answers = (_answer(text, text),)
        return Response(question, answers, (), {})


@pytest.fixture
def stub(mini_index, tmp_path, monkeypatch):
    import qa.training.examples as examples

    stub = Stub(load_index(mini_index), tmp_path)
    stub.expected = {}
    real = examples.positives

    def recording(passage, rng, *, per_passage):
        made = real(passage, rng, per_passage=per_passage)
        stub.expected.update({e.question: e.answer for e in made})
        return made

    monkeypatch.setattr(examples, "positives", recording)
    return stub


def test_examples_come_from_the_collection_and_only_answered_ones_are_kept(stub):
    found = example_questions(stub, n=3)
    assert found and len(found) <= 3
    assert found == [q for n, q in enumerate(stub.asked, 1) if n % 2 == 1][:3]
    assert all(q.endswith("？") for q in found)
    asked = len(stub.asked)
    assert example_questions(stub, n=3) == found and len(stub.asked) == asked  # cached per index


def test_derived_branding_names_the_collection(stub):
    stub.settings = Settings(cache_dir=stub.settings.cache_dir)
    brand = branding(stub, make_examples=lambda a: ["乙县为部队提供了多少用地？"])
    assert brand.title == "3篇报告问答" and "双拥报告问答" not in brand.title
    assert brand.description.startswith("共3篇报告（甲城、乙县、闽南、漳州，2023年5月9日至2023年8月3日）。")
    assert "先问" in brand.description and brand.examples == ("乙县为部队提供了多少用地？",)
    stub.settings = Settings(ui_title="我的报告", ui_description="说明", cache_dir=stub.settings.cache_dir)
    assert (branding(stub, make_examples=lambda a: []).title, branding(stub, make_examples=lambda a: []).description) \
        == ("我的报告", "说明")


def test_spread_visits_every_report_first(mini_index):
    import random

    order = spread(load_index(mini_index).passages, random.Random(1))
    assert sorted(p.report for p in order[:3]) == [1, 2, 3]


def test_filter_problems_in_plain_chinese(mini_index):
    index = load_index(mini_index)
    assert filter_problem(index, [1], ["漳州"]) == "所选报告中没有漳州的段落：去掉地区筛选，或改选关于漳州的报告。"
    assert filter_problem(index, [3], ["漳州"]) == "" and filter_problem(index, None, None) == ""
    assert filter_problem(index, [], ["南京"]) == "这些报告中没有南京的段落：去掉地区筛选再问。"
    assert filter_problem(index, [99], []).startswith("没有编号为99的报告")


def test_chat_turn_with_an_empty_filter_says_so_without_english_or_entities():
    assistant = FakeAssistant()
    reply = respond(assistant, "开封市建成了多少个退役军人服务中心？", [], None, reports=[1], places=["开封市"]).history[-1]
    assert "所选报告中没有开封市的段落" in reply["content"]
    assert "qa reports" not in reply["content"] and "&amp;" not in reply["content"] and "no passages" not in reply["content"]
    assert assistant.calls == 0


def test_escape_writes_each_entity_once():
    assert escape("['开封']") == "&#91;&#x27;开封&#x27;&#93;"


def _answer(text: str, passage_text: str, start: int | None = None) -> Answer:
    start = passage_text.index(text) if start is None else start
    passage = Passage(id="r1-p1", report=1, text=passage_text, start=0, end=len(passage_text))
    return Answer(text, 0.5, passage, start, start + len(text))


def test_alternatives_are_distinct_and_never_fragments():
    main = _answer("3573亩", "共划拨土地3573亩，建成营区12处。")
    fragment = _answer("3亩", main.passage.text, main.passage.text.index("3亩"))
    answers = (main, fragment, _answer("亩", "土地亩"), _answer("多亩", "2000多亩"), _answer("12处", main.passage.text),
               _answer("0名", "共30名"), _answer("3573亩", "另一段3573亩"), _answer("当欢快喜庆", "每当欢快喜庆的日子"),
               _answer("个，", "停车位4100个，完成投资"))
    assert [a.text for a in alternatives(answers)] == ["12处"]
    reply = format_response(Response("问", answers, (), {}))
    assert reply.count("其他可能的答案") == 1 and "其他可能的答案 2：12处" in reply


def test_only_whole_questions_are_offered_as_examples():
    from qa.training.examples import well_formed

    assert well_formed("张掖为驻地部队划拨了多少亩土地？") and well_formed("按报告的说法，投入了多少钱？")
    for fragment in ("和“兵支书”多少名？", "六盘水有多少名退役军人担任了“兵支书？", "张掖为驻地部队划拨了多少亩土地，",
                     "投入了资金的？", "划拨土地2000多亩。", "多少？", "张掖为部队划拨了多少？又建了几处？"):
        assert not well_formed(fragment), fragment
