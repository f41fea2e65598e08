#!/usr/bin/env bash
# Stage 4 of the reader (issue 19): warm-started from stage 3 (runs/e5-mrc3p), half an epoch of the stage-3
# data at a lower rate plus swapped-subject negatives (qa.training.swap: the question's place or name replaced
# by one its passage never names -> "no answer"), so that margins say whether a passage is about what was asked.
# Resumable from runs/e5-mrc4-ckpt; MAX_MINUTES caps one run. On a lent GPU add --device cuda.
cd "$(dirname "$0")/../.."
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python -m qa.training.train --backbone runs/e5-mrc3p --out runs/e5-mrc4 --paraphrase 0.35 \
  --swap-rate 0.3 --checkpoint-dir runs/e5-mrc4-ckpt --n 1500 --negative-rate 0.35 --squad-negative-rate 0.3 \
  --deletion-rate 0.3 --epochs 0.5 --lr 2e-5 --batch-size 32 --max-length 256 --stride 96 --crop-chars 240 \
  --warmup 0.05 --seed 29 --threads 2 --checkpoint-every 10 --max-minutes ${MAX_MINUTES:-100} \
  --squad ../shared/mrc/drcd_dev.zh-hans.json ../shared/mrc/drcd_test.zh-hans.json ../shared/mrc/cmrc2018_trial.json "$@"
