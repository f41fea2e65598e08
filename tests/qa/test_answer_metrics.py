"""The answer metrics shared by calibration and eval: their worked examples, and eval re-exporting them."""
import doctest

import eval.metrics
import qa.metrics


def test_docstring_examples_hold():
    result = doctest.testmod(qa.metrics)
    assert result.failed == 0 and result.attempted > 0


def test_eval_uses_the_same_functions():
    assert eval.metrics.score_answer is qa.metrics.score_answer
    assert eval.metrics.char_f1 is qa.metrics.char_f1 and eval.metrics.normalize is qa.metrics.normalize
