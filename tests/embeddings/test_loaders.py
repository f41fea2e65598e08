from pathlib import Path

import pytest

from embeddings.errors import DocumentError
from embeddings.ingest import load_collection
from embeddings.loaders import find_files, read_text
from pdf_maker import assemble


def _pdf_bytes(lines: list[str]) -> bytes:
    """A minimal one-page PDF (Helvetica, ASCII text) with a correct xref table."""
    stream = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return assemble(objects)


def test_txt_and_md(tmp_path: Path):
    (tmp_path / "a.txt").write_text("　　今年共建营区3处。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# 标题\n\n投入资金20万元。\n", encoding="utf-8")
    reports, passages = load_collection([tmp_path])
    assert [r.title for r in reports] == ["a", "标题"]
    assert [p.text for p in passages] == ["今年共建营区3处。", "投入资金20万元。"]


def test_gb18030_text_is_decoded(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("　　乙县为部队提供用地527亩。".encode("gb18030"))
    assert "527亩" in read_text(path)


def test_docx(tmp_path: Path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("甲城市双拥工作综述")
    document.add_paragraph("甲城市为驻地部队划拨土地2000多亩，投入资金1.6亿元。")
    path = tmp_path / "r.docx"
    document.save(str(path))
    reports, passages = load_collection([path])
    assert reports[0].title == "甲城市双拥工作综述"
    assert passages[0].text == "甲城市为驻地部队划拨土地2000多亩，投入资金1.6亿元。"


def test_pdf(tmp_path: Path):
    pytest.importorskip("pdfplumber")
    path = tmp_path / "r.pdf"
    path.write_bytes(_pdf_bytes(["Annual report", "The county built 3 barracks in 2022."]))
    text = read_text(path)
    assert "built 3 barracks" in text
    _, passages = load_collection([path])
    assert any("3 barracks" in p.text for p in passages)


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"   \n", "empty"),
    ("bin.txt", b"\x00\x01\x02binary", "binary"),
    ("broken.docx", b"not a zip", "Word"),
    ("broken.pdf", b"not a pdf", "PDF"),
])
def test_bad_files_get_clear_errors(tmp_path: Path, name: str, content: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        read_text(path)


def test_paths_are_checked(tmp_path: Path):
    with pytest.raises(DocumentError, match="path not found"):
        find_files([tmp_path / "nope.txt"])
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(DocumentError, match="unsupported file type '.csv'"):
        find_files([tmp_path / "x.csv"])
    with pytest.raises(DocumentError, match="no reports in folder"):
        find_files([tmp_path])
