"""PDF decompression bombs and their kin are refused before pdfminer unpacks them: a content stream of 400 MB in
400 KB, 20,000 pages, a page 200,000 points wide (hostile sweep, files family; the leftover of issue 22)."""
import time
from pathlib import Path

import pytest

from embeddings.errors import DocumentError
from embeddings.ingest import read_collection
from embeddings.safe_pdf import MAX_PAGES, check_pdf
from eval.hostile import makers


@pytest.mark.parametrize("name, data, reason", [
    ("bomb.pdf", lambda: makers.pdf_big_stream(100 << 20), "解压后过大"),
    ("pages.pdf", lambda: makers.pdf_pages(MAX_PAGES + 1), "页数过多"),
    ("wide.pdf", lambda: makers.pdf_image(10, 10, media=b"[0 0 200000 800]"), "页面尺寸过大"),
    ("content.pdf", lambda: makers.pdf_pages(600, b"BT /F1 1 Tf (x) Tj ET " * 5000), "页面内容解压后过大"),
])
def test_a_pdf_that_unpacks_to_too_much_is_refused_at_once(tmp_path: Path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data())
    started = time.perf_counter()
    with pytest.raises(DocumentError, match=reason):
        check_pdf(path)
    assert time.perf_counter() - started < 10
    collection_error = pytest.raises(DocumentError, match=reason)
    with collection_error:  # through ingestion: the file is named as skipped with that reason
        read_collection([path])


@pytest.mark.parametrize("data", [lambda: makers.pdf_pages(300), lambda: makers.pdf_many_objects(20_000),
                                  lambda: makers.pdf_page_loop(), lambda: b"%PDF-1.7\n"])
def test_long_odd_or_broken_pdfs_pass_the_check(tmp_path: Path, data):
    path = tmp_path / "ok.pdf"
    path.write_bytes(data())
    check_pdf(path)  # a broken one is the reader's to name
