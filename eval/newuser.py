"""A new user's own collection, end to end: five reports of every kind an office has (a Word file with a
table, a browser-printed PDF with centred titles and a table, a scan, Markdown with a table, plain text) made
from eval/data/newuser.json, indexed and asked with the shipped encoder and reader; issue 20's proxy for the
collections kept from the project. Never tuned on.

    python -m eval.newuser --out eval/reports/newuser.json         # needs chromium (make browser) for the PDF

A question is handled right when the best answer is one of its accepted forms, or, for a question the reports
do not answer, when the assistant says "not found". Each report must load with its title, date and place.
"""
from __future__ import annotations

import argparse
import dataclasses
import html
import json
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from qa.metrics import normalize as normalize_answer

DATA = Path(__file__).resolve().parent / "data" / "newuser.json"
log = logging.getLogger(__name__)


def _paragraphs(body: list) -> list[str]:
    return [part for part in body if isinstance(part, str)]


def write_docx(spec: dict, path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(spec["title"])
    document.add_paragraph(spec["date"])
    for part in spec["body"]:
        if isinstance(part, str):
            document.add_paragraph(part)
        elif "heading" in part:
            document.add_heading(part["heading"], level=1)
        else:
            rows = part["table"]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for i, row in enumerate(rows):
                for j, value in enumerate(row):
                    table.cell(i, j).text = value
    document.save(str(path))


def _html_table(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows[1:])
    return f"<table border='1' cellspacing='0' cellpadding='4'><tr>{head}</tr>{body}</table>"


def write_browser_pdf(spec: dict, path: Path) -> None:
    """The report as a web page printed by Chromium: centred headline and title, the date set right."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("chromium is not installed (make browser): the browser-printed PDF cannot be made")
    parts = [f"<h1 style='text-align:center'>{html.escape(spec['headline'])}</h1>",
             f"<h2 style='text-align:center'>{html.escape(spec['title'])}</h2>",
             f"<p style='text-align:right'>{html.escape(spec['date'])}</p>"]
    for part in spec["body"]:
        parts.append(f"<p style='text-indent:2em'>{html.escape(part)}</p>" if isinstance(part, str)
                     else f"<h3>{html.escape(part['heading'])}</h3>" if "heading" in part else _html_table(part["table"]))
    page = path.with_suffix(".html")
    page.write_text("<html><head><meta charset='utf-8'></head><body style='font-size:16px'>" + "".join(parts)
                    + "</body></html>", encoding="utf-8")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={path}", str(page)],
                   check=True, capture_output=True, timeout=120)
    page.unlink()


def write_scan(spec: dict, path: Path) -> None:
    """The report as a scanned page at 200 dpi, slightly skewed and noisy: no text layer, read by OCR."""
    import numpy as np

    from eval.ocr_bench import render_page

    image, _ = render_page(spec["headline"], spec["title"], spec["date"], _paragraphs(spec["body"]), dpi=200,
                           skew=0.3, noise=6)
    # cut below the text (a fixed 45% of the page cut off the last paragraphs of a longer report), never above 45%
    inked = np.flatnonzero((np.asarray(image) < 128).sum(axis=1) > 20)
    bottom = max(int(image.height * 0.45), int(inked[-1]) + 60 if inked.size else 0)
    image.crop((0, 0, image.width, min(bottom, image.height))).save(path, "PDF", resolution=200)


def write_markdown(spec: dict, path: Path) -> None:
    lines = [f"# {spec['title']}", "", spec["date"], ""]
    for part in spec["body"]:
        if isinstance(part, str):
            lines += [part, ""]
        elif "heading" in part:
            lines += [f"## {part['heading']}", ""]
        else:
            rows = part["table"]
            lines += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
            lines += ["| " + " | ".join(row) + " |" for row in rows[1:]] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_text(spec: dict, path: Path) -> None:
    lines = [spec["title"], spec["date"]] + [p if isinstance(p, str) else p["heading"] for p in spec["body"]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


WRITERS = {"docx": write_docx, "browser_pdf": write_browser_pdf, "scan": write_scan, "markdown": write_markdown,
           "text": write_text}


def build(folder: Path, data: dict) -> list[Path]:
    """The collection's files in folder, one per report spec."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for spec in data["reports"]:
        path = folder / spec["file"]
        WRITERS[spec["kind"]](spec, path)
        paths.append(path)
    return paths


def loaded_right(spec: dict, report) -> dict:
    """Whether a report loaded with its title (as title or subtitle), its date and its place."""
    return {"file": spec["file"], "title": spec["title"] in (report.title, report.subtitle),
            "date": report.date == spec["date"], "place": any(spec["place"] in p for p in report.places),
            "loaded": {"title": report.title, "subtitle": report.subtitle, "date": report.date,
                       "places": list(report.places)}}


def judge(question: dict, response) -> dict:
    accepted = {normalize_answer(a) for a in question["a"]}
    best = response.best.text if response.best else None
    right = (best is not None and normalize_answer(best) in accepted) if accepted else response.abstained
    return {"q": question["q"], "about": question.get("about", "text" if accepted else "unanswerable"),
            "expected": question["a"], "answer": best, "reason_code": response.reason_code, "right": right}


def run(work: Path, data: dict) -> dict:
    from embeddings.encoders import make_encoder
    from embeddings.index import build_index, load_index
    from qa.assistant import Assistant
    from qa.settings import Settings

    files = build(work / "files", data)
    settings = dataclasses.replace(Settings(), index_dir=work / "index")
    build_index(files, settings.index_dir, make_encoder(settings.encoder, backend=settings.backend), reuse=False)
    reports = {Path(r.source).name: r for r in load_index(settings.index_dir).reports}
    checks = [loaded_right(spec, reports[spec["file"]]) if spec["file"] in reports
              else {"file": spec["file"], "title": False, "date": False, "place": False, "loaded": None}
              for spec in data["reports"]]
    assistant = Assistant.load(settings)
    rows = [judge(q, assistant.ask(q["q"])) for q in data["questions"]]
    groups: dict[str, list[bool]] = {}
    for row in rows:
        groups.setdefault(row["about"], []).append(row["right"])
    return {"right": sum(r["right"] for r in rows), "questions": len(rows),
            "by_kind": {k: f"{sum(v)}/{len(v)}" for k, v in groups.items()},
            "reports_loaded_right": sum(all(c[k] for k in ("title", "date", "place")) for c in checks),
            "reports": checks, "rows": rows}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.newuser", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep", type=Path, help="build here and keep the files and index (default: a temporary folder)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    data = json.loads(args.data.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.keep or Path(tmp), data)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k not in ("rows", "reports")}, ensure_ascii=False))
    for row in result["rows"]:
        if not row["right"]:
            print(f"wrong: {row['q']} -> {row['answer'] or row['reason_code']} (expected {row['expected']})")
    for check in result["reports"]:
        if not all(check[k] for k in ("title", "date", "place")):
            print(f"report loaded wrong: {check}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
