"""Tests for eval.validate: the shipped gold file is clean and each kind of defect is reported."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.validate import N_REPORTS, load_items, main, validate

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "data" / "gold.jsonl"
_PROJECT_CORPUS = ROOT / "data" / "corpus" / "shuangyong_2023.txt"
CORPUS = _PROJECT_CORPUS if _PROJECT_CORPUS.exists() else Path("/work/shared/corpus/000_dd27260898970e37.txt")

GOOD: dict[str, Any] = {
    "id": "t-1",
    "question": "芜湖给驻芜部队拿出了多少亩地用于军事设施建设？",
    "answers": ["527亩", "527"],
    "evidence": "为部队提供用地527亩保障军事设施建设",
    "report": 2,
    "type": "number",
    "style": "paraphrase",
    "split": "dev",
}
UNANSWERABLE: dict[str, Any] = {
    "id": "t-2",
    "question": "南京市获得过几次全国双拥模范城称号？",
    "answers": [],
    "evidence": "",
    "report": None,
    "type": "unanswerable",
    "style": "paraphrase",
    "split": "test",
}


def write_jsonl(path: Path, items: list[dict[str, Any]], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(item, ensure_ascii=False) for item in items] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems_for(tmp_path: Path, items: list[dict[str, Any]], extra_lines: tuple[str, ...] = ()) -> list[str]:
    return validate(write_jsonl(tmp_path / "gold.jsonl", items, extra_lines), CORPUS)


def test_real_gold_has_no_problems() -> None:
    assert validate(GOLD, CORPUS) == []


def test_real_gold_meets_coverage_requirements() -> None:
    items = load_items(GOLD)
    assert len(items) >= 230
    assert {item["report"] for item in items} >= set(range(1, N_REPORTS + 1))
    unanswerable = sum(item["type"] == "unanswerable" for item in items)
    paraphrase = sum(item["style"] == "paraphrase" for item in items)
    assert unanswerable / len(items) >= 0.10
    assert paraphrase / len(items) >= 0.35
    assert {item["split"] for item in items} == {"dev", "test"}


def test_small_good_file_passes(tmp_path: Path) -> None:
    assert problems_for(tmp_path, [GOOD, UNANSWERABLE]) == []


def test_duplicate_id_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, [GOOD, {**UNANSWERABLE, "id": GOOD["id"]}])
    assert any("duplicate id" in p for p in problems)


def test_answer_not_in_corpus_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, [{**GOOD, "answers": ["527亩", "528亩"]}])
    assert any("answer not found in corpus" in p and "528亩" in p for p in problems)


def test_first_answer_not_in_evidence_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, [{**GOOD, "answers": ["3.5亿元"]}])
    assert any("first answer" in p and "not in evidence" in p for p in problems)


def test_bad_json_line_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, [GOOD], extra_lines=('{"id": "broken", "question": ',))
    assert any("invalid JSON" in p and "line 2" in p for p in problems)


def test_evidence_not_in_corpus_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, [{**GOOD, "evidence": "为部队提供用地527亩保障营区建设"}])
    assert any("evidence not found in corpus" in p for p in problems)


def test_wrong_report_is_reported(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, [{**GOOD, "report": 3}])
    assert any("not found in report 3" in p for p in problems)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"type": "unanswerable"}, "answers given"),
        ({"answers": [], "evidence": ""}, "no answers"),
        ({"style": "fancy"}, "invalid style"),
        ({"split": "train"}, "invalid split"),
        ({"report": 35}, "not in 1..34"),
        ({"report": "2"}, "field 'report'"),
    ],
)
def test_field_and_value_problems_are_reported(tmp_path: Path, change: dict[str, Any], expected: str) -> None:
    problems = problems_for(tmp_path, [{**GOOD, **change}])
    assert any(expected in p for p in problems), problems


def test_missing_field_is_reported(tmp_path: Path) -> None:
    item = {key: value for key, value in GOOD.items() if key != "evidence"}
    assert any("missing field 'evidence'" in p for p in problems_for(tmp_path, [item]))


def test_line_breaks_and_fullwidth_spaces_are_ignored(tmp_path: Path) -> None:
    # report 4's sentence is broken across lines after "并为2022" in the raw corpus
    item = {
        **GOOD,
        "question": "海勃湾区给2022年退出现役的退役军人发了多少自主就业金？",
        "answers": ["732.95万元"],
        "evidence": "并为2022\n年退出现役的73名退役军人发放自主就业金732.95万元",
        "report": 4,
    }
    assert problems_for(tmp_path, [item]) == []


def test_main_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [GOOD, UNANSWERABLE])
    assert main([str(good), "--corpus", str(CORPUS)]) == 0
    assert "paraphrase share" in capsys.readouterr().out
    bad = write_jsonl(tmp_path / "bad.jsonl", [GOOD, GOOD])
    assert main([str(bad), "--corpus", str(CORPUS)]) == 1
    assert "duplicate id" in capsys.readouterr().out
