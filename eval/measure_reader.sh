#!/usr/bin/env bash
# Every figure of the reader in the README and its model card, in one run (about 30 minutes on 2 cores).
# Choices are made on dev (the gold dev split, the DRCD dev articles); test and the DRCD held-out articles are
# only measured. Needs ../shared/mrc (or MRC=folder of the SQuAD files).
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
PY=${PY:-.venv/bin/python}
MRC=${MRC:-../shared/mrc}
OUT=eval/reports/reader
mkdir -p "$OUT"
# 1. the "not found" threshold and the confidence curve, fitted on the gold dev split and the single questions of
#    another hand (eval/data/single_heldout*.jsonl, dev once seen): the threshold is the margin at confidence 0.5
$PY -m qa.training.calibrate --split dev --also eval/data/single_heldout*.jsonl --out "$OUT/calibrate-dev.json" > /dev/null
# 2. what each rule buys, on dev and on test, at the fitted threshold
for split in dev test; do
  $PY -m qa.training.calibrate --split $split --no-save --out "$OUT/calibrate-$split.json" > /dev/null
  $PY -m qa.training.calibrate --split $split --no-save --no-card --type-weight 0 --out "$OUT/calibrate-$split-no-type-prior.json" > /dev/null
  for check in unknown_place other_place other_unit uncounted other_kind; do
    keep=$(echo unknown_place,other_place,other_unit,uncounted,other_kind | tr ',' '\n' | grep -vx $check | paste -sd,)
    QA_ABSTAIN_CHECKS=$keep $PY -m qa.training.calibrate --split $split --no-save --no-card --out "$OUT/calibrate-$split-no-$check.json" > /dev/null
  done
  QA_ABSTAIN_CHECKS=none $PY -m qa.training.calibrate --split $split --no-save --no-card --out "$OUT/calibrate-$split-no-checks.json" > /dev/null
done
# 3. the gold test split through the harness (tables by type and style, plots)
$PY -m qa eval --questions eval/data/gold.jsonl --split test --out eval/reports/test/report.json > /dev/null
# 4. DRCD: reader only (dev articles with and without the type prior; held-out articles), then end to end
$PY -m qa eval --squad "$MRC/drcd_test.zh-hans.json" --part dev --mode reader --out "$OUT/drcd-dev.json" > /dev/null
$PY -m qa eval --squad "$MRC/drcd_test.zh-hans.json" --part dev --mode reader --type-weight 0 --out "$OUT/drcd-dev-no-type-prior.json" > /dev/null
$PY -m qa eval --squad "$MRC/drcd_test.zh-hans.json" --part heldout --mode both --out "$OUT/drcd-heldout.json" > /dev/null
$PY - "$OUT" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
rows = {}
for f in sorted(out.glob("calibrate-*.json")):
    r = json.loads(f.read_text())["result"]
    rows[f.stem] = {k: r.get(k) for k in ("em_answerable", "f1_answerable", "abstain_recall", "abstain_rate_answerable", "p50_ms", "p95_ms")}
for f in sorted(out.glob("drcd-*.json")):
    r = json.loads(f.read_text())
    rows[f.stem] = {k: {m: v for m, v in r[k].items() if m != "items"} for k in ("reader_only", "end_to_end") if k in r}
(out / "summary.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
print(json.dumps(rows, ensure_ascii=False, indent=1))
PY
