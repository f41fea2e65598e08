"""Adding and removing documents from the chat's library panel (plain functions, no browser)."""
import zipfile
from pathlib import Path

import pytest

from embeddings.index import load_index
from qa.retrieval.retriever import Retriever
from qa.settings import Settings
from tests_helpers import NEW_REPORT as REPORT
from ui.library import add_files, remove_report, upload_folder



class Holder:
    """The part of the assistant the library uses: a real retriever, reopened after each change."""

    def __init__(self, folder: Path, encoder) -> None:
        self.retriever = Retriever.load(folder, encoder=encoder, settings=Settings(quantize_queries=False))
        self.reloads = 0

    def reload_index(self) -> None:
        self.retriever.reopen()
        self.reloads += 1


@pytest.fixture
def holder(mini_index, hashing_encoder):
    return Holder(mini_index, hashing_encoder)


def _file(tmp_path: Path, name: str, text: str = REPORT) -> Path:
    path = tmp_path / "picked" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_upload_is_kept_indexed_and_served_at_once(holder, mini_index, tmp_path):
    steps = []
    outcome = add_files(holder, [_file(tmp_path, "丙区.txt")], progress=lambda f, what: steps.append(what))
    assert outcome.ok and "新报告编号 4" in outcome.message and holder.reloads == 1
    assert (upload_folder(mini_index) / "丙区.txt").read_text(encoding="utf-8") == REPORT
    assert holder.retriever.search("新建营房", 1, mode="bm25")[0].passage.report == 4
    assert steps[0] == "检查文件" and "载入新索引" in steps


def test_zip_of_reports_is_unpacked(holder, tmp_path):
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("dir/丙区.txt", REPORT)
        z.writestr("dir/丁县.txt", REPORT.replace("丙区", "丁县"))
        z.writestr("notes.bin", b"\x00\x01")  # not a report: left out
    outcome = add_files(holder, [archive])
    assert outcome.ok and "已添加 2 个文件" in outcome.message
    assert [r.number for r in holder.retriever.index.reports] == [1, 2, 3, 4, 5]


BAD_FILES = [
    ("a.exe", "MZ", "不支持的类型"),
    ("empty.txt", "", "空文件"),
    ("bad.zip", "not a zip", "文件已损坏"),
    ("broken.docx", "not a docx", "文件已损坏"),
    ("scan.pdf", "%PDF-1.4 truncated", "文件已损坏"),
]


@pytest.mark.parametrize("name, content, says", BAD_FILES)
def test_a_bad_file_is_named_and_the_others_are_added(holder, mini_index, tmp_path, name, content, says):
    outcome = add_files(holder, [_file(tmp_path, "丙区.txt"), _file(tmp_path, name, content)])
    assert outcome.ok and "已添加 1 个文件" in outcome.message and holder.reloads == 1
    assert f"跳过 1 个：{name}（{says}" in outcome.message
    assert [r.number for r in holder.retriever.index.reports] == [1, 2, 3, 4]
    kept = sorted(p.name for p in upload_folder(mini_index).rglob("*") if p.is_file())
    assert kept == ["丙区.txt"]  # the skipped file is not kept: it is no source of the index


def test_only_bad_files_change_nothing(holder, mini_index, tmp_path):
    before = (mini_index / "manifest.json").read_text()
    outcome = add_files(holder, [_file(tmp_path, name, content) for name, content, _ in BAD_FILES])
    assert not outcome.ok and outcome.message.startswith("没有添加任何文件")
    assert all(f"{name}（{says}" in outcome.message for name, _, says in BAD_FILES)
    assert (mini_index / "manifest.json").read_text() == before and holder.reloads == 0
    assert not [p for p in upload_folder(mini_index).rglob("*") if p.is_file()]  # no copy left behind


def test_same_file_twice_is_refused(holder, tmp_path):
    assert add_files(holder, [_file(tmp_path, "丙区.txt")]).ok
    again = add_files(holder, [_file(tmp_path, "丙区.txt")])
    assert not again.ok and "已在索引中" in again.message


def test_remove_a_report_keeps_its_file(holder, mini_index, tmp_path):
    add_files(holder, [_file(tmp_path, "丙区.txt")])
    outcome = remove_report(holder, 4)
    assert outcome.ok and "已删除报告 4" in outcome.message
    assert [r.number for r in load_index(mini_index).reports] == [1, 2, 3]
    assert [r.number for r in holder.retriever.index.reports] == [1, 2, 3]
    assert (upload_folder(mini_index) / "丙区.txt").exists()
    assert not remove_report(holder, None).ok and "请先选择" in remove_report(holder, None).message


def test_a_zip_that_unpacks_too_far_is_refused_before_unpacking(holder, mini_index, tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("big.txt", "w") as member:
            for _ in range(120):
                member.write(b" " * 1_000_000)
    outcome = add_files(holder, [archive, _file(tmp_path, "丙区.txt")])
    assert outcome.ok and "bomb.zip（解压后过大（120 MB，上限 100 MB））" in outcome.message
    assert not list((upload_folder(mini_index) / ".incoming").glob("*"))


def test_zip_members_too_big_or_encrypted_are_skipped_unpacked(holder, tmp_path, monkeypatch):
    import ui.library

    monkeypatch.setattr(ui.library, "MAX_FILE_BYTES", 1_000)
    archive = tmp_path / "batch.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("丙区.txt", REPORT)
        z.writestr("big.txt", "　" * 2_000)
        z.writestr("locked.txt", REPORT)
    data = bytearray(archive.read_bytes())
    for at in (i for i in range(len(data)) if data[i:i + 4] in (b"PK\x03\x04", b"PK\x01\x02")):
        name_at = at + (30 if data[at + 2] == 3 else 46)
        if data[name_at:name_at + 10] == b"locked.txt":  # mark it encrypted, as a password-protected member
            flag = at + (6 if data[at + 2] == 3 else 8)
            data[flag] |= 1
    archive.write_bytes(bytes(data))
    outcome = add_files(holder, [archive])
    assert outcome.ok and "已添加 1 个文件" in outcome.message
    assert "big.txt（文件过大" in outcome.message and "locked.txt（文件已加密，无法读取）" in outcome.message


def test_the_same_bytes_twice_in_one_upload_make_one_report(holder, mini_index, tmp_path):
    first = _file(tmp_path, "丙区.txt")
    copy = tmp_path / "other" / "丙区副本.txt"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    outcome = add_files(holder, [first, copy])
    assert outcome.ok and "已添加 1 个文件" in outcome.message
    assert "丙区副本.txt（与 丙区.txt 内容相同，已跳过）" in outcome.message
    assert [r.number for r in holder.retriever.index.reports] == [1, 2, 3, 4]
    assert sorted(p.name for p in upload_folder(mini_index).iterdir() if p.is_file()) == ["丙区.txt"]


def test_a_zip_member_packed_in_an_unknown_way_is_skipped_with_the_reason(holder, tmp_path):
    archive = tmp_path / "odd.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("丙区.txt", REPORT)
        z.writestr("odd.txt", REPORT.replace("丙区", "丁县"))
    data = bytearray(archive.read_bytes())
    for at in (i for i in range(len(data)) if data[i:i + 4] in (b"PK\x03\x04", b"PK\x01\x02")):
        local = data[at + 2] == 3
        name_at = at + (30 if local else 46)
        if data[name_at:name_at + 7] == b"odd.txt":  # compression method 97 (WavPack): zipfile cannot unpack it
            method = at + (8 if local else 10)
            data[method:method + 2] = (97).to_bytes(2, "little")
    archive.write_bytes(bytes(data))
    outcome = add_files(holder, [archive])
    assert outcome.ok and "已添加 1 个文件" in outcome.message
    assert "odd.txt（文件已损坏或压缩方式不受支持）" in outcome.message


def test_a_new_tab_sees_the_reports_added_since_start_up(holder, tmp_path):
    from ui.app import current_choices

    before = current_choices(holder)[0]["choices"]
    assert add_files(holder, [_file(tmp_path, "丙区.txt")], progress=lambda f, what: None).ok
    reports, places, summary, doomed = current_choices(holder)
    assert [n for _, n in reports["choices"]] == [n for _, n in before] + [4] and doomed["choices"] == reports["choices"]
    assert "4" in summary
