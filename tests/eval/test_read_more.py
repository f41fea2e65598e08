"""eval.read_more counts the passages the reader reads, through the reader's own windowing."""
from __future__ import annotations

from eval.read_more import count_passages


class FakeReader:
    def __init__(self):
        self.calls = []

    def _windows(self, questions, passages):
        self.calls.append(len(passages))
        return ["w"] * len(passages)

    def read_batch(self, questions, passages, read_more_below=None):
        first = self._windows(questions, [p[0] for p in passages])
        unsure = [p for p in passages if read_more_below is None or len(p[0]) < read_more_below]
        more = self._windows(questions, [x for p in unsure for x in p[1:]])
        return first + more


def test_passages_are_counted_in_both_passes():
    reader = FakeReader()
    read = count_passages(reader)
    reader.read_batch(["q1", "q2"], [["long passage", "b", "c"], ["s", "b", "c"]], read_more_below=5)
    assert read == [4] and reader.calls == [2, 2]  # both first passages, then q2's two more
    reader.read_batch(["q"], [["a", "b", "c"]])
    assert read == [7]
