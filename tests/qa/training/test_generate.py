"""Training data generation on a small made-up Chinese paragraph."""
import random

import pytest

from embeddings.types import Passage
from qa.errors import InputError
from qa.training.candidates import find_candidates
from qa.training.generate import Example, deleted, generate, parse_reports, sentences
from qa.training.questions import make_question, short_place

TEXT_A = ("近年来，我市累计为驻地部队划拨土地527亩，投入资金226.26万元，共建双拥示范街道3处。"
          "2022年8月，市委出台《青山市双拥工作实施意见》，1359人参加“最美退役军人”评选，参评比例达46.9%。")
TEXT_B = "我县组织慰问官兵12次，帮助18名军人家属就业，建成退役军人服务站5个。"
PASSAGES = [Passage("r001-p001", 1, TEXT_A, 0, len(TEXT_A), subtitle="青山市双拥工作综述", places=("青山市",)),
            Passage("r002-p001", 2, TEXT_B, 0, len(TEXT_B), subtitle="绿水县双拥工作综述", places=("绿水县",))]


def spans(sentence):
    return {sentence[c.start:c.end]: (c.kind, c.ask) for c in find_candidates(sentence)}


def test_candidates_cover_numbers_dates_titles_and_quotes():
    found = spans(TEXT_A)
    assert found["527亩"] == ("number", "多少亩")
    assert found["226.26万元"][0] == "money"
    assert found["3处"] == ("count", "几处")
    assert found["1359人"] == ("count", "多少人")
    assert found["46.9%"][0] == "percent"
    assert found["2022年8月"] == ("date", "什么时候")
    assert "青山市双拥工作实施意见" in found and "最美退役军人" in found


def test_question_replaces_the_span_and_names_the_place():
    sentence = "近年来，我市累计为驻地部队划拨土地527亩，投入资金226.26万元"
    cand = next(c for c in find_candidates(sentence) if sentence[c.start:c.end] == "527亩")
    questions = {make_question(sentence, cand, place="青山市", subtitle="青山市双拥工作综述", rng=random.Random(s))
                 for s in range(30)}
    assert all(q.endswith("？") and "527" not in q and "多少亩" in q for q in questions)
    assert all("我市" not in q for q in questions)
    assert sum("青山" in q for q in questions) >= 20  # the place is named (or the report) most of the time
    assert len(questions) >= 5 and not any(q == sentence + "？" for q in questions)  # varied, not copies
    assert short_place("青山市") == "青山" and short_place("沙市") == "沙市"


def test_generate_is_deterministic_and_offsets_hold():
    a = generate(PASSAGES, n=40, seed=3)
    assert a == generate(PASSAGES, n=40, seed=3) and a != generate(PASSAGES, n=40, seed=4)
    for e in a:
        if e.answer:
            assert e.context[e.answer_start:e.answer_start + len(e.answer)] == e.answer
            assert e.answer not in e.question
        else:
            assert e.answer_start == -1
    negatives = [e for e in a if not e.answer]
    assert negatives and all(e.kind == "none" for e in negatives)


def test_negatives_pair_the_question_with_a_passage_lacking_the_answer():
    for e in generate(PASSAGES, n=60, seed=1, negative_rate=0.5):
        if not e.answer:
            pos_id = e.id.removesuffix("-neg")
            assert e.passage_id != pos_id.rsplit("-q", 1)[0]


def test_deleted_negatives_keep_the_passage_minus_the_answer_sentence():
    start = TEXT_A.index("527亩")
    example = Example("x-q0", "我市为驻地部队划拨了多少亩土地？", "r001-p001", 1, "", TEXT_A, "527亩", start, "number")
    neg = deleted(example)
    first_sentence = TEXT_A[:TEXT_A.index("。") + 1]
    assert neg.answer == "" and neg.answer_start == -1 and neg.question == example.question
    assert neg.context == TEXT_A[len(first_sentence):len(first_sentence) + 80]  # what follows the cut sentence
    assert "527亩" not in neg.context and "1359人" in neg.context
    # the answer also stands in another sentence: cutting one does not make the passage unanswerable
    twice = TEXT_A + "今年又划拨527亩。"
    assert deleted(Example("x-q1", "q", "p", 1, "", twice, "527亩", start, "number")) is None


def test_deletion_rate_mixes_deleted_negatives_in():
    made = generate(PASSAGES, n=60, seed=2, negative_rate=0.5, deletion_rate=1.0)
    cut = [e for e in made if e.id.endswith("-del")]
    assert cut and all(not e.answer and e.passage_id in {p.id for p in PASSAGES} for e in cut)
    assert generate(PASSAGES, n=60, seed=2, negative_rate=0.5) == generate(PASSAGES, n=60, seed=2,
                                                                           negative_rate=0.5, deletion_rate=0.0)
    assert not [e for e in generate(PASSAGES, n=60, seed=2, negative_rate=0.5) if e.id.endswith("-del")]
    with pytest.raises(InputError, match="deletion_rate"):
        generate(PASSAGES, n=10, deletion_rate=1.5)


def test_exclude_reports():
    assert parse_reports("25-27,30") == {25, 26, 27, 30} and parse_reports("") == set()
    with pytest.raises(InputError, match="25-34"):
        parse_reports("a-b")
    assert {e.report for e in generate(PASSAGES, n=20, seed=1, exclude={2}, negative_rate=0.0)} == {1}
    with pytest.raises(InputError, match="excluding"):
        generate(PASSAGES, n=20, exclude={1, 2})


def test_sentences_keep_offsets():
    assert [(o, s) for o, s in sentences("共建示范街道12处。慰问官兵3次。")] == [(0, "共建示范街道12处。"), (10, "慰问官兵3次。")]


def test_person_candidates_need_a_surname_and_a_role_word():
    sentence = "市退役军人事务局为勇救落水儿童的退役军人周吉成送上慰问金，荣誉墙前许昌市民合影。"
    people = [sentence[c.start:c.end] for c in find_candidates(sentence) if c.kind == "person"]
    assert people == ["周吉成"]
    assert all(c.ask == "谁" for c in find_candidates(sentence) if c.kind == "person")


def test_generated_person_question_asks_who():
    passage = Passage("r01-p001", 1, "近日，市退役军人事务局局长张军走访慰问了老兵郭志社，送上慰问金。", 0, 33,
                      subtitle="某市双拥工作综述", places=("某市",))
    examples = generate([passage], n=40, seed=3, negative_rate=0.0)
    people = [e for e in examples if e.kind == "person"]
    assert people, "no person question generated"
    for e in people:
        assert "谁" in e.question and e.answer in ("张军", "郭志社")
        assert e.context[e.answer_start:e.answer_start + len(e.answer)] == e.answer
