"""Markdown pipe tables and HTML tables in a Markdown file, rewritten as row lines (embeddings.tables).

    各区改造完成情况见下表。          各区改造完成情况见下表。
    | 区县 | 改造小区 |        ->   　　各区改造完成情况｜柯桥区｜改造小区：17个
    |---|---|
    | 柯桥区 | 17个 |

Everything else in the file is kept as it is; tables inside ``` code fences are left alone.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from embeddings.tables import Table, from_spans, table_lines, table_title

DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
PIPE = re.compile(r"(?<!\\)\|")
INLINE = re.compile(r"\*\*|__|`|<br\s*/?>", re.I)


def rewrite_tables(text: str) -> str:
    """The Markdown text with each pipe or HTML table replaced by its row lines, in the same place."""
    lines, out = text.split("\n"), []
    heading = before = ""
    i, fenced = 0, False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        end, tables = (i, []) if fenced else _table_at(lines, i)
        if end == i:
            out.append(line)
            if line.strip():
                heading = line if line.lstrip().startswith("#") else heading
                before = "" if line.lstrip().startswith("#") else line
            i += 1
            continue
        for table in tables:
            title = table_title(caption=table.title, before=before, heading=heading)
            out.extend(table_lines(Table(title, table.rows, table.header_rows)))
        before, i = "", end
    return "\n".join(out)


def _table_at(lines: list[str], i: int) -> tuple[int, list[Table]]:
    """(index after the table, its tables) when a pipe or HTML table starts at line i, else (i, [])."""
    if "|" in lines[i] and i + 1 < len(lines) and DELIMITER.match(lines[i + 1]) and "-" in lines[i + 1] \
            and len(_pipe_cells(lines[i])) == len(_pipe_cells(lines[i + 1])):  # else "---" is a rule or a heading's
        end = i + 2
        while end < len(lines) and "|" in lines[end] and lines[end].strip():
            end += 1
        rows = [_pipe_cells(lines[i])] + [_pipe_cells(line) for line in lines[i + 2:end]]
        return end, [Table("", tuple(rows), 1)]
    if lines[i].lstrip().lower().startswith("<table"):
        end, open_tables = i, 0
        while end < len(lines):
            low = lines[end].lower()
            open_tables += low.count("<table") - low.count("</table>")
            end += 1
            if open_tables <= 0:
                break
        return end, html_tables("\n".join(lines[i:end]))
    return i, []


def _pipe_cells(line: str) -> tuple[str, ...]:
    """A pipe row's cells: "| 柯桥区 | **17**个 |" -> ("柯桥区", "17个")."""
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return tuple(INLINE.sub("", cell).replace("\\|", "|").strip() for cell in PIPE.split(line))


def html_tables(html: str) -> list[Table]:
    """The top-level tables of an HTML fragment; a nested table's text stays in its cell.

    Header rows are those in <thead>, else the leading rows of <th> cells; <caption> is the title.
    """
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return parser.tables


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.depth = 0
        self._reset()

    def _reset(self) -> None:
        self.rows, self.heads, self.cell, self.caption = [], [], None, []
        self.in_thead = self.in_caption = False

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag == "table":
            self.depth += 1
        elif self.depth != 1:
            return
        elif tag == "thead":
            self.in_thead = True
        elif tag == "tr":
            self.rows.append([])
            self.heads.append(bool(self.in_thead))
        elif tag in ("td", "th") and self.rows:
            self.cell = [[], _span(attrs.get("colspan")), _span(attrs.get("rowspan")), tag == "th"]
        elif tag == "caption":
            self.in_caption = True
        elif tag == "br" and self.cell is not None:
            self.cell[0].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._finish()
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            text, colspan, rowspan, is_th = self.cell
            self.rows[-1].append(("".join(text).strip(), colspan, rowspan, is_th))
            self.cell = None
        elif self.depth == 1 and tag in ("thead", "caption"):
            self.in_thead = self.in_caption = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell[0].append(data)
        elif self.in_caption and self.depth == 1:
            self.caption.append(data)

    def _finish(self) -> None:
        rows = [row for row in self.rows if row]
        heads = [head or all(cell[3] for cell in row) for head, row in zip(self.heads, self.rows) if row]
        depth = next((n for n, head in enumerate(heads) if not head), len(heads)) or None
        grid = from_spans([[cell[:3] for cell in row] for row in rows])
        self.tables.append(Table("".join(self.caption).strip(), grid, depth))
        self._reset()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1
