"""The SQuAD loader, the article split, the negatives and resumable training, on small files the tests make."""
import json
import random

import pytest

from qa.errors import InputError
from qa.training.squad import (deleted_evidence, load_squad, negatives, other_paragraph, part_of, positives,
                               squad_examples)

ARTICLE = {"title": "青山", "paragraphs": [
    {"context": "青山位于东部。青山的面积是527平方公里。当地盛产茶叶。",
     "qas": [{"id": "a1", "question": "青山的面积是多少？", "answers": [{"text": "527平方公里", "answer_start": 13}]},
             {"id": "a2", "question": "当地盛产什么？", "answers": [{"text": "茶叶", "answer_start": 0}]},
             {"id": "a3", "question": "青山有多少人？", "answers": [{"text": "三万人", "answer_start": 5}]}]},
    {"context": "青山的首府是绿水镇，建于1901年。", "qas": [
        {"id": "b1", "question": "首府是哪里？", "answers": [{"text": "绿水镇", "answer_start": 6}]}]}]}


def write(tmp_path, data, name="mini.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"data": data}, ensure_ascii=False), encoding="utf-8")
    return path


def test_loader_keeps_spans_true_finds_misplaced_answers_and_drops_absent_ones(tmp_path):
    questions = load_squad(write(tmp_path, [ARTICLE]))
    assert [q.id for q in questions] == ["a1", "a2", "b1"]  # a3's answer is not in its paragraph
    for q in questions:
        assert q.context[q.answer_start:q.answer_start + len(q.answers[0])] == q.answers[0]
    assert questions[1].answer_start == questions[1].context.index("茶叶")  # answer_start 0 was wrong
    assert {q.paragraph for q in questions} == {"mini:0", "mini:1"}


def test_bad_files_get_errors_that_name_them(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_squad(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        load_squad(bad)
    with pytest.raises(InputError, match="part must be"):
        load_squad(write(tmp_path, [ARTICLE]), part="test")


def test_split_by_title_is_stable_and_whole_articles_stay_together(tmp_path):
    titles = [f"条目{i}" for i in range(600)]
    parts = [part_of(t) for t in titles]
    assert parts == [part_of(t) for t in titles]
    share = {p: parts.count(p) / len(parts) for p in ("heldout", "dev", "train")}
    assert 0.25 < share["heldout"] < 0.42 and 0.03 < share["dev"] < 0.15 and share["train"] > 0.45
    data = [{**ARTICLE, "title": t} for t in titles[:24]]
    path = write(tmp_path, data)
    held = load_squad(path, part="heldout")
    train = load_squad(path, part="train")
    assert held and train and not {q.title for q in held} & {q.title for q in train}


def test_negatives_never_hold_an_answer(tmp_path):
    questions = load_squad(write(tmp_path, [ARTICLE]))
    deleted = deleted_evidence(questions[0])
    assert deleted.answer == "" and "527" not in deleted.context and "茶叶" in deleted.context
    paragraphs = {q.paragraph: q.context for q in questions}
    other = other_paragraph(questions[0], paragraphs, random.Random(0))
    assert other.context == ARTICLE["paragraphs"][1]["context"] and other.answer_start == -1
    negs = negatives(questions, rate=1.0, rng=random.Random(1))
    assert len(negs) == 3 and all(not any(a in n.context for a in q.answers) for q in questions
                                  for n in negs if n.question == q.question)
    pos = positives(questions)
    assert all(e.context[e.answer_start:e.answer_start + len(e.answer)] == e.answer for e in pos)
    assert pos[0].header == "青山："


def test_squad_examples_take_one_part_only(tmp_path):
    titles = [f"条目{i}" for i in range(40)]
    path = write(tmp_path, [{**ARTICLE, "title": t} for t in titles])
    examples = squad_examples([path], negative_rate=0.5, seed=3, part="train")
    train_titles = {t for t in titles if part_of(t) == "train"}
    assert examples and {e.header.rstrip("：") for e in examples} <= train_titles
    assert any(not e.answer for e in examples) and any(e.answer for e in examples)
