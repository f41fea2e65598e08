#!/usr/bin/env bash
# A candidate reader against the ship rule (docs/training.md): the table row test, gold dev with the threshold
# refitted for it (saved into the candidate's folder, not the shipped one), and DRCD dev, reader only.
#   bash eval/candidate.sh runs/reader-x        -> runs/reader-x.{table,golddev,drcddev}.txt
set -u
DIR=${1:?a reader folder}; PY=${PY:-.venv/bin/python}; MRC=${MRC:-../shared/mrc}
QA_READER=$DIR QA_BACKEND=torch $PY -m pytest -q -m real_models tests/embeddings/test_table_files.py -k cuts_a_cell \
  2>&1 | tail -1 > "$DIR.table.txt"
QA_BACKEND=torch $PY -m qa.training.calibrate --split dev --reader "$DIR" --no-card > "$DIR.golddev.txt" 2>&1
$PY -m eval.squad --squad "$MRC/drcd_test.zh-hans.json" --part dev --mode reader --reader "$DIR" > "$DIR.drcddev.txt" 2>&1
tail -n 1 "$DIR.table.txt" "$DIR.drcddev.txt"
