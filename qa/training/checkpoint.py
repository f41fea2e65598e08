"""Resumable training state: model weights, optimiser, schedule and step, saved atomically.

A folder holds `model/` (save_pretrained) and `state.pt` (optimiser and schedule state dicts, the step
and the loss history, loaded with `weights_only=True`: tensors and plain values, no code), plus
`fingerprint.txt`: a run resumes only from a checkpoint of the same settings and data.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from embeddings.errors import InputError
from qa.training.schedule import linear_warmup

log = logging.getLogger(__name__)


class Checkpoint:
    """Where one training run keeps its state; `start` resumes from it when it matches."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint

    def exists(self) -> bool:
        self._recover()
        return (self.folder / "state.pt").is_file() and (self.folder / "model" / "config.json").is_file()

    def _recover(self) -> None:
        """After a kill between the two renames of `save`, put the newest complete state back in place."""
        if self.folder.exists():
            return
        for name in (".tmp", ".old"):
            cand = self.folder.with_name(self.folder.name + name)
            if (cand / "fingerprint.txt").is_file() and (cand / "state.pt").is_file():
                cand.rename(self.folder)
                return

    def start(self, backbone: str, config: Any, *, total: int) -> tuple[Any, Any, Any, int, list[float]]:
        """(model, optimizer, schedule, step, losses): fresh from `backbone`, or resumed from this folder."""
        import torch
        from transformers import AutoModelForQuestionAnswering

        resume = self.exists()
        if resume:
            found = (self.folder / "fingerprint.txt").read_text().strip()
            if found != self.fingerprint:
                raise InputError(f"the checkpoint in {self.folder} was made with other settings or data "
                                 f"({found} != {self.fingerprint}): run with the same settings, or choose another "
                                 "--checkpoint-dir (or delete that folder) to start afresh")
        source = str(self.folder / "model") if resume else backbone
        model = AutoModelForQuestionAnswering.from_pretrained(source, dtype=torch.float32)
        model.to(getattr(config, "device", "cpu"))  # before the optimiser, so its state lives beside the weights
        if config.freeze_embeddings:
            model.get_input_embeddings().weight.requires_grad_(False)
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=0.01)
        schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, linear_warmup(total, int(total * config.warmup)))
        step, losses = 0, []
        if resume:
            state = torch.load(self.folder / "state.pt", weights_only=True, map_location="cpu")
            optimizer.load_state_dict(state["optimizer"])
            schedule.load_state_dict(state["schedule"])
            step, losses = int(state["step"]), list(state["losses"])
            torch.set_rng_state(state["rng"])  # dropout draws go on as in one uninterrupted run
            log.info("resuming from %s at step %d", self.folder, step)
        return model, optimizer, schedule, step, losses

    def save(self, model: Any, optimizer: Any, schedule: Any, step: int, losses: list[float]) -> None:
        """Write the state to a temporary folder, then swap it in: a kill never leaves half a checkpoint."""
        import torch

        tmp = self.folder.with_name(self.folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        model.save_pretrained(tmp / "model")
        torch.save({"optimizer": optimizer.state_dict(), "schedule": schedule.state_dict(), "step": step,
                    "losses": losses, "rng": torch.get_rng_state()}, tmp / "state.pt")
        (tmp / "fingerprint.txt").write_text(self.fingerprint)
        old = self.folder.with_name(self.folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            self.folder.rename(old)
        tmp.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)
        log.info("checkpoint at step %d in %s", step, self.folder)

