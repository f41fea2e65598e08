"""The shipped corpus through the real pipeline (m3e-small; the reader where noted)."""
from pathlib import Path

import pytest

from embeddings.ingest import load_collection
from qa.settings import ROOT, Settings

CORPUS = ROOT / "data" / "corpus" / "shuangyong_2023.txt"


@pytest.fixture(scope="module")
def collection():
    return load_collection([CORPUS])


def test_compilation_has_34_dated_reports_without_toc(collection):
    reports, passages = collection
    assert len(reports) == 34 and all(r.date.startswith("2023年") for r in reports)
    assert reports[0].subtitle == "张掖市创建双拥模范城（县）工作综述" and reports[0].date == "2023年8月3日"
    assert reports[32].subtitle == "去年以来河北省双拥工作综述"
    assert not any("芜湖市双拥工作综述5" in p.text or "paidend" in p.text or p.text.strip("…") == "" for p in passages)
    assert 550 <= len(passages) <= 700


def test_place_aliases_where_subtitle_and_body_differ(collection):
    reports, _ = collection
    assert reports[7].places == ("陇东市", "庆阳")
    assert reports[29].places == ("闽南市", "漳州")
    assert reports[0].places == reports[19].places == ("张掖市",)


def test_page_break_continuations_are_joined(collection):
    _, passages = collection
    joined = next(p for p in passages if "积极投身芜湖经济和社会建设" in p.text)
    assert joined.report == 2 and "部队充分利用优势为驻地院校开展学生军训" in joined.text


@pytest.mark.real_models
def test_real_retriever_finds_the_right_report_among_look_alikes():
    from qa.retrieval.retriever import Retriever

    retriever = Retriever.load(Settings().index_dir) if (Path(Settings().index_dir) / "manifest.json").exists() \
        else pytest.skip("no index at settings.index_dir: run `make index`")
    hits = retriever.search("芜湖为部队提供了多少亩用地？", k=3)
    assert hits[0].passage.report == 2 and "527亩" in hits[0].passage.text
    only_20 = retriever.search("张掖累计为驻地部队划拨土地多少亩", k=3, reports=[20])
    assert {h.passage.report for h in only_20} == {20}
