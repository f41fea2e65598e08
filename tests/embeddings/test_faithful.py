"""Reports come out of PDFs and Word files as they read on the page: characters, headline, date, paragraphs."""
from pathlib import Path

import pytest

from embeddings.ingest import is_place_name, load_collection
from embeddings.normalize import normalize_text
from embeddings.pdf import Line, drop_running_lines, paragraphs
from embeddings.reports import single_header
from pdf_maker import layout, pdf_bytes

HEADER = ["擦亮双拥新品牌", "泉州市双拥工作综述", "（2023年8月3日）"]
BODY = [f"泉州市坚持双拥共建，第{n}年为驻地部队划拨土地{n}00多亩，用于建设训练场地和修缮营区，投入资金{n}.6亿元完成"
        f"民兵弹药库建设，解决部队子女入学入园{n}35人，协调调动随军家属{n}8名。" for n in range(1, 13)]
# what broken PDF text layers give for 工 月 日 目 金 入 车 长 民 户
LAST = "泉州市为部队车辆维修站长期提供场地，民兵训练基地全部建成，户籍迁入、目标任务和资金全部落实到位。"
LOOK_ALIKES = dict(zip("工月日目金入车长民户", "⼯⽉⽇⽬⾦⼊⻋⻓⺠⼾"))


def test_normalize_maps_look_alikes_and_keeps_chinese_punctuation():
    assert normalize_text("⼯作⽇，⽬标⾦额⼊伍；⻋⻓⺠兵（⼾籍）") == "工作日，目标金额入伍；车长民兵（户籍）"
    assert normalize_text("１２３ＡＢ　…！？") == "123AB　…！？"
    assert normalize_text("戶籍管理工作") == "户籍管理工作"
    assert normalize_text("這是戶籍") == "這是戶籍"  # traditional text keeps its own forms


def _pdf(tmp_path: Path, body: list[str], **kwargs) -> Path:
    path = tmp_path / "quanzhou.pdf"
    path.write_bytes(pdf_bytes(layout(HEADER + body + [LAST], centered=3, **kwargs), look_alikes=LOOK_ALIKES))
    return path


def test_pdf_with_radical_look_alikes_and_running_header(tmp_path: Path):
    path = _pdf(tmp_path, BODY, header="泉州市双拥工作报告（内部资料）")
    assert path.read_bytes().count(b"beginbfchar") == 1
    reports, passages = load_collection([path])
    assert len(reports) == 1
    report = reports[0]
    assert (report.title, report.subtitle, report.date) == ("擦亮双拥新品牌", "泉州市双拥工作综述", "2023年8月3日")
    assert report.places == ("泉州市",)
    texts = [p.text for p in passages]
    assert texts == BODY + [LAST]
    assert [p.paragraph for p in passages] == list(range(1, len(BODY) + 2))
    assert not any("\n" in t or "内部资料" in t or "- 1 -" in t for t in texts)


def test_pdf_paragraph_broken_across_pages_is_one_paragraph(tmp_path: Path):
    reports, passages = load_collection([_pdf(tmp_path, BODY)])
    assert len(reports[0].text.split("\n")) == len(BODY) + 1  # every paragraph whole, page breaks or not
    assert any("入学入园1135人" in p.text or "入学入园1235人" in p.text for p in passages)


def test_running_lines_and_page_numbers_are_dropped():
    lines = [Line(page, text, 72, 300, top, top + 12) for page in (0, 1)
             for text, top in ((f"报告汇编 第{page + 1}期", 20), ("正文第一行。", 100), (f"第{page + 1}页", 820))]
    kept = drop_running_lines(lines, {0: 842, 1: 842})
    assert [line.text for line in kept] == ["正文第一行。", "正文第一行。"]


def test_lines_broken_by_the_width_are_joined_and_indents_start_paragraphs():
    lines = [Line(0, "　开头一段文字很", 96, 432, 100, 112), Line(0, "长。", 72, 96, 118, 130),
             Line(0, "第二段开始", 96, 432, 136, 148), Line(0, "继续。", 72, 108, 154, 166)]
    assert paragraphs(lines) == ["\u3000\u3000开头一段文字很长。", "\u3000\u3000第二段开始继续。"]


def test_docx_headings_from_styles_and_header_from_first_lines(tmp_path: Path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("同心共谱新华章", style="Title")
    document.add_paragraph("——泉州市双拥工作综述", style="Subtitle")
    document.add_paragraph("2023年5月9日")
    document.add_paragraph("加强组织领导", style="Heading 1")
    document.add_paragraph(BODY[0][:-1])  # no full stop: still its own paragraph
    document.add_paragraph(BODY[1])
    path = tmp_path / "r.docx"
    document.save(str(path))
    reports, passages = load_collection([path])
    assert (reports[0].title, reports[0].subtitle, reports[0].date) == ("同心共谱新华章", "泉州市双拥工作综述", "2023年5月9日")
    assert reports[0].places == ("泉州市",)
    assert [(p.section, p.paragraph, p.text) for p in passages] == [
        ("加强组织领导", 1, BODY[0][:-1]), ("加强组织领导", 2, BODY[1])]


def test_single_report_header_shapes():
    assert single_header(["年度报告", "日期：2023-08-03", "　　正文。"]) == ("年度报告", "年度报告", "2023年8月3日", ["　　正文。"])
    assert single_header(["　　只有正文，没有标题。"])[:3] == ("", "", "")


def test_title_places_must_be_place_names(tmp_path: Path):
    assert [n for n in ("泉州市", "漳州", "和平区", "西区", "沛县", "城市", "市区", "新区") if is_place_name(n)] == \
        ["泉州市", "漳州", "和平区", "西区", "沛县"]
    (tmp_path / "c.txt").write_text("城市双拥工作综述\n　　今年共建营区3处，城市面貌一新。\n", encoding="utf-8")
    reports, _ = load_collection([tmp_path / "c.txt"])
    assert reports[0].places == ()
