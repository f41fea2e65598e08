"""Files read safely: regular files only, links not followed out of a folder, archives within limits, text that
reads as Chinese, each content once (issue 22, files)."""
import os
import threading
import time
import zipfile
from pathlib import Path

import pytest

from embeddings.errors import DocumentError
from embeddings.ingest import read_collection
from embeddings.loaders import find_files, read_text
from qa.interfaces.cli import main
from tests_helpers import NEW_REPORT


def _report(folder: Path, name: str = "丙区.txt", text: str = NEW_REPORT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _within(seconds: float, call):
    """call() in a thread; its result, or a failure when it has not returned in time (a hang)."""
    result: dict = {}

    def run():
        try:
            result["value"] = call()
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    if "error" in result:
        raise result["error"]
    return result["value"]


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path):
    folder = tmp_path / "reports"
    _report(folder)
    secret = _report(tmp_path / "elsewhere", "secret.txt", NEW_REPORT.replace("丙区", "机密区"))
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "secret.txt").symlink_to(secret)
    (folder / "sub").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    collection = read_collection([folder])
    assert [r.source for r in collection.reports] == [str(folder / "丙区.txt")]
    reasons = {Path(s.path).name: s for s in collection.skipped}
    assert set(reasons) == {"passwd.txt", "secret.txt", "sub"}
    assert reasons["passwd.txt"].zh == "链接指向文件夹之外，未读取" and "/etc/passwd" in reasons["passwd.txt"].reason


def test_a_link_inside_the_folder_is_read_once(tmp_path: Path):
    folder = tmp_path / "reports"
    _report(folder)
    (folder / "again.txt").symlink_to(folder / "丙区.txt")
    collection = read_collection([folder])
    assert len(collection.reports) == 1 and [Path(s.path).name for s in collection.skipped] == ["丙区.txt"]


def test_a_fifo_named_txt_is_refused_at_once(tmp_path: Path):
    folder = tmp_path / "reports"
    _report(folder)
    os.mkfifo(folder / "pipe.txt")
    collection = _within(5, lambda: read_collection([folder]))
    assert len(collection.reports) == 1
    [skipped] = collection.skipped
    assert skipped.path.endswith("pipe.txt") and "a pipe" in skipped.reason and "管道" in skipped.zh
    with pytest.raises(DocumentError, match="not a regular file"):
        _within(5, lambda: read_text(folder / "pipe.txt"))
    assert _within(5, lambda: find_files([folder / "pipe.txt", folder])) == [folder / "丙区.txt"]


def test_dev_zero_is_refused(tmp_path: Path):
    with pytest.raises(DocumentError, match="not a regular file .a character device"):
        _within(5, lambda: read_text(Path("/dev/zero")))
    with pytest.raises(DocumentError, match="no report text found.*/dev/zero.*not a regular file"):
        _within(5, lambda: read_collection(["/dev/zero"]))
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(DocumentError, match="not a regular file"):
        _within(5, lambda: read_text(link))


def _bomb_docx(path: Path, unpacked: int) -> Path:
    """A .docx whose word/document.xml unpacks to `unpacked` bytes of spaces (a few hundred KB on disk)."""
    docx = pytest.importorskip("docx")
    plain = path.with_suffix(".plain.docx")
    docx.Document().save(str(plain))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item))
        with out.open("word/document.xml", "w") as xml:
            chunk = b" " * 1_000_000
            for _ in range(unpacked // len(chunk)):
                xml.write(chunk)
    return path


def test_a_docx_that_unpacks_too_far_is_refused_before_unpacking(tmp_path: Path):
    path = _bomb_docx(tmp_path / "bomb.docx", 150_000_000)
    assert path.stat().st_size < 1_000_000
    started = time.perf_counter()
    with pytest.raises(DocumentError, match=r"unpacks to 150,\d{3},\d{3} bytes, the limit is 100,000,000") as caught:
        read_text(path)
    assert time.perf_counter() - started < 1.0 and caught.value.zh.startswith("解压后过大")


def test_a_docx_with_too_much_xml_is_refused(tmp_path: Path):
    path = _bomb_docx(tmp_path / "long.docx", 50_000_000)  # under the 100 MB in all, over the 40 MB of XML
    with pytest.raises(DocumentError, match=r"the text of .*long.docx unpacks to 50,\d{3},\d{3} bytes of XML"):
        read_text(path)


def test_a_docx_with_too_many_parts_is_refused(tmp_path: Path):
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as out:
        for n in range(2_001):
            out.writestr(f"word/media/{n}.xml", "")
    with pytest.raises(DocumentError, match="holds 2,001 files, the limit is 2,000"):
        read_text(path)


def test_big5_text_is_read_as_written(tmp_path: Path):
    text = "擦亮雙擁新品牌\n臺北區雙擁工作綜述\n（2023年9月1日）\n　　臺北區為駐地部隊新建營房3棟，安置退役軍人就業216人。\n"
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert text.encode("big5").decode("gb18030").startswith("揽獹蛮局穝珇礟")  # the title it got as GB18030
    read = read_text(path)
    assert read.startswith("擦亮雙擁新品牌") and "新建營房3棟" in read


@pytest.mark.parametrize("data", [
    bytes((0x81 + (n * 37) % 0x7E) for n in range(3000)),  # bytes that all decode as GB18030
    bytes((0xA1 + (n * 53) % 0x5E) for n in range(3000)),  # and in GB2312's rows only
])
def test_text_that_is_not_chinese_in_any_encoding_is_refused(tmp_path: Path, data: bytes):
    path = tmp_path / "garbage.txt"
    path.write_bytes(data)
    data.decode("gb18030")  # it does decode: decoding alone let it through
    with pytest.raises(DocumentError, match="garbage.txt is not UTF-8 and does not read as Chinese.*save it as UTF-8"):
        read_text(path)


def test_gb18030_reports_are_still_read(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(NEW_REPORT.encode("gb18030"))
    assert "新建营房3栋" in read_text(path)


def test_the_same_file_twice_or_the_same_bytes_twice_make_one_report(tmp_path: Path):
    path = _report(tmp_path / "a")
    twin = _report(tmp_path / "b", "副本.txt")
    collection = read_collection([path, path, tmp_path / "a", twin])
    assert [r.source for r in collection.reports] == [str(path)]
    assert [(Path(s.path).name, s.zh) for s in collection.skipped] == \
        [("丙区.txt", "与 丙区.txt 内容相同，已跳过")] * 2 + [("副本.txt", "与 丙区.txt 内容相同，已跳过")]


def test_qa_index_and_add_skip_duplicates_with_the_reason(tmp_path: Path, mini_corpus: Path, capsys):
    out = tmp_path / "idx"
    twin = mini_corpus.parent / "copy.txt"
    twin.write_bytes(mini_corpus.read_bytes())
    assert main(["index", str(mini_corpus.parent), "--out", str(out), "--encoder", "hashing-64"]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "mini.txt" in err and "内容相同" in err
    extra = _report(tmp_path / "extra")
    again = _report(tmp_path / "extra", "again.txt")
    assert main(["index", "--out", str(out), "--add", str(extra), str(again)]) == 0
    captured = capsys.readouterr()
    assert "added report(s) 4;" in captured.out and "again.txt" in captured.err and "内容相同" in captured.err


def test_links_that_loop_or_lead_nowhere_are_skipped_with_the_reason(tmp_path: Path):
    folder = tmp_path / "reports"
    _report(folder)
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop").symlink_to(folder / "loop", target_is_directory=True)
    collection = read_collection([folder])
    assert len(collection.reports) == 1
    assert {Path(s.path).name: s.zh for s in collection.skipped} == {
        "a.txt": "无法读取该文件", "b.txt": "无法读取该文件", "gone.txt": "无法读取该文件"}


def test_a_name_that_is_not_utf8_is_skipped_and_the_index_is_written(tmp_path: Path, capsys):
    folder = tmp_path / "reports"
    _report(folder)
    bad = os.path.join(os.fsencode(folder), b"\xff\xfe.txt")
    with open(bad, "wb") as handle:
        handle.write(NEW_REPORT.replace("丙区", "丁县").encode("utf-8"))
    assert main(["index", str(folder), "--out", str(tmp_path / "idx"), "--encoder", "hashing-64"]) == 0
    err = capsys.readouterr().err
    assert "\\xff\\xfe.txt: 文件名不是 UTF-8 编码：请重命名后再试" in err and "Traceback" not in err


def test_a_huge_file_is_skipped_unread(tmp_path: Path, capsys):
    folder = tmp_path / "reports"
    _report(folder)
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(8_000_000_000)  # sparse: reading it (to hash it, or as text) would take all memory
    started = time.perf_counter()
    assert main(["index", str(folder), "--out", str(tmp_path / "idx"), "--encoder", "hashing-64"]) == 0
    assert time.perf_counter() - started < 30
    assert "huge.txt: 文件过大（超过 20 MB） (" in capsys.readouterr().err


def test_utf8_with_a_damaged_byte_is_read_not_taken_for_gb18030(tmp_path: Path, caplog):
    data = bytearray((NEW_REPORT * 20).encode("utf-8"))
    data[301] = 0xFF  # one byte damaged: before, the whole file was read as GB18030 (all garbage)
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    text = read_text(path)
    assert "丙区开展拥军优属慰问活动" in text and 1 <= text.count("\ufffd") <= 3
    assert "damaged.txt: damaged UTF-8 from byte 300, 3 character(s) read as" in caplog.text


def test_mostly_ascii_gb18030_is_not_taken_for_damaged_utf8(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(("Annual report. " * 700 + "\n　　乙县为部队提供用地527亩。\n").encode("gb18030"))
    assert "乙县为部队提供用地527亩" in read_text(path)
