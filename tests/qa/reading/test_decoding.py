"""Span decoding on hand-built logits."""
import numpy as np
import pytest

from qa.reading.decoding import Window, decode, null_score, window_spans
from qa.errors import InputError

# "[CLS] 问 [SEP] 共 建 12 处 [SEP]" over the passage "共建12处"
OFFSETS = [(0, 0), (0, 1), (0, 0), (0, 1), (1, 2), (2, 4), (4, 5), (0, 0)]
CONTEXT = [False, False, False, True, True, True, True, False]


def window(start, end, passage=0, offsets=OFFSETS, context=CONTEXT):
    return Window(passage, np.array(start, float), np.array(end, float), offsets, context)


def test_best_span_maps_tokens_to_characters():
    w = window([0, 0, 0, 0, 0, 5, 1, 0], [0, 0, 0, 0, 0, 0, 6, 0])
    best = window_spans(w)[0]
    assert (best.start, best.end) == (2, 5)
    assert "共建12处"[best.start:best.end] == "12处"
    assert best.score == 11 and best.margin == 11 - null_score(w)


def test_question_and_special_tokens_are_never_answers():
    # the question token 1 has the highest logits but is not context
    w = window([0, 9, 0, 1, 0, 0, 0, 9], [0, 9, 0, 1, 0, 0, 0, 9])
    spans = window_spans(w, top_n=10)
    assert spans and all(CONTEXT[0] is False for _ in spans)
    assert all(0 <= s.start < s.end <= 5 for s in spans)
    assert (spans[0].start, spans[0].end) == (0, 1)


def test_end_before_start_and_too_long_spans_are_dropped():
    w = window([0, 0, 0, 0, 0, 0, 9, 0], [0, 0, 0, 9, 0, 0, 0, 0])
    assert all(s.start < s.end for s in window_spans(w, top_n=20))
    long = window([0, 0, 0, 9, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 9, 0])
    # at most 2 tokens: never "共建12处" (tokens 3..6), at most e.g. "建12" (tokens 4..5)
    spans = window_spans(long, max_answer_len=2, top_n=20)
    assert spans and {(s.start, s.end) for s in spans} <= {(0, 1), (1, 2), (2, 4), (4, 5), (0, 2), (1, 4), (2, 5)}
    with pytest.raises(InputError, match="max_answer_len"):
        window_spans(long, max_answer_len=0)


def test_null_score_and_margin_say_no_answer():
    w = window([8, 0, 0, 1, 0, 0, 0, 0], [8, 0, 0, 1, 0, 0, 0, 0])
    assert null_score(w) == 16
    spans, margin = decode([w])
    assert margin == spans[0].margin == 2 - 16 < 0


def test_distinct_answers_across_overlapping_windows():
    # two windows over the same passage: the span "12" is found in both, kept once with its best margin
    w1 = window([0, 0, 0, 0, 0, 5, 0, 0], [0, 0, 0, 0, 0, 5, 0, 0])
    w2 = window([0, 0, 0, 0, 0, 7, 0, 0], [0, 0, 0, 0, 0, 7, 0, 0])
    other = window([0, 0, 0, 6, 0, 0, 0, 0], [0, 0, 0, 6, 0, 0, 0, 0], passage=1)
    spans, margin = decode([w1, w2, other], top_n=3)
    keys = [(s.passage, s.start, s.end) for s in spans]
    assert len(keys) == len(set(keys)) == 3
    assert keys[0] == (0, 2, 4) and spans[0].margin == 14 and margin == 14
    assert keys[1] == (1, 0, 1)


def test_window_without_context_decodes_nothing():
    w = window([1] * 8, [1] * 8, context=[False] * 8)
    assert decode([w]) == ([], float("-inf"))


def test_tidy_keeps_an_answer_inside_one_sentence_and_drops_unpaired_marks():
    from qa.reading.decoding import tidy

    def cut(text, span):
        i = text.index(span)
        s, e = tidy(text, i, i + len(span))
        return text[s:e]

    assert cut("创办杨伦工作室”。“最美拥军人物评选", "杨伦工作室”。“最美拥军人") == "杨伦工作室"
    assert cut("景区（武当山景区除外）", "（武当山") == "武当山"
    assert cut("共有42个。", "42个。") == "42个"
    assert cut("歌曲《红围巾》", "《红围巾》") == "《红围巾》"  # paired marks stay
    assert cut("荣获“九连冠”", "“九连冠”") == "“九连冠”"
    assert cut("。", "。") == "。"  # never empties a span
    # the corner quotes of texts in traditional usage too (a DRCD span: 「三跨一悬挑)
    assert cut("采用「三跨一悬挑」形式", "「三跨一悬挑") == "三跨一悬挑" and cut("称为「真人」的", "真人」") == "真人"
    assert cut("称为『真人』的", "『真人』") == "『真人』"


def test_tidy_drops_white_space_and_clause_marks_at_the_edges():
    from qa.reading.decoding import tidy

    def cut(text, span):
        i = text.index(span)
        s, e = tidy(text, i, i + len(span))
        return text[s:e]

    assert cut("检查组于\n7月23日到西区", "\n7月23日") == "7月23日"  # a PDF's line break before the date
    assert cut("由都阳、安定两土司合置", "、安定") == "安定"
    assert cut("《金驴记》，是第一部", "《金驴记》，") == "《金驴记》"
    assert cut("共有 42 个", " 42 个") == "42 个"  # white space inside the answer stays


def test_a_bracket_opened_inside_a_span_is_closed():
    from qa.reading.decoding import tidy

    text = "转业军官全部安置到行政（参公）编制岗位，一站式安置到位"
    start = text.index("行政")
    assert text[slice(*tidy(text, start, start + 5))] == "行政（参公）"  # the reader's 行政（参公
    assert text[slice(*tidy(text, start, start + 2))] == "行政"  # no bracket opened: as cut


def test_a_span_inside_quotation_marks_it_also_closes_takes_the_marks_around_it():
    from qa.reading.decoding import tidy

    text = "奔着实现“中国梦”和“强军梦”的目标"
    start, end = text.index("中国梦"), text.index("”的目标")
    assert text[slice(*tidy(text, start, end))] == "“中国梦”和“强军梦”"
    assert text[slice(*tidy(text, start, start + 3))] == "中国梦"  # no mark inside: as cut
