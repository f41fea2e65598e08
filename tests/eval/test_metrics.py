"""Metrics on hand-computed cases."""
import doctest

import pytest

import eval.metrics as metrics
from eval.metrics import (Scored, abstention, char_f1, citation_accuracy, exact_match, first_hit_rank, hit_at_k,
                          latency, mrr, normalize, qa_breakdown, retrieval_summary, score_answer)


def test_docstring_examples_hold():
    assert doctest.testmod(metrics).failed == 0


@pytest.mark.parametrize("text, expected", [
    (" 约 37万元。", "约37万元"),
    ("“张掖舰”，《报告》（一）", "张掖舰报告一"),
    ("ABC\u3000d", "abcd"),          # full-width space
    ("3.5%", "3.5%"),                # decimal point and percent carry meaning
    ("！？：；、……·", ""),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_exact_match_after_normalisation_against_any_answer():
    assert exact_match("37万元。", ["37万元", "37万"]) == 1.0
    assert exact_match(" 37 万 ", ["37万元", "37万"]) == 1.0
    assert exact_match("约37万元", ["37万元"]) == 0.0
    assert exact_match("3.5亿", ["35亿"]) == 0.0


def test_char_f1_hand_computed():
    # lcs("约37万元", "37万元") = 4: p = 4/5, r = 1 -> 8/9
    assert char_f1("约37万元", ["37万元"]) == pytest.approx(8 / 9)
    # lcs("370万", "37万") = 2 ("37"): p = 2/4, r = 2/3 -> 4/7; the other answer shares nothing
    assert char_f1("370万", ["15处", "37万"]) == pytest.approx(4 / 7)
    # best over answers: "37万元防疫物资" vs "37万元" (p 4/8, r 1 -> 2/3) beats vs "37万" (p 3/8 -> 6/11)
    assert char_f1("37万元防疫物资", ["37万", "37万元"]) == pytest.approx(2 / 3)


def test_char_f1_is_contiguous_like_cmrc_not_a_bag_of_characters():
    # a bag of characters would give p = 1, r = 2/3 -> 0.8; CMRC's longest common substring is 1 character
    assert char_f1("甲丙", ["甲乙丙"]) == pytest.approx(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))


def test_char_f1_zero_cases():
    assert char_f1("五十", ["15处"]) == 0.0
    assert char_f1("。。", ["15处"]) == 0.0


def test_score_answer_abstention_rules():
    assert score_answer(None, []) == (1.0, 1.0)
    assert score_answer("15处", []) == (0.0, 0.0)
    assert score_answer(None, ["15处"]) == (0.0, 0.0)
    em, f1 = score_answer("约37万元", ["37万元"])
    assert (em, f1) == (0.0, pytest.approx(8 / 9))


def test_abstention_precision_recall():
    # abstained on items 0, 1, 2; unanswerable are 0, 3 -> right 1: P = 1/3, R = 1/2
    out = abstention([True, True, True, False], [False, True, True, False])
    assert out["precision"] == pytest.approx(1 / 3)
    assert out["recall"] == pytest.approx(1 / 2)
    assert (out["abstained"], out["unanswerable"]) == (3, 2)


def test_abstention_empty_denominators_are_none():
    out = abstention([False, False], [True, True])
    assert out["precision"] is None and out["recall"] is None


def test_first_hit_rank_evidence_then_answers():
    texts = ["张掖市支持", "支持援助产业发展设施\n建设15处。", "共15处"]
    assert first_hit_rank(texts, "支持援助产业发展设施建设15处", ["15处"]) == 2   # line break ignored
    assert first_hit_rank(texts, "", ["15处", "十五处"]) == 2                    # no evidence: any answer
    assert first_hit_rank(texts, "别的句子", ["15处"]) is None                   # evidence given: answers not used
    assert first_hit_rank(texts, "", []) is None


def test_hit_at_k_and_mrr_hand_computed():
    ranks = [1, 2, 4, None, 15]
    assert hit_at_k(ranks) == {"hit@1": 0.2, "hit@3": 0.4, "hit@5": 0.6, "hit@10": 0.6, "hit@20": 0.8}
    assert mrr(ranks) == pytest.approx((1 + 1 / 2 + 1 / 4) / 5)
    assert mrr([11]) == 0.0
    assert mrr([]) is None
    summary = retrieval_summary(ranks)
    assert summary["n"] == 5 and summary["mrr@10"] == pytest.approx(0.35)


def test_citation_accuracy_skips_abstentions_and_items_without_gold_report():
    out = citation_accuracy([1, 20, None, 5, 3], [1, 1, 2, None, 3])
    assert out == {"accuracy": pytest.approx(2 / 3), "n": 3}
    assert citation_accuracy([None], [1]) == {"accuracy": None, "n": 0}


def test_latency_percentiles():
    out = latency([50.0, 10.0, 40.0, 20.0, 30.0])
    assert (out["p50_ms"], out["p95_ms"], out["mean_ms"]) == (30.0, 48.0, 30.0)   # p95: 40 + 0.8 * 10
    assert latency([])["p50_ms"] is None


def test_qa_breakdown_overall_answerable_type_style():
    items = [
        Scored("count", "lexical", True, False, 1.0, 1.0, 20, 1),          # right answer, wrong report
        Scored("number", "paraphrase", True, False, 0.0, 2 / 3, 1, 1),
        Scored("count", "paraphrase", True, True, 0.0, 0.0, None, 2),       # abstained on answerable
        Scored("unanswerable", "lexical", False, True, 1.0, 1.0, None, None),
        Scored("unanswerable", "paraphrase", False, False, 0.0, 0.0, 20, None),
    ]
    out = qa_breakdown(items)
    assert out["overall"]["em"] == 40.0
    assert out["overall"]["f1"] == pytest.approx(100 * (1 + 2 / 3 + 1) / 5, abs=0.01)
    assert out["answerable"]["n"] == 3 and out["answerable"]["em"] == pytest.approx(33.33)
    assert out["overall"]["abstention"]["precision"] == 0.5 and out["overall"]["abstention"]["recall"] == 0.5
    assert out["overall"]["citation"] == {"accuracy": 0.5, "n": 2}
    assert out["by_type"]["count"]["em"] == 50.0 and out["by_type"]["number"]["f1"] == pytest.approx(66.67)
    assert out["by_style"]["lexical"]["em"] == 100.0
    assert out["by_style"]["paraphrase"]["f1"] == pytest.approx(22.22)
    assert list(out["by_type"]) == ["count", "number", "unanswerable"]
