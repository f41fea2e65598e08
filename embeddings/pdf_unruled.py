"""Tables without rules on a PDF page, found from the words' positions: three or more lines in a row whose words
fall into the same columns, with short texts (cells, not prose) and no bullets down the first column.

A browser prints an HTML table without borders this way, and so does a Word table whose borders are off. The
first row is the header. Lines set closer than the rows are the wrapped lines of one row (a name that wraps, a
header in two lines): their words join column by column.
"""
from __future__ import annotations

import re
from statistics import median

MIN_ROWS = 3
MAX_CELL = 12
CHINESE = re.compile(r"[\u4e00-\u9fff]")
BULLET = re.compile(r"^(?:[•·●○■□◆◇▪▫‣⁃*>\-–—]|\d{1,2}[.)、]?|[（(]\d{1,2}[)）]|[\u2460-\u24ff]|[一二三四五六七八九十]+、)$")
GAP = 0.4  # words this many characters apart (or more) may be in different cells; the columns decide


def unruled_tables(words: list[dict], *, skip: list[tuple[float, float, float, float]] = ()
                   ) -> list[tuple[tuple[float, float, float, float], tuple[tuple[str, ...], ...]]]:
    """(box, rows) of each table without rules among a page's words (pdfplumber's extract_words), outside the
    boxes in `skip` (the ruled tables)."""
    words = [w for w in words if not any(b[1] - 1 <= (w["top"] + w["bottom"]) / 2 <= b[3] + 1 for b in skip)]
    lines = _lines(words)
    if not lines:
        return []
    char = median((w["x1"] - w["x0"]) / max(len(w["text"]), 1) for line in lines for w in line)
    height = median(line[0]["bottom"] - line[0]["top"] for line in lines)
    found = []
    for run in _runs(lines, char, height):
        columns = _columns(run)
        if len(columns) < 2 or sum(len({_column(w, columns) for w in line}) >= 2 for line in run) < MIN_ROWS:
            continue
        rows = [_cells(row, columns) for row in _rows(run)]
        if len(rows) >= MIN_ROWS and _cell_like(rows):
            box = (min(w["x0"] for line in run for w in line), run[0][0]["top"],
                   max(w["x1"] for line in run for w in line), max(w["bottom"] for w in run[-1]))
            found.append((box, tuple(rows)))
    return found


def _cell_like(rows: list[tuple[str, ...]]) -> bool:
    """Whether the texts read like a report's table, not prose, a list or a code listing: a header with Chinese
    in it, short cells (a median of at most 12 characters), no bullets or item numbers ("•", "1.", "（2）", "③")
    down the first column."""
    cells = [cell for row in rows for cell in row if cell]
    lengths = sorted(len(cell.replace("\n", "")) for cell in cells)
    return (any(CHINESE.search(cell) for cell in rows[0]) and lengths[len(lengths) // 2] <= MAX_CELL
            and not all(BULLET.match(row[0]) for row in rows[1:] if row[0]))


def _lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their top, each line left to right."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _runs(lines: list[list[dict]], char: float, height: float) -> list[list[list[dict]]]:
    """Runs of consecutive lines split into cells, with the one-word lines among them (a wrapped cell's other
    lines); a one-word line after the last split one belongs to the run only when set tight against it."""
    runs: list[list[list[dict]]] = []
    current: list[list[dict]] = []
    for line in lines:
        cells = len(line) >= 2 and all(b["x0"] - a["x1"] >= char * GAP for a, b in zip(line, line[1:]))
        near = bool(current) and line[0]["top"] - current[-1][0]["top"] <= height * 2.5
        if near and (cells or len(line) == 1):
            current.append(line)
            continue
        runs.append(current)
        current = [line] if cells else []
    runs.append(current)
    return [run for run in map(lambda r: _trim(r, height), runs) if sum(len(l) >= 2 for l in run) >= MIN_ROWS]


def _trim(run: list[list[dict]], height: float) -> list[list[dict]]:
    while len(run) > 1 and len(run[-1]) == 1 and run[-1][0]["top"] - run[-2][0]["top"] > height * 1.2:
        run = run[:-1]
    return run


def _columns(run: list[list[dict]]) -> list[tuple[float, float]]:
    """The columns: the words' x extents merged where they overlap."""
    spans: list[list[float]] = []
    for x0, x1 in sorted((w["x0"], w["x1"]) for line in run for w in line):
        if spans and x0 < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x1)
        else:
            spans.append([x0, x1])
    return [(a, b) for a, b in spans]


def _column(word: dict, columns: list[tuple[float, float]]) -> int:
    return next(j for j, (a, b) in enumerate(columns) if a <= word["x0"] < b or a < word["x1"] <= b)


def _rows(run: list[list[dict]]) -> list[list[list[dict]]]:
    """Lines grouped into rows: when some lines are set much closer than others, the close ones are one row."""
    steps = [b[0]["top"] - a[0]["top"] for a, b in zip(run, run[1:])]
    if not steps or min(steps) > max(steps) * 0.75:
        return [[line] for line in run]
    cut = (min(steps) + max(steps)) / 2
    rows = [[run[0]]]
    for step, line in zip(steps, run[1:]):
        if step > cut:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _cells(row: list[list[dict]], columns: list[tuple[float, float]]) -> tuple[str, ...]:
    """A row's text per column, its lines' words joined top to bottom ("平江" over "县" -> "平江县")."""
    cells = [""] * len(columns)
    for line in row:
        for word in line:
            j = _column(word, columns)
            cells[j] = f"{cells[j]}\n{word['text']}" if cells[j] else word["text"]
    return tuple(cells)
