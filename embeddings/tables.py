"""Tables as report text: one line per data row that carries the table's title and the column headers.

Every loader reads its tables into `Table` (a title and a grid of cell texts) and writes them with
`table_lines`, in the place the table stood between the paragraphs:

    各区改造完成情况｜柯桥区｜改造小区：17个；受益居民：3200户；投资：1.2亿元

The line is indented like a body paragraph (so it is never taken for a heading), followed by a blank line (so
the paragraph after the table is not joined to the last row), and `is_row` lets the chunker keep each row a
passage of its own. `row_cells` finds the cells of such a line again by character offsets: a cell is found by
its row name and column header and cut as an answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.normalize import normalize_text

ROW_INDENT = "\u3000\u3000"  # a body paragraph's indent, as embeddings.pdf.BODY_INDENT
SEP, CELL_SEP, LABEL_SEP = "｜", "；", "："
MAX_TITLE = 40
MAX_ROW = 300  # a longer row is cut into lines below the chunker's 360 characters, each naming its row
CAPTION = re.compile(r"^\s*(?:续?表\s*[0-9一二三四五六七八九十]+(?:[-.．][0-9]+)?[\s:：.．、]*)")
LEAD_IN = re.compile(r"[，,]?\s*(?:(?:详?见|如)[下附]?表\s*\d*(?:所示)?[。：:]?|如下(?:所示)?[。：:]?|[：:])\s*$")
ROW = re.compile(r"^[^｜\n]*｜[^\n]*：")  # a title or row name, the separator, then a labelled cell
# a unit in brackets at the end of a header: "投资（亿元）", "面积（万平方米）", "长度(km)", "占比（%）"
UNIT = re.compile(r"\s*[（(]\s*(?:单位\s*[:：]\s*)?((?:[万亿千百]?(?:平方|立方)?(?:元|人次|人|户|个|公里|千米|米|亩|公顷|吨|座|处|"
                  r"所|家|项|辆|台|套|条|栋|间|张|次|千瓦时|千瓦|兆瓦|小时|天))|%|‰|km|m|kg|t)\s*[)）]\s*$")
NUMBER_HEADERS = {"", "序号", "编号", "序", "No.", "No", "NO", "NO.", "#"}
NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
WRAP = re.compile(r"\s*\n\s*")
CELL = re.compile(r"(?:(?<=｜)|；)([^；：｜\n]{1,30})：")


@dataclass(frozen=True)
class Table:
    """A table as read from a file: its title and a grid of rows (header rows first).

    `rows[i][j]` is the text of cell (i, j); a cell covered by a merged cell to its left is None, a cell
    covered by a merged cell above repeats that cell's text (so each row names itself). `header_rows` None:
    guessed (`header_depth`).
    """

    title: str
    rows: tuple[tuple[str | None, ...], ...]
    header_rows: int | None = None


@dataclass(frozen=True)
class RowCell:
    """One labelled cell found in a row line: its column label and the value's character offsets."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class TableCell:
    """Where an answer sits in a table: the table's title, the row's name and the column's label."""

    table: str
    row: str
    column: str


def table_lines(table: Table) -> list[str]:
    """The table as report lines: one indented line per data row, then a blank line.

    A one-column table is a list of paragraphs; a table of a single row has no header to label its cells.
    """
    rows = [row for row in table.rows if any(_clean(c) for c in row)]
    if not rows:
        return []
    if max(len(r) for r in rows) == 1:
        return [ROW_INDENT + _clean(r[0]) for r in rows if _clean(r[0])] + [""]
    title, rows = _title_rows(table.title, rows)
    depth = header_depth(rows) if table.header_rows is None else table.header_rows
    depth = depth if len(rows) > depth else 0
    labels = column_labels(rows[:depth], max(len(r) for r in rows))
    labels, body = _without_numbers(labels, rows[depth:])
    return [ROW_INDENT + line for row in body for line in row_lines(title, labels, row)] + [""]


def _without_numbers(labels: list[str], rows: list) -> tuple[list[str], list]:
    """Without a leading 序号 column (1, 2, 3 … under 序号, 编号 or no header), so that the row is named by the
    column after it: "表｜柯桥区｜改造小区：17个", not "表｜2｜区县：柯桥区；…"; a 合计 written across both stays
    the row's name."""
    numbers = [_clean(row[0]) for row in rows if len(row) > 1 and _clean(row[0])]
    if len(labels) <= 2 or labels[0] not in NUMBER_HEADERS or not all(n.isdigit() for n in numbers[:-1]):
        return labels, rows
    return labels[1:], [((row[1] if _clean(row[1]) else row[0]),) + tuple(row[2:]) for row in rows if len(row) > 1]


def header_depth(rows: list[tuple[str | None, ...]]) -> int:
    """How many rows head the table: 2 when the first groups columns under merged cells; 0 for two columns of
    names and values whose first row is already a value (a figure, or longer than a header); else 1.

    [("区", "2023年", None), ("区", "小区", "居民"), ("柯桥区", "17个", "3200户")] -> 2
    [("项目名称", "城东片区改造工程"), ("总投资", "1.2亿元")] -> 0
    """
    if len(rows) > 2 and None in rows[0][1:] and None not in rows[1]:
        return 2
    first = _clean(rows[0][1]) if rows and len(rows[0]) == 2 else ""
    return 0 if re.search(r"\d", first) or len(first) > 6 else 1


def _title_rows(title: str, rows: list) -> tuple[str, list]:
    """Leading rows that are one cell across the whole table ("各区改造完成情况", "单位：万元") are the
    table's own title: they replace the title found around it."""
    own = []
    while len(rows) > 1 and len(rows[0]) > 1 and all(c is None for c in rows[0][1:]):
        own.append(_clean(rows[0][0]))
        rows = rows[1:]
    return (" ".join(own) if own else title), rows


def column_labels(header: list[tuple[str | None, ...]], width: int) -> list[str]:
    """Each column's label from the header rows, top to bottom, merged header cells spread over their columns.

    [("区县", "2023年", None), ("区县", "小区", "居民")] -> ["区县", "2023年小区", "2023年居民"]
    """
    labels = [[] for _ in range(width)]
    for row in header:
        spread = _spread(row, width)
        for j, text in enumerate(spread):
            if text and (not labels[j] or labels[j][-1] != text):
                labels[j].append(text)
    return ["".join(parts) for parts in labels]


def row_line(title: str, labels: list[str], row: tuple[str | None, ...]) -> str:
    """One data row as text: title｜row name｜label：value；… (empty cells left out).

    ("改造情况", ["区", "小区", "居民"], ("柯桥区", "17个", "3200户")) -> "改造情况｜柯桥区｜小区：17个；居民：3200户"
    """
    return row_lines(title, labels, row, max_chars=1 << 30)[0]


def row_lines(title: str, labels: list[str], row: tuple[str | None, ...], *, max_chars: int = MAX_ROW) -> list[str]:
    """One data row as one line, or as several when it is longer than max_chars: each carries the title and the
    row name and some of the cells, so that every passage cut from the row still names its row and columns."""
    name = _clean(row[0])
    cells = []
    for j, k in _spans(row):
        if j == 0 or not _clean(row[j]):
            continue
        label = "、".join(dict.fromkeys(lab for lab in labels[j:k] if lab))
        cells.append(cell_text(label, _clean(row[j])))
    head = SEP.join(part for part in (title, name) if part)
    if not cells:
        return [head]
    groups: list[list[str]] = [[]]
    for cell in cells:
        if groups[-1] and len(head) + 1 + len(CELL_SEP.join(groups[-1] + [cell])) > max_chars:
            groups.append([])
        groups[-1].append(cell)
    return [SEP.join(part for part in (head, CELL_SEP.join(group)) if part) for group in groups]


def cell_text(label: str, value: str) -> str:
    """A labelled cell; a number under a header that names its unit takes the unit, so that an answer cut from
    the row reads whole: ("投资（亿元）", "1.65") -> "投资：1.65亿元", ("满意度（%）", "92.8") -> "满意度：92.8%"."""
    if not label:
        return value
    label = normalize_text(label)  # a PDF's ⾥ is 里 only once normalised
    unit = UNIT.search(label)
    if unit and NUMBER.match(value):
        return f"{label[:unit.start()]}{LABEL_SEP}{value}{unit.group(1)}"
    return f"{label}{LABEL_SEP}{value}"


def table_title(*, caption: str = "", before: str = "", heading: str = "") -> str:
    """The title a table's rows carry: its caption, else the paragraph that leads into it, else the heading.

    caption "表1 各区改造完成情况" -> "各区改造完成情况"; before "各区、县（市）改造完成情况见下表。" ->
    "各区、县（市）改造完成情况"; a long paragraph before the table is not a title, the heading above it is.
    """
    caption, before = (normalize_text(text).strip().lstrip("#").strip() for text in (caption, before))
    heading = normalize_text(heading)
    if caption or is_caption(before):
        return _clean(CAPTION.sub("", caption or before))
    lead = LEAD_IN.sub("", before)
    lead = re.split(r"[。！？；]", lead)[-1].strip()  # the lead-in's own sentence
    if lead != before and 0 < len(lead) <= MAX_TITLE:
        return _clean(lead)
    return _clean(heading.strip().lstrip("#").strip())


def is_caption(text: str) -> bool:
    """Whether a paragraph is a table caption ("表1 各区改造完成情况", "续表2")."""
    return bool(CAPTION.match(text)) and len(text.strip()) <= MAX_TITLE + 6


def is_row(text: str) -> bool:
    """Whether a paragraph is a table row line written by `table_lines` ("标题｜柯桥区｜改造小区：17个")."""
    return bool(ROW.match(text.strip()))


def row_cells(text: str) -> list[RowCell]:
    """The labelled cells of a row line, each value's offsets in `text`.

    "表｜柯桥区｜小区：17个；居民：3200户" -> [RowCell("小区", 9, 12), RowCell("居民", 16, 21)]
    """
    body = text.rfind(SEP) + 1
    found = list(CELL.finditer(text, body))
    cells = []
    for n, match in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(text)
        cells.append(RowCell(match.group(1), match.end(), end))
    return cells


def cell_at(text: str, start: int, end: int) -> TableCell | None:
    """The table cell of a row line that holds text[start:end], for a citation; None outside a row's cells.

    ("表｜柯桥区｜小区：17个；居民：3200户", 9, 12) -> TableCell("表", "柯桥区", "小区")
    """
    if not is_row(text):
        return None
    title, row = row_head(text)
    for cell in row_cells(text):
        if cell.start <= start and end <= cell.end:
            return TableCell(title, row, cell.label)
    return None


def row_head(text: str) -> tuple[str, str]:
    """A row line's table title and row name (the text before its cells).

    row_head("表｜柯桥区｜小区：17个") -> ("表", "柯桥区")
    """
    head = text[:text.rfind(SEP)].split(SEP)
    return SEP.join(head[:-1]), head[-1]


def from_spans(rows: list[list[tuple[str, int, int]]]) -> tuple[tuple[str | None, ...], ...]:
    """A grid from rows of (text, colspan, rowspan) cells, as HTML gives them: spans filled the Table way.

    [[("区", 1, 2), ("2023年", 2, 1)], [("小区", 1, 1), ("居民", 1, 1)]]
    -> (("区", "2023年", None), ("区", "小区", "居民"))
    """
    grid: dict[tuple[int, int], str | None] = {}
    for i, row in enumerate(rows):
        j = 0
        for text, colspan, rowspan in row:
            while (i, j) in grid:
                j += 1
            for di in range(max(rowspan, 1)):
                for dj in range(max(colspan, 1)):
                    grid[(i + di, j + dj)] = text if dj == 0 else None
            j += max(colspan, 1)
    height = max((i for i, _ in grid), default=-1) + 1
    width = max((j for _, j in grid), default=-1) + 1
    return tuple(tuple(grid.get((i, j), "") for j in range(width)) for i in range(height))


def _spans(row: tuple[str | None, ...]) -> list[tuple[int, int]]:
    """(first, end) column of each cell of a row, a merged cell spanning the None columns after it."""
    spans: list[list[int]] = []
    for j, cell in enumerate(row):
        if cell is None and spans:
            spans[-1][1] = j + 1
        else:
            spans.append([j, j + 1])
    return [(j, k) for j, k in spans]


def _spread(row: tuple[str | None, ...], width: int) -> list[str]:
    """A header row with each merged cell's text repeated over the columns it covers."""
    out: list[str] = []
    for j in range(width):
        cell = row[j] if j < len(row) else ""
        out.append(out[-1] if cell is None and out else _clean(cell))
    return out


def _clean(text: str | None) -> str:
    """A cell's text on one line, a line wrapped inside Chinese text joined without a space; a row line's
    separator inside a cell becomes a plain slash. "新铺供水\n管网 (km)\nA" -> "新铺供水管网 (km) A"."""
    text = WRAP.sub(lambda m: "" if _cjk(m.string[m.start() - 1]) and _cjk(m.string[m.end()]) else " ",
                    (text or "").strip())
    return text.replace(SEP, "/")


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u2e80" <= ch <= "\u2fdf"
