"""From files to numbered reports and their passages. A file that cannot be read is skipped with its reason;
the others are read all the same."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from embeddings.chunking import ChunkSpec, chunk_blocks
from embeddings.errors import DocumentError
from embeddings.loaders import MAX_FILE_BYTES, read_with_lines, scan_files
from embeddings.passage_pages import with_pages
from embeddings.reading import Reading
from embeddings.places import GENERIC, posseg, report_places, stem
from embeddings.reports import report_text, split_reports
from embeddings.types import Passage, Report

log = logging.getLogger(__name__)

# two-character words ending like a place name that are not one
COMMON_WORDS = set("城市 都市 市区 城区 新区 山区 社区 老区 景区 园区 郊区 矿区 牧区 营区 军区 战区 辖区 片区 小区 街区 "
                   "地区 灾区 特区 省市 县区 市县 本县 全县 我县 该县 该市 该区 本区".split())
LEADING_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,6}?[省市县区])")
UNREAD_PAGE = "扫描页无法识别文字，已略过"


@dataclass(frozen=True)
class Skipped:
    """A file left out of a collection, or with `page` (from 1) one page of a file read otherwise: why, in English
    (`reason`) and as a short Chinese phrase (`zh`)."""

    path: str
    reason: str
    zh: str
    page: int = 0

    def to_dict(self) -> dict:
        return {"path": self.path, "reason": self.reason, "zh": self.zh, **({"page": self.page} if self.page else {})}

    @property
    def where(self) -> str:
        """The file's name and the page when there is one: "scan.pdf 第2页"."""
        return f"{Path(self.path).name} 第{self.page}页" if self.page else Path(self.path).name


@dataclass(frozen=True)
class Collection:
    """The reports and passages read from some files, the files skipped, and the pages left out of files read
    (`warnings`: a scanned page OCR could not read)."""

    reports: list[Report]
    passages: list[Passage]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[Skipped, ...] = ()


def load_collection(paths: list[str | Path], *, spec: ChunkSpec = ChunkSpec()) -> tuple[list[Report], list[Passage]]:
    """Read files or folders into reports (numbered from 1 in file order) and their passages; a skipped file is
    logged as a warning (read_collection returns them)."""
    collection = read_collection(paths, spec=spec)
    for skipped in collection.skipped:
        log.warning("skipped %s: %s", skipped.path, skipped.reason)
    return collection.reports, collection.passages


def read_collection(paths: list[str | Path], *, spec: ChunkSpec = ChunkSpec(), progress: bool = False) -> Collection:
    """Read files or folders into reports and passages; a file that cannot be read (broken, a scan without
    readable text, no paragraphs) is skipped and named, and so is a scanned page OCR cannot read (in `warnings`).
    `progress`: a bar per scanned file, a step per page (tqdm). DocumentError when no file gives any passage."""
    reports: list[Report] = []
    passages: list[Passage] = []
    found = scan_files(paths)
    skipped = list(refused(found.refused))  # links out of a folder, pipes and devices, second copies
    warnings: list[Skipped] = []
    for path in found.files:
        reading = Reading(progress=progress)
        try:
            text, lines = read_with_lines(path, reading=reading)
            parsed_reports = split_reports(text, fallback_title=path.stem)
        except DocumentError as exc:
            skipped.append(Skipped(str(path), english(exc), reason_zh(exc, path)))
            log.info("skipped %s: %s", path, exc)  # the caller names it (Collection.skipped)
            continue
        before, first = len(reports), len(passages)
        for parsed in parsed_reports:
            text, spans = report_text(parsed.blocks)
            if not any(b.kind == "paragraph" for b in parsed.blocks):
                log.warning("skipping a report with no paragraphs in %s: %r", path, parsed.title)
                continue
            body = "\n".join(b.text for b in parsed.blocks if b.kind == "paragraph")
            places = named_by_file(title_places(parsed.subtitle or parsed.title, body), path.stem)
            report = Report(len(reports) + 1, parsed.title, parsed.subtitle, parsed.date, str(path), text, places)
            reports.append(report)
            passages.extend(_passages(report, chunk_blocks(parsed.blocks, spans, spec)))
        if lines:  # a PDF: each passage keeps its pages (and OCR lines), for the page view
            passages[first:] = with_pages(passages[first:], lines)
        if len(reports) == before:
            skipped.append(Skipped(str(path), f"{path} holds no paragraphs of report text", "没有正文段落"))
        else:
            warnings += [unread_page(path, page, why) for page, why in reading.unread]
    if not passages:
        raise nothing_read(paths, skipped)
    log.info("loaded %d reports, %d passages; skipped %d files and %d pages", len(reports), len(passages),
             len(skipped), len(warnings))
    return Collection(reports, passages, tuple(skipped), tuple(warnings))


def unread_page(path: Path, page: int, why: str) -> Skipped:
    """A page left out of a file that was read otherwise (OCR read nothing on it)."""
    return Skipped(str(path), f"page {page} left out: {why}", UNREAD_PAGE, page)


def nothing_read(paths: list[str | Path], skipped: list[Skipped] | tuple[Skipped, ...]) -> DocumentError:
    """The error when no file under paths gives any passage, naming each one skipped with its reason."""
    return DocumentError(f"no report text found in {', '.join(map(str, paths))}: " + _listed(skipped, "reason"),
                         zh="没有可索引的报告：" + _listed(skipped, "zh"))


def refused(files: list[tuple[Path, DocumentError]]) -> tuple[Skipped, ...]:
    """The files embeddings.safe_files.scan refused, as skipped files."""
    for path, exc in files:
        log.info("skipped %s: %s", path, exc)
    return tuple(Skipped(str(path), english(exc), reason_zh(exc, path)) for path, exc in files)


def english(exc: DocumentError) -> str:
    """The English half of a bilingual error message ("中文 / English" -> "English")."""
    text = str(exc)
    return text[len(exc.zh) + 3:] if exc.zh and text.startswith(f"{exc.zh} / ") else text


def reason_zh(exc: DocumentError, path: Path) -> str:
    """A short Chinese reason for a file that could not be read: the error's own, else from the file's size."""
    if exc.zh:
        return exc.zh
    size = path.stat().st_size if path.exists() else 0
    if size == 0:
        return "空文件"
    if size > MAX_FILE_BYTES:
        return f"文件过大（超过 {MAX_FILE_BYTES // 1_000_000} MB）"
    return "文件已损坏或无法读取"


def _listed(skipped: list[Skipped], field: str) -> str:
    """Each skipped file with its reason, for the message when nothing could be read: "a.pdf（空文件）；b.pdf（…）"
    (field "zh") or "a.pdf (file is empty: …); …" (field "reason")."""
    if field == "zh":
        return "；".join(f"{Path(s.path).name}（{s.zh}）" for s in skipped) or "文件中没有正文段落"
    return "; ".join(f"{Path(s.path).name} ({s.reason})" for s in skipped) or "the files hold no paragraphs"


def title_places(subtitle: str, body: str) -> tuple[str, ...]:
    """The report's places (embeddings.places.report_places), keeping only real place names; when jieba's
    pick from the subtitle is a common word (城市 out of 甲城市双拥工作综述), the subtitle's leading name."""
    places = [p for p in report_places(subtitle, body) if is_place_name(p)]
    leading = LEADING_PLACE.match(subtitle)
    if leading and is_place_name(leading.group(1)) and not any(p in subtitle for p in places):
        places.insert(0, leading.group(1))
    return tuple(dict.fromkeys(places))


def named_by_file(places: tuple[str, ...], file_stem: str) -> tuple[str, ...]:
    """The places, with the place a file's name starts with added after them when one of them differs from it in one
    character only: a scan's OCR misreads a place (江内市 in 江门垃圾分类扫描件.pdf), and questions name it right.

    >>> named_by_file(("江内市",), "江门垃圾分类扫描件"), named_by_file(("九江市",), "九江水利防汛")
    (('江内市', '江门市'), ('九江市',))
    >>> named_by_file(("芜湖市",), "张掖会议纪要")  # another place altogether: the file's name says nothing of it
    ('芜湖市',)
    >>> named_by_file(("芷阳市",), "茈阳民族工作扫描件"), named_by_file(("安阳市",), "安全生产报告")  # 茈阳: no word
    (('芷阳市', '茈阳市'), ('安阳市',))

    A name of the file's is a place by jieba's tag, or a name jieba's dictionary lacks (茈阳, cut 茈 + 阳: an invented
    or rare place the OCR read as the common 芷阳); a dictionary word that is no place (安全) never is.
    """
    for n in (3, 2):
        name = file_stem[:n]
        if not re.fullmatch(r"[\u4e00-\u9fff]+", name) or not (is_place_name(name) or len(list(posseg().cut(name))) > 1):
            continue
        for place in places:
            core = stem(place)
            if core != name and len(core) == len(name) and sum(a != b for a, b in zip(core, name)) == 1:
                return places + (name + place[len(core):],)
    return places


def is_place_name(name: str) -> bool:
    """Whether a name found in a title is a place: "泉州市", "和平区", "漳州" yes; "城市", "市区", "新区" no.

    A two-character name ending in 省 市 区 县 is a place unless it is a common word (jieba tags 城市 and 新区
    as places; 西区 and 沛县 are ones); any other needs jieba's place tag (泉州, 漳州 are places).
    """
    if len(name) < 2 or name in GENERIC or name in COMMON_WORDS:
        return False
    if name[-1] in "省市区县":
        return True
    return any(word == name and flag == "ns" for word, flag in posseg().cut(name))


def _passages(report: Report, chunks) -> list[Passage]:
    return [
        Passage(id=f"r{report.number:03d}-p{n:03d}", report=report.number, text=report.text[c.start:c.end],
                start=c.start, end=c.end, title=report.title, subtitle=report.subtitle, date=report.date,
                section=c.section, paragraph=c.paragraph, places=report.places, source=report.source)
        for n, c in enumerate(chunks, 1)
    ]
