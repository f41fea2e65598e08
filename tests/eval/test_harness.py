"""The harness end to end on a fake retriever, assistant and reader, checked against hand-computed numbers."""
import json

import pytest

import eval.harness as harness
from embeddings.types import Passage
from eval.compare import GOLD, best_answer, gold_passage
from eval.harness import main, run_eval
from qa.training.gold import GoldItem, load_gold
from qa.types import Answer, Hit, Response

TEXTS = [
    (1, "张掖市支持援助产业发展设施建设15处。"),           # P0
    (1, "93956部队向地方捐赠测温门、帐篷等37万元防疫物资。"),  # P1
    (20, "张掖市累计划拨土地500亩。"),                    # P2
    (2, "濮阳市开展双拥活动20余次。"),                    # P3
    (20, "张掖市建设设施15处。"),                          # P4: same figure, other report, no evidence
]
P = [Passage(f"p{n}", report, text, 0, len(text)) for n, (report, text) in enumerate(TEXTS)]

ROWS = [  # id, question, answers, evidence, report, type, style
    ("q1", "建了多少处设施？", ["15处", "15"], "支持援助产业发展设施建设15处", 1, "count", "lexical"),
    ("q2", "物资价值多少？", ["37万元", "37万"], "捐赠测温门、帐篷等37万元防疫物资", 1, "number", "paraphrase"),
    ("q3", "濮阳活动多少次？", ["20余次"], "开展双拥活动20余次", 2, "count", "paraphrase"),
    ("q4", "火星上有几个部队？", [], "", None, "unanswerable", "lexical"),
    ("q5", "月球划拨多少土地？", [], "", None, "unanswerable", "paraphrase"),
]
QUESTIONS = [GoldItem(i, q, tuple(a), e, r, t, s, "dev") for i, q, a, e, r, t, s in ROWS]

RETRIEVED = {  # mode -> question id -> passage numbers in rank order
    "bm25": {"q1": [0, 1], "q2": [2, 1], "q3": [0, 1], "q4": [3], "q5": [0]},      # ranks 1, 2, miss
    "dense": {"q1": [1, 2, 0], "q2": [1], "q3": [3], "q4": [3], "q5": [2]},        # ranks 3, 1, 1
    "hybrid": {"q1": [0], "q2": [1], "q3": [2, 3], "q4": [3], "q5": [3]},           # ranks 1, 1, 2
}
ASKED = {  # question id -> (passage number, answer text) or None to abstain; the hits are passages 4 then 0
    "q1": (4, "15处"),              # EM 1, cites report 20 instead of 1
    "q2": (1, "37万元防疫物资"),      # EM 0, F1 2/3, cites report 1
    "q3": None,                     # abstains on an answerable question
    "q4": None,                     # abstains rightly
    "q5": (2, "500亩"),             # answers an unanswerable question
}
READS = {"q1": "15处", "q2": "37万元", "q3": "20余次", "q4": None, "q5": "500亩"}


def _answer(passage: Passage, text: str) -> Answer:
    start = passage.text.index(text)
    return Answer(text, 0.9, passage, start, start + len(text))


class FakeRetriever:
    passages = P

    def __init__(self):
        self._ids = {q.question: q.id for q in QUESTIONS}

    def search(self, query, k=None, *, mode="hybrid", reports=None, places=None):
        numbers = RETRIEVED[mode][self._ids[query]][:k]
        return [Hit(P[n], 1.0 / rank, rank, {mode: rank}) for rank, n in enumerate(numbers, 1)]


class FakeAssistant:
    def __init__(self):
        self._ids = {q.question: q.id for q in QUESTIONS}

    def ask(self, question, k=None, reports=None, places=None):
        hits = (Hit(P[4], 0.5, 1), Hit(P[0], 0.4, 2))
        picked = ASKED[self._ids[question]]
        answers = (_answer(P[picked[0]], picked[1]),) if picked else ()
        return Response(question, answers, hits, {"total_ms": 1.0}, reason="" if answers else "没有把握",
                        reason_code="" if answers else "low_confidence")


def fake_read(question, hits):
    """A reader that finds its fixed answer in the first passage holding it, else abstains."""
    text = READS[{q.question: q.id for q in QUESTIONS}[question]]
    for hit in hits:
        if text and text in hit.passage.text:
            return _answer(hit.passage, text)
    return None


@pytest.fixture(scope="module")
def report():
    return run_eval(QUESTIONS, retriever=FakeRetriever(), assistant=FakeAssistant(), read=fake_read,
                    passages=P, k=5, meta={"split": "dev"})


def test_retrieval_per_mode(report):
    r = report.retrieval
    assert r["bm25"]["overall"] == pytest.approx({"n": 3, "hit@1": 1 / 3, "hit@3": 2 / 3, "hit@5": 2 / 3,
                                                  "hit@10": 2 / 3, "hit@20": 2 / 3, "mrr@10": 0.5})
    assert r["dense"]["overall"]["hit@1"] == pytest.approx(2 / 3)
    assert r["dense"]["overall"]["mrr@10"] == pytest.approx((1 / 3 + 1 + 1) / 3)
    assert r["hybrid"]["overall"]["mrr@10"] == pytest.approx((1 + 1 + 1 / 2) / 3)
    assert r["hybrid"]["overall"]["hit@3"] == 1.0
    assert r["bm25"]["latency"]["n"] == 5   # latency over every question, hit@k over answerable ones


def test_retrieval_by_style(report):
    bm25 = report.retrieval["bm25"]["by_style"]
    assert bm25["lexical"]["n"] == 1 and bm25["lexical"]["hit@1"] == 1.0
    assert bm25["paraphrase"]["n"] == 2 and bm25["paraphrase"]["hit@3"] == 0.5
    assert bm25["paraphrase"]["mrr@10"] == pytest.approx(0.25)


def test_end_to_end_answers(report):
    qa = report.qa
    assert qa["overall"]["em"] == 40.0
    assert qa["overall"]["f1"] == pytest.approx(100 * (1 + 2 / 3 + 0 + 1 + 0) / 5, abs=0.01)
    assert qa["answerable"]["em"] == pytest.approx(33.33)
    assert qa["answerable"]["f1"] == pytest.approx(55.56)
    assert qa["overall"]["abstention"]["precision"] == 0.5 and qa["overall"]["abstention"]["recall"] == 0.5
    assert qa["overall"]["citation"] == {"accuracy": 0.5, "n": 2}
    assert qa["by_type"]["count"]["em"] == 50.0 and qa["by_type"]["number"]["f1"] == pytest.approx(66.67)
    assert qa["by_style"]["lexical"]["em"] == 100.0 and qa["by_style"]["paraphrase"]["f1"] == pytest.approx(22.22)
    assert qa["latency"]["n"] == 5 and qa["latency"]["p50_ms"] >= 0


def test_per_item_fields(report):
    q1, q3, q5 = report.items[0], report.items[2], report.items[4]
    assert (q1.prediction, q1.abstained, q1.em, q1.cited_report, q1.first_hit_rank) == ("15处", False, 1.0, 20, 2)
    assert q1.ranks == {"bm25": 1, "dense": 3, "hybrid": 1}
    assert (q3.prediction, q3.abstained, q3.em, q3.first_hit_rank, q3.reason) == (None, True, 0.0, None, "没有把握")
    assert q3.reason_code == "low_confidence" and q1.reason is None and q1.reason_code is None
    assert (q5.prediction, q5.em, q5.ranks["hybrid"]) == ("500亩", 0.0, None)
    assert q1.compare == {"bm25": "15处", "dense": "15处", "hybrid": "15处", GOLD: "15处"}
    assert report.items[3].compare == {"bm25": None, "dense": None, "hybrid": None}   # unanswerable: no gold row


def test_compare_rows(report):
    c = report.compare
    assert list(c) == ["bm25", "dense", "hybrid", GOLD]
    # bm25: q3's hits lack 20余次 (abstains, 0); q5's hits lack 500亩 (abstains, right) -> 4/5
    assert (c["bm25"]["em"], c["bm25"]["answerable"]["em"]) == (80.0, pytest.approx(66.67))
    # dense: every answerable right; q5 reads 500亩 from passage 2 -> 4/5
    assert (c["dense"]["em"], c["dense"]["answerable"]["em"]) == (80.0, 100.0)
    assert c["hybrid"]["em"] == 100.0 and c["hybrid"]["abstention"]["recall"] == 1.0
    assert (c[GOLD]["n"], c[GOLD]["em"], c[GOLD]["missing"]) == (3, 100.0, 0)


def test_gold_passage_prefers_the_gold_report_and_can_be_missing():
    copy = Passage("c", 20, TEXTS[0][1], 0, len(TEXTS[0][1]))
    assert gold_passage(QUESTIONS[0], [copy, *P]).id == "p0"
    split = GoldItem("x", "问", ("15处",), "设施建设15处。93956部队", 1, "count", "lexical", "dev")
    assert gold_passage(split, P) is None
    assert gold_passage(QUESTIONS[3], P) is None


def test_best_answer_adapts_reader_outputs():
    a = _answer(P[0], "15处")
    response = Response("q", (a,), ())
    assert [best_answer(x) for x in (None, a, [a], [], (a,), response)] == [None, a, a, None, a, a]


def test_report_json_round_trips(report):
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["summary"]["qa"]["overall"]["em"] == 40.0
    assert set(data["items"][0]) >= {"id", "question", "prediction", "abstained", "score", "em", "f1",
                                     "first_hit_rank", "cited_report", "latency_ms"}


def _write_gold(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")


def _gold_rows(split="dev"):
    return [{"id": i, "question": q, "answers": a, "evidence": e, "report": r, "type": t, "style": s,
             "split": split, "extra": "ignored"} for i, q, a, e, r, t, s in ROWS]


def test_main_writes_json_markdown_and_plots(tmp_path, monkeypatch, capsys):
    _write_gold(tmp_path / "gold.jsonl", _gold_rows())
    monkeypatch.setattr(harness, "_components", lambda settings, args: {
        "retriever": FakeRetriever(), "assistant": FakeAssistant(), "read": fake_read, "passages": P})
    out = tmp_path / "run" / "report.json"
    assert main(["--questions", str(tmp_path / "gold.jsonl"), "--out", str(out), "--compare"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["meta"]["n"] == 5 and data["summary"]["compare"][GOLD]["em"] == 100.0
    md = (tmp_path / "run" / "report.md").read_text(encoding="utf-8")
    assert "## Reader comparison" in md and "| hybrid |" in md
    assert "### Abstentions by reason" in md and "| low_confidence |" in md
    for png in ("hit_at_k.png", "qa_by_type.png", "qa_by_style.png", "latency.png"):
        assert (tmp_path / "run" / png).read_bytes()[:4] == b"\x89PNG"
    assert "| gold-evidence | 3 | 100.0 |" in capsys.readouterr().out


def test_main_split_filter(tmp_path, monkeypatch):
    _write_gold(tmp_path / "gold.jsonl", _gold_rows("test"))
    monkeypatch.setattr(harness, "_components", lambda settings, args: {"retriever": FakeRetriever()})
    assert main(["--questions", str(tmp_path / "gold.jsonl"), "--out", str(tmp_path / "r.json"),
                 "--retrieval-only", "--split", "dev"]) == 2
    assert main(["--questions", str(tmp_path / "gold.jsonl"), "--out", str(tmp_path / "r.json"),
                 "--retrieval-only", "--split", "test"]) == 0
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["qa"] is None


@pytest.mark.parametrize("bad_line, message", [
    ("{not json", "line 2: not valid JSON"),
    ('["a list"]', "line 2: expected a JSON object"),
    ('{"id": "x", "question": "问", "answers": "15处", "evidence": "", "report": 1, "type": "count", '
     '"style": "lexical", "split": "dev"}', "line 2: field 'answers' must be a list"),
    ('{"id": "x", "question": "问", "answers": [], "evidence": "", "report": 0, "type": "count", '
     '"style": "lexical", "split": "dev"}', "line 2: field 'report'"),
    ('{"id": "q1", "question": "问", "answers": [], "evidence": "", "report": null, "type": "unanswerable", '
     '"style": "lexical", "split": "dev"}', "line 2: id 'q1' already used on line 1"),
    ('{"id": "x", "question": "问", "answers": [], "evidence": "", "report": null, "type": "numbr", '
     '"style": "lexical", "split": "dev"}', "line 2: field 'type' must be one of"),
])
def test_bad_questions_file_exits_2_naming_the_line(tmp_path, capsys, bad_line, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_gold_rows()[0], ensure_ascii=False) + "\n" + bad_line + "\n", encoding="utf-8")
    assert main(["--questions", str(path), "--out", str(tmp_path / "r.json"), "--retrieval-only"]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and err.count("\n") == 0


def test_missing_questions_file_exits_2(tmp_path, capsys):
    assert main(["--questions", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "r.json")]) == 2
    assert "cannot read questions file" in capsys.readouterr().err


def test_load_gold_ignores_unknown_fields_and_blank_lines(tmp_path):
    _write_gold(tmp_path / "g.jsonl", _gold_rows())
    (tmp_path / "g.jsonl").write_text((tmp_path / "g.jsonl").read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    items = load_gold(tmp_path / "g.jsonl")
    assert items == QUESTIONS


def test_reader_read_fn_applies_the_no_answer_threshold():
    from types import SimpleNamespace

    from eval.compare import reader_read_fn

    a = _answer(P[0], "15处")
    reader = SimpleNamespace(read=lambda q, hits, top_n: SimpleNamespace(answers=(a,), margin=float(q)))
    hits = [Hit(P[0], 1.0, 1)]
    assert reader_read_fn(reader, threshold=0.5)("0.7", hits) is a
    assert reader_read_fn(reader, threshold=0.5)("0.2", hits) is None
    assert reader_read_fn(reader)("0.2", hits) is a


def test_reader_read_fn_takes_the_real_readers_result_type():
    from types import SimpleNamespace

    from eval.compare import reader_read_fn
    from qa.reading.reader import ReadResult

    a = _answer(P[1], "37万元")
    seen = []
    reader = SimpleNamespace(read=lambda q, hits, top_n: seen.append(hits) or ReadResult((a,), 1.5))
    hits = [Hit(P[1], 0.9, 1)]
    assert reader_read_fn(reader, threshold=1.0)("问", hits) is a
    assert seen == [hits]                                    # hits, not bare passages: their scores count
    assert reader_read_fn(reader, threshold=2.0)("问", hits) is None
    empty = SimpleNamespace(read=lambda q, hits, top_n: ReadResult((), float("-inf")))
    assert reader_read_fn(empty)("问", hits) is None
