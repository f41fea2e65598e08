"""Tables in .docx, .md and .pdf files become one passage per row that carries the table's title and headers."""
import pytest

from embeddings.chunking import ChunkSpec, chunk_blocks
from embeddings.reports import Block, report_text
from embeddings.tables import (Table, TableCell, cell_at, cell_text, column_labels, from_spans, header_depth, is_row,
                               row_cells, row_lines, table_lines, table_title)

from table_data import DISTRICTS, HEADER, KEQIAO, TOTAL  # noqa: F401


def test_a_row_line_carries_title_name_and_headers_and_a_total_row_is_a_row():
    lines = table_lines(Table("各区、县（市）改造完成情况", (HEADER, *DISTRICTS, TOTAL)))
    assert lines[1] == "\u3000\u3000" + KEQIAO
    assert lines[-2].endswith("｜合计｜改造小区：55个；受益居民：9500户；投资：4.0亿元") and lines[-1] == ""
    assert len(lines) == 7 and all(is_row(line) for line in lines[:-1])


def test_merged_cells_title_rows_and_two_level_headers():
    grid = from_spans([[("2023年各县供水工程", 3, 1)], [("县", 1, 2), ("供水管网", 2, 1)],
                       [("新铺（公里）", 1, 1), ("改造（公里）", 1, 1)], [("湘阴县", 1, 1), ("312", 1, 1), ("", 1, 1)],
                       [("合计", 1, 1), ("340", 2, 1)]])
    assert grid[2] == ("县", "新铺（公里）", "改造（公里）") and grid[4] == ("合计", "340", None)
    assert header_depth(list(grid[1:])) == 2
    lines = table_lines(Table("周边的标题", grid))
    assert lines[:2] == ["\u3000\u3000" + "2023年各县供水工程｜湘阴县｜供水管网新铺：312公里",  # empty cell left out
                         "\u3000\u3000" + "2023年各县供水工程｜合计｜供水管网新铺（公里）、供水管网改造：340公里"]
    assert column_labels([("区县", "2023年", None), ("区县", "小区", "居民")], 3) == ["区县", "2023年小区", "2023年居民"]


@pytest.mark.parametrize("label,value,cell", [
    ("投资（亿元）", "1.65", "投资：1.65亿元"), ("满意度（%）", "92.8", "满意度：92.8%"), ("面积（万平方米）", "3.5", "面积：3.5万平方米"),
    ("金额（单位：万元）", "1,200", "金额：1,200万元"), ("管网（公⾥）", "7", "管网：7公里"), ("管网（公里）", "—", "管网（公里）：—"),
    ("2023年（预计）", "12", "2023年（预计）：12"), ("", "12", "12"),
])
def test_a_number_takes_the_unit_its_header_names(label, value, cell):
    assert cell_text(label, value) == cell


def test_two_columns_of_names_and_values_have_no_header():
    lines = table_lines(Table("项目概况", (("项目名称", "城东片区老旧小区改造工程"), ("总投资", "1.2亿元"), ("工期", "18个月"))))
    assert lines[:3] == ["\u3000\u3000项目概况｜项目名称｜城东片区老旧小区改造工程", "\u3000\u3000项目概况｜总投资｜1.2亿元",
                         "\u3000\u3000项目概况｜工期｜18个月"]
    assert table_lines(Table("表", (("区县", "改造小区"), ("柯桥区", "17个"))))[0] == "\u3000\u3000表｜柯桥区｜改造小区：17个"


def test_one_column_tables_are_paragraphs_and_a_lone_row_has_no_labels():
    assert table_lines(Table("标题", (("第一段。",), ("",), ("第二段。",)))) == ["\u3000\u3000第一段。", "\u3000\u3000第二段。", ""]
    assert table_lines(Table("标题", (("甲", "乙"),))) == ["\u3000\u3000标题｜甲｜乙", ""]
    assert table_lines(Table("标题", ((None, ""),))) == []


@pytest.mark.parametrize("caption,before,heading,title", [
    ("表1 各区改造完成情况", "", "", "各区改造完成情况"),
    ("", "全年改造55个。各区、县（市）改造完成情况见下表。", "一、改造", "各区、县（市）改造完成情况"),
    ("", "2023年各区改造情况如下：", "", "2023年各区改造情况"),
    ("", "续表2：各县管网", "", "各县管网"),
    ("", "全年改造老旧小区55个，惠及居民9500户，成效明显。", "一、老旧小区改造", "一、老旧小区改造"),
    ("", "", "## 二、供水", "二、供水"),
])
def test_table_title_from_caption_lead_in_or_heading(caption, before, heading, title):
    assert table_title(caption=caption, before=before, heading=heading) == title


def test_row_cells_cut_each_value_by_offsets():
    text = KEQIAO
    cells = row_cells(text)
    assert [(c.label, text[c.start:c.end]) for c in cells] == [("改造小区", "17个"), ("受益居民", "3200户"), ("投资", "1.2亿元")]
    other = "柯桥区｜负责人：张三：副区长；户数：3"
    assert [other[c.start:c.end] for c in row_cells(other)] == ["张三：副区长", "3"]
    assert not is_row("　　会议指出：要做好双拥工作。") and not row_cells("普通段落。")


def test_cell_at_names_table_row_and_column_for_a_citation():
    at = KEQIAO.index("3200户")
    assert cell_at(KEQIAO, at, at + 5) == TableCell("各区、县（市）改造完成情况", "柯桥区", "受益居民")
    assert cell_at(KEQIAO, at - 2, at + 5) is None and cell_at("柯桥区完成17个。", 5, 8) is None
    nested = "各片区项目｜城东｜一标｜长度：3公里"
    assert cell_at(nested, nested.index("3公里"), len(nested)) == TableCell("各片区项目｜城东", "一标", "长度")


def test_a_number_column_is_dropped_and_a_total_across_it_names_its_row():
    table = Table("表", (("序号", "区县", "改造小区"), ("1", "越城区", "12个"), ("2", "柯桥区", "17个"), ("合计", None, "29个")))
    assert table_lines(table) == ["\u3000\u3000表｜越城区｜改造小区：12个", "\u3000\u3000表｜柯桥区｜改造小区：17个",
                                  "\u3000\u3000表｜合计｜改造小区：29个", ""]
    years = Table("表", (("年份", "区县", "改造小区"), ("2022", "越城区", "12个")))
    assert table_lines(years)[0] == "\u3000\u3000表｜2022｜区县：越城区；改造小区：12个"


def test_a_long_row_is_cut_into_lines_that_each_name_their_row():
    labels = ["区县"] + [f"指标{n}" for n in range(12)]
    lines = table_lines(Table("表", (tuple(labels), ("柯桥区", *[f"{n}" * 30 for n in range(12)]))))[:-1]
    assert len(lines) > 1 and all(len(line) <= 302 and line.startswith("\u3000\u3000表｜柯桥区｜指标") for line in lines)
    assert "；".join(line.split("｜")[-1] for line in lines) == "；".join(f"指标{n}：{f'{n}' * 30}" for n in range(12))
    assert row_lines("表", ["区", "甲"], ("柯桥区", ""), max_chars=5) == ["表｜柯桥区"]


def test_rows_stay_passages_of_their_own():
    blocks = (Block("heading", "一、改造"), Block("paragraph", "情况见下表。"),
              *(Block("paragraph", f"改造｜{d[0]}｜小区：{d[1]}") for d in DISTRICTS[:2]), Block("paragraph", "后记。"))
    text, spans = report_text(blocks)
    chunks = chunk_blocks(blocks, spans, ChunkSpec(min_chars=40))
    assert [text[c.start:c.end] for c in chunks] == ["情况见下表。", "改造｜越城区｜小区：12个", "改造｜柯桥区｜小区：17个", "后记。"]
