"""With and without the span rules (qa.reading.spans, and the measure words added with them) on a gold split.

    python -m eval.span_rules --split dev --out eval/reports/reader/span-rules-dev.json

Runs `qa.training.calibrate --no-save --no-card` twice in one process, the rules switched off by patching
(the old measure-word list restored), and writes both results and the questions whose answer changed.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
from pathlib import Path

OLD_MEASURES = "名人个次件支张块亩处场家所台辆套项户期批届天座条篇份位元辆架艘门本棵株栋间家套起类部路余万"


@contextlib.contextmanager
def rules_off():
    """The reader as it was before the span rules: no current_value, no whole_name, the old measure words."""
    from qa.reading import answer_types as at
    from qa.reading import reader

    saved = (reader.current_value, reader.whole_name, at.MEASURES, at.COUNT_WORDS, at.NUMBER)
    reader.current_value = lambda *a: None
    reader.whole_name = lambda text, s, e: (s, e)
    at.MEASURES = OLD_MEASURES
    at.COUNT_WORDS = re.compile(rf"(?:多少|几)([{OLD_MEASURES}])")
    at.NUMBER = at.AnswerType("number", at.NUM + rf"(?:{'|'.join(at.UNITS[:-1])}|[{OLD_MEASURES}]次?)?%?")
    try:
        yield
    finally:
        reader.current_value, reader.whole_name, at.MEASURES, at.COUNT_WORDS, at.NUMBER = saved


def calibrate(split: str, out: Path) -> dict:
    from qa.training import calibrate as cal

    with contextlib.redirect_stdout(io.StringIO()):
        cal.main(["--split", split, "--no-save", "--no-card", "--out", str(out)])
    return json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.span_rules", description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    out = Path(args.out)
    with_rules = calibrate(args.split, out.with_suffix(".with.tmp"))
    with rules_off():
        without = calibrate(args.split, out.with_suffix(".without.tmp"))
    keys = ("em_answerable", "f1_answerable", "abstain_recall", "abstain_rate_answerable")
    changed = [{"id": a.get("id"), "without": b.get("prediction"),
                "with": a.get("prediction"), "gold": a.get("answers")}
               for a, b in zip(with_rules["outcomes"], without["outcomes"]) if a.get("prediction") != b.get("prediction")]
    report = {"split": args.split, "with": {k: with_rules["result"].get(k) for k in keys},
              "without": {k: without["result"].get(k) for k in keys}, "changed": changed}
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    for tmp in (out.with_suffix(".with.tmp"), out.with_suffix(".without.tmp")):
        tmp.unlink()
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
