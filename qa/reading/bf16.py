"""The reader's linear layers in bfloat16, the rest in float32: about 1.6x faster on CPUs with bf16 units.

QA_READER_PRECISION=bf16 (Settings.reader_precision) runs the reader on torch with every nn.Linear of its encoder
multiplying in bfloat16 (AMX or avx512_bf16 on recent x86 CPUs), while the embeddings, LayerNorms, softmax, the
residual stream and the answer head stay float32. Casting the whole model to bfloat16 is faster still, but rounds
the residual stream at every layer: its logits moved up to 0.13 from float32's and its best span changed on 8 of 576
DRCD and CMRC dev questions, against 1 for this (docs/results.md, "Sixteenth session").
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

KEEP_FP32 = ("qa_outputs",)  # the answer head: its two logits are what the reader ranks spans by


@lru_cache(maxsize=1)
def bf16_units() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware (Linux: avx512_bf16 or amx_bf16 among /proc/cpuinfo's flags)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            flags = next((line for line in info if line.startswith("flags")), "").split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def bf16_linears(model: Any, keep: tuple[str, ...] = KEEP_FP32) -> Any:
    """The model with each nn.Linear (but those whose name holds a `keep` part) replaced by a bfloat16 copy
    that takes and returns float32; in place, returned for chaining.

    >>> import torch
    >>> net = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.ReLU())
    >>> type(bf16_linears(net)[0]).__name__, net[0].weight.dtype
    ('Bf16Linear', torch.bfloat16)
    >>> net(torch.ones(2, 4)).dtype
    torch.float32
    """
    import torch

    for parent_name, parent in list(model.named_modules()):
        for name, child in list(parent.named_children()):
            full = f"{parent_name}.{name}" if parent_name else name
            if isinstance(child, torch.nn.Linear) and not any(part in full for part in keep):
                setattr(parent, name, _bf16_linear_class()(child))
    return model


@lru_cache(maxsize=1)
def _bf16_linear_class() -> type:
    """Bf16Linear, defined on first use so that importing this module imports no torch."""
    import torch
    import torch.nn.functional as F

    class Bf16Linear(torch.nn.Module):
        """A Linear layer holding bfloat16 weights: float32 in, bfloat16 product, float32 out."""

        def __init__(self, linear: torch.nn.Linear) -> None:
            super().__init__()
            self.weight = torch.nn.Parameter(linear.weight.detach().to(torch.bfloat16), requires_grad=False)
            self.bias = (None if linear.bias is None else
                         torch.nn.Parameter(linear.bias.detach().to(torch.bfloat16), requires_grad=False))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return F.linear(x.to(torch.bfloat16), self.weight, self.bias).float()

    return Bf16Linear
