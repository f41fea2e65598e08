"""The assistant's plumbing with a fake retriever and a fake reader behind the real interfaces."""
import json

import pytest

from embeddings.types import Passage
from qa.assistant import Assistant
from qa.calibration import calibrated_threshold
from qa.errors import InputError
from qa.reading.reader import ReadResult
from qa.settings import Settings
from qa.types import Answer, Hit

PASSAGES = [Passage(f"r001-p{i:03d}", 1, f"芜湖市为驻芜部队提供用地{i}27亩。", 0, 16) for i in range(1, 7)]


class FakeRetriever:
    def __init__(self):
        self.calls = []

    def search_batch(self, queries, k=None, **options):
        self.calls.append((list(queries), k, options))
        return [[Hit(p, 1.0 / (60 + r), r) for r, p in enumerate(PASSAGES[:k], 1)] for _ in queries]


class FakeReader:
    """Answers "?27亩" from the first passage with a margin that the question sets ("margin=-2")."""

    def __init__(self):
        self.read = []

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        self.read.append([len(p) for p in passages])
        self.read_more_below = read_more_below
        out = []
        for q, hits in zip(questions, passages):
            margin = float(q.split("margin=")[1]) if "margin=" in q else 5.0
            p = hits[0].passage
            answer = Answer(p.text[12:16], margin + 1, p, 12, 16, reader_score=margin, retrieval_score=hits[0].score)
            out.append(ReadResult((answer,), margin))
        return out


def make(threshold=None, **settings):
    retriever, reader = FakeRetriever(), FakeReader()
    return Assistant(retriever, reader, settings=Settings(no_answer_threshold=threshold, **settings)), retriever, reader


def test_ask_answers_with_offsets_hits_and_timings():
    assistant, retriever, reader = make(threshold=0.0, k=5, reader_top_k=3)
    r = assistant.ask("芜湖市为驻芜部队提供用地多少亩？")
    assert r.best.text == "127亩" and r.best.passage.text[r.best.start:r.best.end] == "127亩"
    assert len(r.hits) == 5 and reader.read == [[3]]  # retrieve k=5, read only the top 3
    assert set(r.timings) == {"retrieve_ms", "read_ms", "total_ms"} and r.timings["total_ms"] >= 0
    assert r.no_answer_score == -5.0


def test_read_more_below_reaches_the_reader():
    assistant, _, reader = make(threshold=0.0, read_more_below=2.5)
    assistant.ask("芜湖市为驻芜部队提供用地多少亩？")
    assert reader.read_more_below == 2.5
    everything, _, reader = make(threshold=0.0, read_more_below=None)
    everything.ask("芜湖市为驻芜部队提供用地多少亩？")
    assert reader.read_more_below is None


def test_parts_of_a_comparison_are_read_thoroughly_within_their_place():
    from qa.multi import PART_K

    assistant, retriever, reader = make(threshold=0.0, k=5, reader_top_k=3, read_more_below=2.5)
    assistant.ask_each(["芜湖市提供用地多少亩？"], [{"places": ["芜湖"]}], k=PART_K, thorough=True)
    assert retriever.calls[-1][1] == PART_K and retriever.calls[-1][2]["places"] == ["芜湖"]
    assert reader.read == [[len(PASSAGES[:PART_K])]] and reader.read_more_below is None  # every hit, all at once
    assistant.ask_each(["芜湖市提供用地多少亩？"], [{"places": ["芜湖"]}])
    assert reader.read[-1] == [3] and reader.read_more_below == 2.5  # a plain question: the top 3, lazily


def test_abstains_below_the_threshold():
    assistant, _, _ = make(threshold=0.5)
    low = assistant.ask("问题 margin=0.4")
    assert low.abstained and low.reason_code == "low_confidence" and low.reason
    assert not assistant.ask("问题 margin=0.6").abstained and assistant.ask("问题 margin=0.6").reason_code == ""
    assert assistant.ask("问题 margin=0.4").hits  # the hits are still shown


def test_filters_and_k_reach_the_retriever():
    assistant, retriever, _ = make(threshold=0.0)
    assistant.ask("张掖的问题？", k=2, reports=[1, 2], places=["张掖市"])
    queries, k, options = retriever.calls[-1]
    assert k == 2 and options == {"reports": [1, 2], "places": ["张掖市"]}


def test_ask_batch_is_one_retrieval_and_one_read():
    assistant, retriever, reader = make(threshold=0.0)
    responses = assistant.ask_batch(["问题一 margin=1", "问题二 margin=-1"])
    assert [r.abstained for r in responses] == [False, True]
    assert len(retriever.calls) == 1 and len(reader.read) == 1


def test_bad_input_is_rejected():
    assistant, _, _ = make()
    with pytest.raises(InputError, match="empty"):
        assistant.ask("  ")
    with pytest.raises(InputError, match="k must be"):
        assistant.ask("问题？", k=0)
    with pytest.raises(InputError, match="list of questions"):
        assistant.ask_batch("问题？")


def test_threshold_comes_from_calibration_unless_settings_override(tmp_path):
    (tmp_path / "calibration.json").write_text(json.dumps({"threshold": 1.5}))
    assert calibrated_threshold(tmp_path) == 1.5 and calibrated_threshold(tmp_path / "none") is None
    reader = FakeReader()
    reader.model_name_or_path = str(tmp_path)
    assert Assistant(FakeRetriever(), reader, settings=Settings()).threshold == 1.5
    assert Assistant(FakeRetriever(), reader, settings=Settings(no_answer_threshold=-1.0)).threshold == -1.0
    (tmp_path / "calibration.json").write_text("{}")
    with pytest.raises(InputError, match="calibrate"):
        calibrated_threshold(tmp_path)


def test_load_uses_the_reader_options_saved_with_the_threshold(tmp_path, monkeypatch):
    import qa.assistant as module

    (tmp_path / "calibration.json").write_text(json.dumps({"threshold": 0.7, "reader_options": {"max_length": 256}}))
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "manifest.json").write_text("{}")
    made = {}

    class FakeReaderClass:
        def __init__(self, path, **options):
            made.update(options, path=path)
            self.model_name_or_path = path

        def warm_up(self):
            pass

    monkeypatch.setattr(module, "Reader", FakeReaderClass)
    monkeypatch.setattr("qa.retrieval.retriever.Retriever.load", classmethod(lambda cls, *a, **kw: FakeRetriever()))
    monkeypatch.setattr("embeddings.encoders.make_encoder", lambda name, **kw: None)
    settings = Settings(reader=str(tmp_path), index_dir=str(tmp_path / "index"))
    assistant = Assistant.load(settings, reader_options={"quantize": True})
    assert made == {"max_length": 256, "quantize": True, "path": str(tmp_path), "backend": "auto",
                    "precision": "fp32"}
    assert assistant.threshold == 0.7


def test_abstains_when_the_question_names_a_place_no_report_covers():
    from types import SimpleNamespace

    from embeddings.types import Report

    assistant, retriever, _ = make(threshold=0.0)
    reports = [Report(1, "t", "芜湖市双拥工作综述", "2023年7月31日", "s", "text", ("芜湖市",))]
    retriever.index = SimpleNamespace(reports=reports)
    assert not assistant.ask("芜湖为驻芜部队提供用地多少亩？").abstained
    nanjing = assistant.ask("南京为驻宁部队提供用地多少亩？")
    assert nanjing.abstained and nanjing.reason_code == "unknown_place" and "南京" in nanjing.reason


class PlaceRetriever:
    """Two reports, 连云港 (ranked first) and 来宾: both passages tell of a monthly allowance."""

    def __init__(self):
        from types import SimpleNamespace

        from embeddings.types import Report

        texts = {1: "连云港市为随军未就业家属每月发放生活补助650元。", 2: "来宾市为驻地部队划拨土地120亩，慰问官兵12次。"}
        self.passages = [Passage(f"r00{n}-p001", n, t, 0, len(t), subtitle=s, places=(p,))
                         for n, t, s, p in ((1, texts[1], "连云港市双拥工作综述", "连云港市"),
                                            (2, texts[2], "来宾市双拥工作综述", "来宾市"))]
        self.index = SimpleNamespace(reports=[Report(n, "t", p.subtitle, "", "s", p.text, p.places)
                                              for n, p in zip((1, 2), self.passages)])

    def search_batch(self, queries, k=None, **options):
        return [[Hit(p, 1.0 / (60 + r), r) for r, p in enumerate(self.passages, 1)] for _ in queries]


class EveryPassageReader:
    """Answers the last number-with-unit of every passage it is given, in the order given."""

    def __init__(self):
        self.read = []

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        import re

        self.read.append([[h.passage.id for h in hits] for hits in passages])
        out = []
        for hits in passages:
            answers = []
            for i, h in enumerate(hits):
                m = list(re.finditer(r"[0-9]+[元亩次]", h.passage.text))[-1]
                answers.append(Answer(m.group(), 10.0 - i, h.passage, m.start(), m.end()))
            out.append(ReadResult(tuple(answers[:top_n]), 5.0))
        return out


def place_assistant(reader_top_k=2):
    retriever, reader = PlaceRetriever(), EveryPassageReader()
    return Assistant(retriever, reader, settings=Settings(no_answer_threshold=0.0, reader_top_k=reader_top_k)), reader


def test_answers_from_another_places_report_are_dropped():
    assistant, reader = place_assistant(reader_top_k=2)
    # 来宾's passage is read first although 连云港's ranks first, and 连云港's 650元 is never the answer
    response = assistant.ask("来宾给随军未就业家属发了多少？")
    assert reader.read[-1] == [["r002-p001", "r001-p001"]]
    assert [a.text for a in response.answers] == ["12次"] and [h.rank for h in response.hits] == [1, 2]
    # asked 多少钱, 来宾's 12次 counts, it is no amount: "not found", still never 连云港's 650元
    response = assistant.ask("来宾给随军未就业家属发了多少钱？")
    assert response.abstained and response.reason_code == "other_unit" and "650元" not in response.reason
    # asked about 连云港, the order stays and its answer stands
    assert assistant.ask("连云港每月给随军未就业家属发多少钱？").best.text == "650元"
    assert reader.read[-1] == [["r001-p001", "r002-p001"]]


def test_abstains_when_only_another_places_report_answers():
    assistant, reader = place_assistant(reader_top_k=1)
    assistant.retriever.passages = assistant.retriever.passages[:1]  # only 连云港's passage is found
    response = assistant.ask("来宾每月给随军未就业家属发多少钱？")
    assert response.abstained and "650元" in response.reason and "连云港市" in response.reason
    assert response.reason_code == "other_place"
    assert not assistant.ask("每月给随军未就业家属发多少钱？").abstained  # no place named: no check


def test_abstains_when_a_count_question_gets_a_count_of_another_thing():
    assistant, _ = place_assistant(reader_top_k=1)
    assert assistant.ask("连云港每月给多少元？").best.text == "650元"
    assert assistant.ask("来宾慰问了多少次官兵？").best.text == "12次"
    response = assistant.ask("来宾慰问了多少名官兵？")  # 多少名 answered by "12次"
    assert response.abstained and "12次" in response.reason and response.to_dict()["reason"] == response.reason
    assert response.reason_code == "other_unit" == response.to_dict()["reason_code"]
    assert assistant.ask("来宾慰问了多少次官兵？").reason == ""
    response = assistant.ask("来宾慰问了多少次群众？")  # 12次 counts 官兵, not 群众
    assert response.abstained and "群众" in response.reason and response.reason_code == "uncounted"


def test_answers_carry_the_calibrated_confidence_of_their_reader_margin(tmp_path):
    from qa.reading.confidence import Confidence

    reader = FakeReader()
    (tmp_path / "calibration.json").write_text(json.dumps({"threshold": -5.0, "confidence": {"a": 1.0, "b": -1.0}}))
    reader.model_name_or_path = str(tmp_path)
    assistant = Assistant(FakeRetriever(), reader, settings=Settings(no_answer_threshold=None))
    response = assistant.ask("芜湖市提供用地多少亩？margin=3")
    assert response.answers and all(a.confidence == Confidence(1.0, -1.0).probability(a.reader_score)
                                    for a in response.answers)
    plain = Assistant(FakeRetriever(), FakeReader(), settings=Settings(no_answer_threshold=-5.0))
    assert all(a.confidence is None for a in plain.ask("芜湖市提供用地多少亩？margin=3").answers)


def test_every_interface_gets_alternatives_without_fragments():
    class Fragments(FakeReader):
        def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
            p = passages[0][0].passage  # "芜湖市为驻芜部队提供用地127亩。"
            answers = (Answer("127亩", 9.0, p, 12, 16, reader_score=5.0), Answer("7亩", 8.0, p, 14, 16, reader_score=4.0),
                       Answer("亩", 7.0, p, 15, 16, reader_score=3.0), Answer("芜湖市", 6.0, p, 0, 3, reader_score=2.0))
            return [ReadResult(answers, 5.0) for _ in questions]

    assistant = Assistant(FakeRetriever(), Fragments(), settings=Settings(no_answer_threshold=0.0))
    response = assistant.ask("芜湖市为驻芜部队提供了什么？")  # no asked shape: any whole span may follow
    assert [a.text for a in response.answers] == ["127亩", "芜湖市"]  # "7亩" and "亩" are cut from "127亩"
    assert [a["text"] for a in response.to_dict()["answers"]] == ["127亩", "芜湖市"]
    counted = assistant.ask("芜湖市为驻芜部队提供用地多少亩？")  # 芜湖市 is no figure: not offered for 多少亩
    assert [a.text for a in counted.answers] == ["127亩"]


def test_a_county_in_a_table_row_is_neither_unknown_nor_answered_from_the_city_total():
    from types import SimpleNamespace

    from embeddings.types import Report

    texts = ["全市新改建农村公路286公里，完成投资1960元。", "完成情况｜海宁市｜新改建里程：90公里；完成投资：580元"]
    passages = [Passage(f"r001-p00{i}", 1, t, 0, len(t), places=("嘉兴市",)) for i, t in enumerate(texts, 1)]

    class Retriever:
        index = SimpleNamespace(reports=[Report(1, "t", "嘉兴市农村公路工作报告", "", "s", "\n".join(texts), ("嘉兴市",))])

        def search_batch(self, queries, k=None, **options):
            return [[Hit(p, 1.0 / (60 + r), r) for r, p in enumerate(passages, 1)] for _ in queries]

    reader = EveryPassageReader()
    assistant = Assistant(Retriever(), reader, settings=Settings(no_answer_threshold=0.0, reader_top_k=2))
    response = assistant.ask("海宁在农村公路上投了多少钱？")
    assert reader.read[-1] == [["r001-p002"]] and response.best.text == "580元"  # the row alone, not 1960元
    assert assistant.ask("南京在农村公路上投了多少钱？").reason_code == "unknown_place"


def test_a_question_saying_nothing_of_what_it_asks_is_not_answered():
    assistant, retriever, reader = make(threshold=0.0)
    r = assistant.ask("谁更多？")
    assert r.abstained and r.reason_code == "no_subject" and "请写明地方和事情" in r.reason
    assert retriever.calls == [] and reader.read == []  # nothing searched or read

