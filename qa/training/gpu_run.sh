#!/usr/bin/env bash
# The reader's training on a lent GPU (issue 19), from a pack made here by `python -m qa.training.pack build`.
# Trains a small grid at once on the one GPU (learning rate x passes over the pack's epochs), each run keeping
# its best epoch by dev (mean of span exact match and "no answer" accuracy on the pack's dev windows), then
# copies the layers of the best run and every run's log into OUT. Needs only python3 with torch and transformers.
#   bash qa/training/gpu_run.sh .pack "$OUT" [MAX_MINUTES]      (LRS="1e-5 2e-5" PASSES="1 2" SEEDS="7 8" set the grid;
#   SOUP=1 brings back the mean of all runs' kept layers instead of the best run)
set -u
PACK=${1:?pack folder}; OUT=${2:?output folder}; MINUTES=${3:-6}
PY=${PYTHON:-python3}
WORK=$(mktemp -d)
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
$PY -c "import torch, transformers; print('torch', torch.__version__, 'transformers', transformers.__version__, torch.cuda.is_available())"
pids=()
for lr in ${LRS:-2e-5 3e-5 5e-5}; do
  for passes in ${PASSES:-1 2}; do
    for seed in ${SEEDS:-7}; do
      name=lr$lr-p$passes-s$seed
      PYTHONUNBUFFERED=1 $PY qa/training/packed.py "$PACK" --out "$WORK/$name" --device "${DEVICE:-cuda}" --lr $lr \
        --passes $passes --seed $seed --max-minutes "$MINUTES" --threads 2 > "$WORK/$name.log" 2>&1 &
      pids+=($!)
    done
  done
done
for p in "${pids[@]}"; do wait $p; done
if [ -n "${SOUP:-}" ]; then  # SOUP=1: bring back the mean of every run's kept layers, not the best run
  $PY qa/training/packed.py "$PACK" --soup $(ls -d "$WORK"/lr*/) --out "$WORK/soup" --device "${DEVICE:-cuda}" > "$WORK/soup.log" 2>&1
  mkdir -p "$WORK/keep" && for d in "$WORK"/lr*/; do mv "$d" "$WORK/keep/"; done
fi
mkdir -p "$OUT"
$PY - "$WORK" "$OUT" <<'PY'
import json, shutil, sys
from pathlib import Path
work, out = Path(sys.argv[1]), Path(sys.argv[2])
runs = {}
for log in sorted(work.glob("*/log.json")) + sorted(work.glob("keep/*/log.json")):
    runs[log.parent.name] = json.loads(log.read_text())
failed = {p.stem: p.read_text()[-1500:] for p in work.glob("*.log") if p.stem not in runs}
best = "soup" if "soup" in runs else max(runs, key=lambda k: runs[k]["best"]["choose"]) if runs else None
if best:
    for shard in runs[best]["shards"]:
        shutil.copy(work / best / shard, out / shard)
    shutil.copy(work / best / "log.json", out / "log.json")
(out / "summary.json").write_text(json.dumps({"chosen": best, "runs": runs, "failed": failed}, indent=1))
print("chosen", best, runs[best]["best"] if best else failed)
for k, r in runs.items():
    print(k, r["seconds"], "s", [(h["epoch"], h["balanced"], h.get("gold_balanced"), h.get("choose")) for h in r["history"]])
PY
tail -n 3 "$WORK"/*.log
