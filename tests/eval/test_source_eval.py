"""eval.source: which-report questions judged by the place of the best answer, or by "not found"."""
import json

import pytest

from embeddings.types import Passage
from eval.source import run
from qa.types import Answer, Response


class Says:
    """Answers 张掖市 to any question with 张掖 in it, else nothing."""

    def ask(self, question):
        if "划地" not in question:
            return Response(question, (), (), reason_code="no_source")
        passage = Passage("r001-header", 1, "张掖市双拥工作综述", 0, 0)
        return Response(question, (Answer("张掖市", 1.6, passage, 0, 3, read_by="header"),), (), kind="list")


def test_places_are_judged_by_their_stem_and_a_detail_no_report_says_by_not_found(tmp_path):
    data = tmp_path / "so.jsonl"
    rows = [{"id": "a", "question": "有份报告说给部队划地，是哪个市的？", "answers": ["张掖"]},
            {"id": "b", "question": "有份报告说给部队划地，是哪里的？", "answers": ["芜湖", "芜湖市"]},
            {"id": "c", "question": "有份报告说给军属修车，是哪里的？", "answers": []},
            {"id": "d", "question": "有份报告说给军属修车，是哪个市的？", "answers": ["通化"]}]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = run(Says(), data)
    assert [i["right"] for i in result["items"]] == [True, False, True, False]
    assert result["summary"] == {"questions": 4, "right": 2, "answerable_right": "1/3", "unanswerable_right": "1/1"}


def test_a_row_without_answers_is_named(tmp_path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"id": "a", "question": "q", "answers": "张掖"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        run(Says(), data)
