#!/usr/bin/env bash
# Stage 3 of the reader (issue 19): warm-started from the shipped models/reader, resumable from runs/e5-mrc3p-ckpt;
# 35% of the questions reworded with synonyms (qa.training.paraphrase).
# Run it again, session after session, until held-out DRCD F1 stops rising; MAX_MINUTES caps one run (it then
# checkpoints). On a lent GPU add --device cuda (same data and schedule: the checkpoint carries over).
cd "$(dirname "$0")/../.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python -m qa.training.train --backbone models/reader --out runs/e5-mrc3p --paraphrase 0.35 \
  --checkpoint-dir runs/e5-mrc3p-ckpt --n 1500 --negative-rate 0.35 --squad-negative-rate 0.3 --deletion-rate 0.3 \
  --epochs 3 --lr 5e-5 --batch-size 32 --max-length 256 --stride 96 --crop-chars 240 --warmup 0.03 --seed 23 \
  --threads 2 --checkpoint-every 10 --max-minutes ${MAX_MINUTES:-100} \
  --squad ../shared/mrc/drcd_dev.zh-hans.json ../shared/mrc/drcd_test.zh-hans.json ../shared/mrc/cmrc2018_trial.json "$@"
