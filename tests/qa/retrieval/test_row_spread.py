"""A table's rows, one passage each and all led by its caption, do not crowd the paragraph that answers out of the
top of a ranking (`qa.retrieval.row_spread`), through a real index built from a Markdown report with a table."""
from pathlib import Path

import pytest

from embeddings.index import build_index
from embeddings.tables import is_row
from qa.retrieval.retriever import Retriever

ROWS = [("澜溪区", 21860, 702), ("桐北区", 16420, 528), ("石梁县", 11380, 364), ("鹤林县", 10270, 331),
        ("方岭县", 8270, 271), ("合计", 68200, 2196)]
REPORT = "\n\n".join([
    "# 桐川市2023年无偿献血工作报告",
    "2023年，全市无偿献血达到6.82万人次，千人口献血率从11.4‰提高到13.2‰，临床用血全部来自无偿献血。",
    "全年组织机关、企业、高校等团体献血活动386场，各区（县）献血情况见下表。",
    "| 区（县） | 献血人次（人次） | 献血量（万毫升） |\n| --- | --- | --- |\n"
    + "\n".join(f"| {n} | {a} | {b} |" for n, a, b in ROWS),
    "全年为1260名献血者及其亲属办理用血费用直接减免，减免金额达到312万元。",
])


@pytest.fixture
def retriever(tmp_path: Path, hashing_encoder):
    source = tmp_path / "桐川献血.md"
    source.write_text(REPORT, encoding="utf-8")
    build_index([source], tmp_path / "index", hashing_encoder)
    return Retriever.load(tmp_path / "index", encoder=hashing_encoder)


def test_rows_past_two_of_a_table_go_behind_the_other_passages(retriever):
    hits = retriever.search("桐川各区县团体献血活动的献血人次和献血量情况", k=5)
    rows = [h for h in hits if is_row(h.passage.text)]
    assert sum(is_row(p.text) for p in retriever.passages) == len(ROWS)  # the table is indexed row by row
    assert len([h for h in hits[:4] if is_row(h.passage.text)]) == 2
    assert any("13.2‰" in h.passage.text for h in hits) and len(rows) < len(hits)


def test_rows_alone_keep_their_order(retriever):
    every = retriever.search("各区（县）献血情况 献血人次 献血量", k=20)
    assert sum(is_row(h.passage.text) for h in every) == len(ROWS)
