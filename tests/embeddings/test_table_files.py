"""Tables read from real .docx, .md and .pdf files: rows where the table stood, cells cut by offsets."""
from pathlib import Path

import pytest

from embeddings.ingest import load_collection
from embeddings.loaders import read_text
from embeddings.tables import is_row, row_cells

from table_data import DISTRICTS, HEADER, KEQIAO, TOTAL  # noqa: F401


def make_docx(path: Path) -> Path:
    """A report with a Word table: a header row, five districts and a total row whose last two cells are merged."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("绍兴市城市更新工作报告")
    document.add_paragraph("2023年5月9日")
    document.add_heading("一、老旧小区改造", level=1)
    document.add_paragraph("全年改造老旧小区55个。各区、县（市）改造完成情况见下表。")
    rows = [HEADER, *DISTRICTS, TOTAL]
    table = document.add_table(rows=len(rows), cols=len(HEADER))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    table.cell(len(rows) - 1, 2).merge(table.cell(len(rows) - 1, 3)).text = "9500户，4.0亿元"
    document.add_paragraph("下一步，我市将继续推进老旧小区改造，让更多居民受益。")
    document.save(str(path))
    return path


def test_docx_table_rows_stand_between_the_paragraphs(tmp_path: Path):
    lines = read_text(make_docx(tmp_path / "r.docx")).split("\n")
    at = lines.index("\u3000\u3000" + KEQIAO)
    assert lines[at - 2].endswith("见下表。") and lines[at - 1].endswith("｜越城区｜改造小区：12个；受益居民：2100户；投资：0.8亿元")
    assert lines[at + 4] == "\u3000\u3000各区、县（市）改造完成情况｜合计｜改造小区：55个；受益居民、投资：9500户，4.0亿元"
    assert lines[at + 5] == "" and lines[at + 6].endswith("让更多居民受益。")
    reports, passages = load_collection([tmp_path / "r.docx"])
    assert reports[0].title == "绍兴市城市更新工作报告" and reports[0].date == "2023年5月9日"
    assert [p.text for p in passages if "｜" in p.text][1] == KEQIAO
    assert len(passages) == 1 + 6 + 1 and all(p.section == "一、老旧小区改造" for p in passages)


def test_docx_vertical_merges_repeat_and_nested_tables_follow_their_row(tmp_path: Path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("表3 各片区项目")
    table = document.add_table(rows=3, cols=3)
    for i, row in enumerate([("片区", "项目", "进度"), ("城东", "道路", "完工"), ("", "管网", "在建")]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    inner = table.cell(1, 2).add_table(rows=2, cols=2)
    for i, row in enumerate([("标段", "长度"), ("一标", "3公里")]):
        for j, value in enumerate(row):
            inner.cell(i, j).text = value
    document.save(str(tmp_path / "n.docx"))
    lines = [line.strip() for line in read_text(tmp_path / "n.docx").split("\n") if line.strip()]
    assert lines == ["表3 各片区项目", "各片区项目｜城东｜项目：道路；进度：完工", "各片区项目｜城东｜项目：管网；进度：在建",
                     "各片区项目｜城东｜一标｜长度：3公里"]


MARKDOWN = """# 绍兴市城市更新工作报告

2023年5月9日

## 一、老旧小区改造

全年改造老旧小区55个。各区、县（市）改造完成情况见下表。

| 区县 | 改造小区 | 受益居民 | 投资 |
|:---|---:|---|---|
{rows}
下一步继续推进。

## 二、供水管网

<table>
<caption>表2 各县新铺供水管网</caption>
<thead><tr><th rowspan="2">县</th><th colspan="2">供水管网</th></tr>
<tr><th>新铺（公里）</th><th>改造（公里）</th></tr></thead>
<tr><td>湘阴县</td><td>312</td><td>1.65</td></tr>
<tr><td>平江县</td><td>7<br>（含支线）</td><td>0.9</td></tr>
</table>

```
| 代码 | 不是表 |
|---|---|
```
"""


def make_markdown(path: Path) -> Path:
    rows = "\n".join(f"| {' | '.join(row)} |" for row in [*DISTRICTS, TOTAL]).replace("17个", "**17个**")
    path.write_text(MARKDOWN.format(rows=rows), encoding="utf-8")
    return path


def test_a_rule_under_a_line_with_a_pipe_is_no_table(tmp_path: Path):
    (tmp_path / "r.md").write_text("# 报告\n\n甲 | 乙 | 丙\n---\n\n正文第一段。\n", encoding="utf-8")
    assert "甲 | 乙 | 丙" in read_text(tmp_path / "r.md").split("\n")


def test_markdown_pipe_and_html_tables(tmp_path: Path):
    text = read_text(make_markdown(tmp_path / "r.md"))
    lines = text.split("\n")
    assert "\u3000\u3000" + KEQIAO in lines and "| 代码 | 不是表 |" in lines
    assert "\u3000\u3000各县新铺供水管网｜平江县｜供水管网新铺（公里）：7 （含支线）；供水管网改造：0.9公里" in lines
    reports, passages = load_collection([tmp_path / "r.md"])
    assert reports[0].title == "绍兴市城市更新工作报告"
    rows = [p for p in passages if is_row(p.text)]
    assert len(rows) == 8 and rows[1].text == KEQIAO and rows[-2].section == "二、供水管网"
    assert passages[passages.index(rows[5]) + 1].text == "下一步继续推进。"


def ruled_table_pdf(above: list[str], table: list[tuple[str, ...]], below: list[str], *, merge_last: bool = False) -> bytes:
    """One page: lines (indented by two characters where they start with "　　"), a table ruled with lines (the last
    row's last two cells merged when asked), more lines; built like pdf_maker's pages, with the rules drawn."""
    from pdf_maker import LEFT, PAGE_H, PAGE_W, SIZE, _stream, _to_unicode, assemble

    y, texts = 760.0, []
    for text in above:
        texts.append((LEFT + 2 * SIZE if text.startswith("　　") else LEFT, y, text.strip()))
        y -= SIZE * 1.5
    widths, row_h = [90, 110, 110, 110], SIZE * 2
    top = y + SIZE * 0.6
    xs = [LEFT + sum(widths[:j]) for j in range(len(widths) + 1)]
    rules = [f"{LEFT} {top - i * row_h:.1f} m {xs[-1]} {top - i * row_h:.1f} l S" for i in range(len(table) + 1)]
    bottom = top - len(table) * row_h
    for j, x in enumerate(xs):
        rows_ruled = len(table) - 1 if merge_last and j == len(xs) - 2 else len(table)
        rules.append(f"{x} {top:.1f} m {x} {top - rows_ruled * row_h:.1f} l S")
    for i, row in enumerate(table):
        for j, cell in enumerate(row):
            texts.append((xs[j] + 4, top - i * row_h - SIZE * 1.4, cell))
    y = bottom - SIZE * 2
    for text in below:
        texts.append((LEFT + 2 * SIZE if text.startswith("　　") else LEFT, y, text.strip()))
        y -= SIZE * 1.5
    chars = sorted({ch for _, _, text in texts for ch in text})
    code = {ch: n + 1 for n, ch in enumerate(chars)}
    content = "0.5 w\n" + "\n".join(rules) + "\n" + "".join(
        f"BT /F1 {SIZE} Tf {x:.1f} {yy:.1f} Td <{''.join(f'{code[c]:04X}' for c in t)}> Tj ET\n" for x, yy, t in texts)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [8 0 R] /Count 1 >>",
               "<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H /DescendantFonts [4 0 R] "
               "/ToUnicode 5 0 R >>",
               "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song /CIDSystemInfo << /Registry (Adobe) "
               "/Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>",
               _stream(_to_unicode({code[ch]: ch for ch in chars})),
               "<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
               "/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
               _stream(content),
               f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Contents 7 0 R "
               "/Resources << /Font << /F1 3 0 R >> >> >>"]
    return assemble(objects)


ABOVE = ["绍兴市城市更新工作报告", "2023年5月9日", "　　全年改造老旧小区55个，惠及居民9500户，完成投资4.0亿元。各区、县",
         "（市）改造完成情况见下表。"]
BELOW = ["　　下一步，我市将继续推进老旧小区改造，让更多居民受", "益。"]


def test_pdf_ruled_table_comes_back_as_rows_where_it_stood(tmp_path: Path):
    pytest.importorskip("pdfplumber")
    path = tmp_path / "r.pdf"
    path.write_bytes(ruled_table_pdf(ABOVE, [HEADER, *DISTRICTS, TOTAL], BELOW, merge_last=True))
    lines = read_text(path).split("\n")
    at = lines.index("\u3000\u3000" + KEQIAO)
    assert lines[at - 2].endswith("改造完成情况见下表。") and "越城区" in lines[at - 1]
    assert lines[at + 4].endswith("｜合计｜改造小区：55个；受益居民、投资：9500户 4.0亿元") and lines[at + 5] == ""
    assert lines[at + 6] == "\u3000\u3000下一步，我市将继续推进老旧小区改造，让更多居民受益。"
    assert not any(line.startswith(("区县", "柯桥区")) for line in lines)  # no cell is left as a line of its own
    _, passages = load_collection([path])
    assert sum(is_row(p.text) for p in passages) == 6


class CellReader:
    """A stand-in reader behind the real interface: in the best hit, the cell whose column label shares the most
    characters with the question, cut by row_cells' offsets."""

    def read_batch(self, questions, passages, *, top_n=3, read_more_below=None):
        from qa.reading.reader import ReadResult
        from qa.types import Answer

        out = []
        for question, hits in zip(questions, passages):
            passage = hits[0].passage
            cell = max(row_cells(passage.text), key=lambda c: len(set(c.label) & set(question)))
            answer = Answer(passage.text[cell.start:cell.end], 9.0, passage, cell.start, cell.end, reader_score=9.0)
            out.append(ReadResult((answer,), 9.0))
        return out


def test_a_table_question_finds_its_row_and_the_cell_is_cut_by_offsets(tmp_path: Path, hashing_encoder):
    from embeddings.index import build_index
    from qa.assistant import Assistant
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    (tmp_path / "docs").mkdir()
    make_docx(tmp_path / "docs" / "r.docx")
    make_markdown(tmp_path / "docs" / "s.md")
    index = build_index([tmp_path / "docs"], tmp_path / "index", hashing_encoder)
    retriever = Retriever.load(index, encoder=hashing_encoder)
    hits = retriever.search("柯桥区完成了几个小区的改造？", k=3)
    assert hits[0].passage.text == KEQIAO and hits[0].passage.source.endswith(("r.docx", "s.md"))
    assert "湘阴县" in retriever.search("湘阴县新铺了多少公里供水管网？", k=1)[0].passage.text
    response = Assistant(retriever, CellReader(), settings=Settings(no_answer_threshold=0.0)).ask("柯桥区完成了几个小区的改造？")
    best = response.best
    assert best.text == "17个" and best.passage.text[best.start:best.end] == "17个"
    assert best.passage.section == "一、老旧小区改造"


@pytest.mark.real_models
def test_shipped_reader_cuts_a_cell_from_its_row(tmp_path: Path):
    from qa.reading.reader import Reader
    from qa.settings import Settings

    _, passages = load_collection([make_docx(tmp_path / "r.docx")])
    rows = [p for p in passages if is_row(p.text)]
    reader = Reader(Settings().reader, max_length=192, stride=64, max_answer_len=16)
    best = reader.read("柯桥区完成了几个小区的改造？", rows).answers[0]  # among all six rows
    assert best.text == "17个" and best.passage.text[best.start:best.end] == "17个"
    # alone, as the top hit: among all rows it picks 上虞区's 1500户 (both rows read alike but for the name)
    for question, answer, name in [("越城区受益居民有多少户？", "2100户", "越城区"), ("各区合计改造了多少个老旧小区？", "55个", "合计")]:
        best = reader.read(question, [p for p in rows if f"｜{name}｜" in p.text]).answers[0]
        assert best.text == answer and best.passage.text[best.start:best.end] == answer, question


def test_a_docx_box_of_one_cell_keeps_its_paragraphs_and_tables(tmp_path: Path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "专栏1 柯桥区改造经验"
    cell.add_paragraph("柯桥区创新改造模式，居民满意度达到98%。")
    inner = cell.add_table(rows=2, cols=2)
    for i, row in enumerate([("指标", "数值"), ("满意度", "98%")]):
        for j, value in enumerate(row):
            inner.cell(i, j).text = value
    document.add_paragraph("后文继续。")
    document.save(str(tmp_path / "box.docx"))
    lines = [line for line in read_text(tmp_path / "box.docx").split("\n") if line.strip()]
    assert lines == ["专栏1 柯桥区改造经验", "\u3000\u3000柯桥区创新改造模式，居民满意度达到98%。",
                     "\u3000\u3000专栏1 柯桥区改造经验｜满意度｜数值：98%", "\u3000\u3000后文继续。"]


def test_docx_rows_marked_as_header_rows_head_the_table(tmp_path: Path):
    docx = pytest.importorskip("docx")
    from docx.oxml import OxmlElement

    document = docx.Document()
    document.add_paragraph("各县供水情况如下：")
    table = document.add_table(rows=3, cols=3)
    for i, row in enumerate([("县", "供水管网", "供水管网"), ("县", "新铺", "改造"), ("湘阴县", "210公里", "45公里")]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    for i in (0, 1):  # Word's "repeat as header row"
        table.rows[i]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.save(str(tmp_path / "h.docx"))
    assert "\u3000\u3000各县供水情况｜湘阴县｜供水管网新铺：210公里；供水管网改造：45公里" in read_text(tmp_path / "h.docx").split("\n")
