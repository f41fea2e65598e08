"""OCR reports each scanned page as it goes (a tqdm bar on the terminal and in the upload panel, a log line) and
names a page it cannot read (file and page) in the index's warnings, the CLI's stderr and the upload message,
while the file's other pages are indexed. One real OCR run on a small page; the plumbing with a fake OCR."""
import logging
from pathlib import Path

import pytest

from embeddings.ingest import UNREAD_PAGE, read_collection
from embeddings.pdf_layout import Line
from qa.interfaces.cli import main

SUBTITLE, BODY = "泉州市2023年城市更新工作报告", "2023年，泉州市共改造老旧小区127个，惠及居民3.2万户。"


def _two_page_scan(path: Path, first) -> Path:
    """A scanned PDF: `first` (a PIL image) as page 1, a blank page 2."""
    from PIL import Image

    blank = Image.new("L", (first.width, first.height), 255)
    first.convert("L").save(path, "PDF", resolution=150, save_all=True, append_images=[blank])
    return path


def _fake_ocr(image, *, page: int, scale: float = 1.0) -> list[Line]:
    """Page 0 reads as a subtitle and a body paragraph; any other page reads nothing."""
    if page:
        return []
    return [Line(page, SUBTITLE, 150, 450, 40, 60, 600), Line(page, BODY[:26], 124, 500, 80, 100, 600),
            Line(page, BODY[26:], 100, 300, 104, 124, 600)]


@pytest.fixture
def fake_scan(tmp_path: Path, monkeypatch) -> Path:
    from PIL import Image

    monkeypatch.setattr("embeddings.ocr.image_lines", _fake_ocr)
    folder = tmp_path / "scans"
    folder.mkdir()
    _two_page_scan(folder / "scan.pdf", Image.new("L", (300, 200), 0))  # read by the fake
    return folder


def test_each_page_is_reported_and_the_unread_one_named(fake_scan: Path, capsys, caplog):
    with caplog.at_level(logging.INFO, logger="embeddings.ocr"):
        collection = read_collection([fake_scan], progress=True)
    assert [p.text for p in collection.passages] == [BODY]
    assert [(Path(w.path).name, w.page, w.zh) for w in collection.warnings] == [("scan.pdf", 2, UNREAD_PAGE)]
    assert collection.warnings[0].where == "scan.pdf 第2页" and collection.skipped == ()
    pages = [r.getMessage() for r in caplog.records if "OCR of scanned page" in r.getMessage()]
    assert len(pages) == 2 and "(1/2)" in pages[0] and "(2/2)" in pages[1]
    assert any("page 2: OCR read no text" in r.getMessage() for r in caplog.records)
    bar = capsys.readouterr().err
    assert "OCR scan.pdf" in bar and "2/2" in bar  # the tqdm bar the CLI shows and the upload panel tracks


def test_qa_index_names_the_page_and_strict_fails(fake_scan: Path, tmp_path: Path, capsys):
    out = tmp_path / "idx"
    assert main(["index", str(fake_scan), "--out", str(out), "--encoder", "hashing-64"]) == 0
    err = capsys.readouterr().err
    assert f"warning: {fake_scan / 'scan.pdf'}, page 2: {UNREAD_PAGE}" in err
    assert main(["index", str(fake_scan), "--out", str(out), "--encoder", "hashing-64", "--strict"]) == 1
    assert "0 file(s) and 1 page(s) skipped (--strict)" in capsys.readouterr().err


def test_the_upload_message_names_the_page(fake_scan: Path, mini_index, hashing_encoder, capsys):
    from tests.ui.test_library import Holder
    from ui.library import add_files

    outcome = add_files(Holder(mini_index, hashing_encoder), [fake_scan / "scan.pdf"])
    assert outcome.ok and "已添加 1 个文件" in outcome.message
    assert f"略过 1 页：scan.pdf 第2页（{UNREAD_PAGE}）" in outcome.message
    assert "OCR scan.pdf" in capsys.readouterr().err  # the upload panel's progress tracks this bar


@pytest.mark.ocr
def test_a_real_scan_with_a_blank_page(tmp_path: Path):
    pytest.importorskip("rapidocr_onnxruntime", reason="OCR is not installed (pip install rapidocr-onnxruntime)")
    from eval.ocr_bench import FONTS, render_page

    if not Path(FONTS["sans"]).exists():
        pytest.skip("no Chinese font to render a page with (apt-get install fonts-noto-cjk)")
    page, _ = render_page("", SUBTITLE, "", [BODY], dpi=150)
    _two_page_scan(tmp_path / "scan.pdf", page.crop((0, 0, page.width, int(page.height * 0.3))))
    collection = read_collection([tmp_path / "scan.pdf"])
    assert len(collection.passages) == 1 and "惠及居民3.2万户" in collection.passages[0].text
    assert [(w.page, w.zh) for w in collection.warnings] == [(2, UNREAD_PAGE)]
