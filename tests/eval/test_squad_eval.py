"""`eval.squad`: reader-only scoring on a fake reader, and a SQuAD file turned into a collection the loader reads."""
import json

from embeddings.ingest import load_collection
from eval.squad import reader_only, write_collection
from qa.reading.reader import ReadResult
from qa.training.squad import load_squad
from qa.types import Answer

DATA = {"data": [
    {"title": "青山", "paragraphs": [
        {"context": "青山位于东部。青山的面积是527平方公里。", "qas": [
            {"id": "a1", "question": "青山的面积是多少？", "answers": [{"text": "527平方公里", "answer_start": 13}]}]},
        {"context": "青山的首府是绿水镇。", "qas": [
            {"id": "a2", "question": "首府是哪里？", "answers": [{"text": "绿水镇", "answer_start": 6}]}]}]},
    {"title": "白河", "paragraphs": [
        {"context": "白河全长约300公里，流经三省。", "qas": [
            {"id": "b1", "question": "白河有多长？", "answers": [{"text": "约300公里", "answer_start": 2}]}]}]}]}


class PrefixReader:
    """Answers the first `size` characters after the paragraph's first "是" (or nothing): a known, checkable span."""

    def __init__(self, size):
        self.size = size

    def read_batch(self, questions, passages, *, top_n=1):
        out = []
        for group in passages:
            p = group[0]
            i = p.text.find("是")
            if i < 0:
                out.append(ReadResult((), float("-inf")))
                continue
            s, e = i + 1, i + 1 + self.size
            out.append(ReadResult((Answer(p.text[s:e], 1.0, p, s, e),), 1.0))
        return out


def _file(tmp_path):
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(DATA, ensure_ascii=False), encoding="utf-8")
    return path


def test_reader_only_scores_cmrc_style(tmp_path):
    questions = load_squad(_file(tmp_path))
    report = reader_only(PrefixReader(7), questions)
    # a1: "527平方公里" exact; a2: "绿水镇。" -> EM (punctuation dropped); b1: no answer -> 0
    assert report["n"] == 3 and report["em"] == round(100 * 2 / 3, 1) and report["f1"] == report["em"]
    short = reader_only(PrefixReader(3), questions)  # "527" of "527平方公里": lcs 3, P 1, R 3/7 -> F1 0.6
    assert short["em"] == round(100 / 3, 1) and short["f1"] == round(100 * (0.6 + 1.0) / 3, 1)
    assert [item["prediction"] for item in short["items"]] == ["527", "绿水镇", ""]


def test_a_squad_file_becomes_a_collection_of_one_report_per_article(tmp_path):
    questions = load_squad(_file(tmp_path))
    folder = write_collection(questions, tmp_path / "docs")
    reports, passages = load_collection([folder])
    assert [r.title for r in reports] == ["青山", "白河"]
    # paragraphs keep their text (short ones may share a passage, as in any collection)
    joined = {r.number: r.text for r in reports}
    assert joined[1] == "青山位于东部。青山的面积是527平方公里。\n青山的首府是绿水镇。"
    assert all(p.text in joined[p.report] for p in passages)
    assert all(any(q.answers[0] in p.text for p in passages) for q in questions)


def test_qa_eval_squad_runs_the_reader_and_writes_a_report(tmp_path, capsys):
    from eval.harness import main
    from qa.training.tiny import make_tiny_reader

    path = _file(tmp_path)
    texts = [p["context"] + q["question"] + a["title"] for a in DATA["data"] for p in a["paragraphs"] for q in p["qas"]]
    reader = make_tiny_reader(tmp_path / "tiny", texts)
    out = tmp_path / "report.json"
    assert main(["--squad", str(path), "--mode", "reader", "--reader", str(reader), "--out", str(out), "--with-items"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    items = report["reader_only"]["items"]
    assert report["reader_only"]["n"] == 3 and [i["id"] for i in items] == ["a1", "a2", "b1"]
    for item, context in zip(items, ["青山位于东部。青山的面积是527平方公里。", "青山的首府是绿水镇。", "白河全长约300公里，流经三省。"]):
        assert item["prediction"] in context  # an untrained reader's span, but always cut from its own paragraph
    assert '"reader_only"' in capsys.readouterr().out


def test_a_users_minimal_questions_file_loads_with_defaults(tmp_path):
    from qa.training.gold import load_gold

    path = tmp_path / "mine.jsonl"
    path.write_text('{"question": "白河有多长？", "answers": ["约300公里"]}\n{"question": "白河有几座桥？", "answers": []}\n',
                    encoding="utf-8")
    items = load_gold(path)
    assert [(i.id, i.type, i.split, i.answerable) for i in items] == [("q1", "other", "test", True),
                                                                       ("q2", "unanswerable", "test", False)]


def test_end_to_end_indexes_the_articles_and_asks_every_question(tmp_path):
    from eval.squad import end_to_end
    from qa.settings import Settings
    from qa.training.tiny import make_tiny_reader

    questions = load_squad(_file(tmp_path))
    texts = [p["context"] + q["question"] + a["title"] for a in DATA["data"] for p in a["paragraphs"] for q in p["qas"]]
    reader = make_tiny_reader(tmp_path / "tiny", texts)
    report = end_to_end(questions, Settings(encoder="hashing-64", reader=str(reader), no_answer_threshold=-1e9),
                        workdir=tmp_path / "e2e")
    assert report["n"] == 3 and (tmp_path / "e2e" / "index" / "manifest.json").is_file()
    contexts = "".join(p["context"] for a in DATA["data"] for p in a["paragraphs"])
    assert all(item["abstained"] or item["prediction"] in contexts for item in report["items"])
    assert 0 <= report["abstain_rate"] <= 100 and report["latency_ms"]
