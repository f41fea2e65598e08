"""An answer cut from a table row names its table, row and column in every interface's citation."""
from embeddings.tables import Table, table_lines
from embeddings.types import Passage
from qa.interfaces.render import render_response
from qa.interfaces.service_models import AskResponse
from qa.types import Answer, Hit, Response
from ui.format import format_response

ROW = table_lines(Table("各区改造完成情况", (("区县", "改造小区", "受益居民"), ("柯桥区", "17个", "3200户"))))[0].strip()
P = Passage("r001-p009", 1, ROW, 0, len(ROW), subtitle="绍兴市城市更新工作报告", date="2023年5月9日", paragraph=9)


def _answer(text):
    start = ROW.index(text)
    return Answer(text, 9.0, P, start, start + len(text), confidence=0.9)


def test_a_cell_answer_is_cited_by_table_row_and_column_everywhere():
    response = Response("柯桥区改造了几个小区？", (_answer("17个"),), (Hit(P, 1.0, 1),))
    assert ROW == "各区改造完成情况｜柯桥区｜改造小区：17个；受益居民：3200户"
    assert response.to_dict()["answers"][0]["cell"] == {"table": "各区改造完成情况", "row": "柯桥区", "column": "改造小区"}
    assert "表格“各区改造完成情况”：柯桥区行 · 改造小区列" in render_response(response)
    assert "表格“各区改造完成情况”：柯桥区行 · 改造小区列" in format_response(response)
    citation = AskResponse.of(response, message="").answers[0].citation
    assert (citation.table, citation.row, citation.column) == ("各区改造完成情况", "柯桥区", "改造小区")


def test_an_answer_outside_a_table_has_no_cell():
    text = "柯桥区改造小区17个。"
    answer = Answer("17个", 9.0, Passage("p", 1, text, 0, len(text)), 7, 10)
    assert answer.cell is None and answer.to_dict()["cell"] is None
    assert AskResponse.of(Response("q", (answer,), ()), message="").answers[0].citation.table is None
