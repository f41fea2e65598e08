"""Importable copies of fixtures' data for tests that need it at module level."""
from conftest import MINI_COMPILATION as MINI  # noqa: F401

# a one-report file to add to the mini index (report 4 once added)
NEW_REPORT = """丙区双拥工作综述
（2023年9月1日）
　　丙区为驻地部队新建营房3栋，安置退役军人就业216人。
　　丙区开展拥军优属慰问活动80余次，发放慰问金45万元。
"""


class OnePassageRetriever:
    """A retriever over one passage of one report: every query hits it (the report's places are the passage's)."""

    def __init__(self, passage):
        from types import SimpleNamespace

        from embeddings.types import Report

        self.passage, self.passages = passage, [passage]
        self.index = SimpleNamespace(reports=[Report(passage.report, "t", passage.subtitle, "", "s", passage.text,
                                                     passage.places)])

    def search_batch(self, queries, k=None, **options):
        from qa.types import Hit

        return [[Hit(self.passage, 1.0, 1)] for _ in queries]


class PoolReader:
    """A reader that cuts the same pool of (span, margin) from the passage for every question, best first; the
    reading's margin is the first's."""

    def __init__(self, passage, pool):
        self.passage, self.pool = passage, list(pool)

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        from qa.reading.reader import ReadResult
        from qa.types import Answer

        text = self.passage.text
        answers = tuple(Answer(span, margin, self.passage, text.index(span), text.index(span) + len(span),
                               reader_score=margin) for span, margin in self.pool)
        return [ReadResult(answers, self.pool[0][1]) for _ in questions]


def counting_reader(model_dir):
    """A tiny reader, warmed up, whose forward passes are counted: (reader, calls), calls[i] the rows of pass i."""
    from qa.reading.reader import Reader

    reader = Reader(model_dir, max_length=64, stride=16)
    reader.warm_up()
    real, calls = reader.runtime.logits, []
    reader.runtime.logits = lambda inputs: calls.append(inputs["input_ids"].shape[0]) or real(inputs)
    return reader, calls


def passes(model_dir, question, passages):
    """How many forward passes a tiny reader makes for `question` over `passages` read lazily (the first alone,
    the others only when it reads on)."""
    from qa.types import Hit

    reader, calls = counting_reader(model_dir)
    hits = [Hit(p, 0.03 - 0.01 * i, i + 1) for i, p in enumerate(passages)]
    reader.read_batch([question], [hits], top_n=3, read_more_below=-1e9)
    return len(calls)
