"""A training run packed for a lent GPU: compact vocabulary, the torch-only runner, and the way back."""
from __future__ import annotations

import json
import random

import pytest

torch = pytest.importorskip("torch")
from transformers import AutoModelForQuestionAnswering  # noqa: E402

from embeddings.errors import InputError  # noqa: E402
from qa.training import pack, packed  # noqa: E402
from qa.training.features import Feature  # noqa: E402
from qa.training.tiny import make_tiny_reader  # noqa: E402


def _features(rng: random.Random, vocab: list[int], n: int) -> list[Feature]:
    out = []
    for i in range(n):
        ids = [2] + [rng.choice(vocab) for _ in range(rng.randint(8, 20))] + [3]
        start = rng.randint(1, len(ids) - 3) if i % 3 else 0
        out.append(Feature(ids, None, start, start + 1 if start else 0, i))
    return out


@pytest.fixture()
def tiny_pack(tmp_path):
    base = make_tiny_reader(tmp_path / "base", ["张掖市划拨土地二千亩芜湖通化"], seed=3)
    rng = random.Random(0)
    used = list(range(5, 14))  # a part of the vocabulary: the rest must not travel
    keep = sorted(set(used) | {0, 2, 3})
    folder = tmp_path / "pack"
    folder.mkdir()
    for name in ("epoch-0", "epoch-1", "dev"):
        pack.save_features(folder / f"{name}.npz", _features(rng, used, 40), keep)
    pack.compact_model(str(base), keep, folder / "model", pad=keep.index(0))
    config = {"backbone": str(base), "seed": 1}
    (folder / "pack.json").write_text(json.dumps({"config": config, "epochs": 2, "keep": keep, "pad": 0,
                                                   "windows": {}}))
    return base, folder, keep


def test_compact_model_gives_the_full_models_logits(tiny_pack):
    base, folder, keep = tiny_pack
    full = AutoModelForQuestionAnswering.from_pretrained(str(base)).eval()
    small = AutoModelForQuestionAnswering.from_pretrained(str(folder / "model"), dtype=torch.float32).eval()
    assert small.get_input_embeddings().weight.shape[0] == len(keep) < full.get_input_embeddings().weight.shape[0]
    ids, _, _ = packed.windows(folder / "dev.npz")[0]
    with torch.no_grad():
        a = small(input_ids=torch.tensor([ids])).start_logits
        b = full.half().float()(input_ids=torch.tensor([[keep[i] for i in ids]])).start_logits
    assert torch.allclose(a, b, atol=1e-5)


def test_runner_trains_and_unpack_restores_the_full_vocabulary(tiny_pack, tmp_path):
    base, folder, _ = tiny_pack
    result = packed.run(folder, tmp_path / "out", lr=5e-3, batch_size=8, warmup=0.1, device="cpu", bf16=False,
                        max_minutes=0, seed=0, passes=2)
    assert [h["epoch"] for h in result["history"]] == [-1, 0, 1, 2, 3]
    assert result["history"][-1]["loss"] < result["history"][1]["loss"] + 1.0
    shards = sorted((tmp_path / "out").glob("layers-*.safetensors"))
    assert [s.name for s in shards] == result["shards"]
    made = pack.unpack(tmp_path / "out", folder, tmp_path / "full")
    assert made["run"] == result["best"]
    before = AutoModelForQuestionAnswering.from_pretrained(str(base)).state_dict()
    after = AutoModelForQuestionAnswering.from_pretrained(str(tmp_path / "full"), dtype=torch.float32).state_dict()
    key = "bert.embeddings.word_embeddings.weight"
    assert torch.equal(after[key], before[key].half().float())  # the frozen matrix is the base's, whole
    changed = [k for k in before if not torch.equal(after[k], before[k].half().float())]
    if result["best"]["epoch"] >= 0:
        assert changed and key not in changed
    else:
        assert changed == []
    assert (tmp_path / "full" / "tokenizer_config.json").exists()


def test_unpack_names_a_folder_without_layers(tiny_pack, tmp_path):
    _, folder, _ = tiny_pack
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="layers-"):
        pack.unpack(tmp_path / "empty", folder, tmp_path / "full")


def test_prediction_prefers_no_answer_when_cls_scores_highest():
    start = torch.tensor([[5.0, 1.0, 2.0, 0.0], [0.0, 1.0, 4.0, 0.0]])
    end = torch.tensor([[5.0, 1.0, 0.0, 3.0], [0.0, 0.0, 1.0, 4.0]])
    mask = torch.ones_like(start, dtype=torch.long)
    assert packed.predict(start, end, mask) == [(0, 0), (2, 3)]


def test_gold_windows_choose_the_epoch_with_every_accepted_span(tiny_pack, tmp_path):
    _, folder, keep = tiny_pack
    feats = _features(random.Random(5), list(range(5, 14)), 12)
    spans = [[(f.start, f.end), (f.start, f.end + 1)] if f.start else [(0, 0)] for f in feats]
    pack.save_features(folder / "gold.npz", feats, keep, spans)
    loaded = packed.windows(folder / "gold.npz")
    assert [item[3] for item in loaded] == spans
    result = packed.run(folder, tmp_path / "out", lr=5e-3, batch_size=8, warmup=0.1, device="cpu", bf16=False,
                        max_minutes=0, seed=0)
    for row in result["history"]:
        assert row["choose"] == pytest.approx((row["balanced"] + row["gold_balanced"]) / 2, abs=1e-4)
    assert result["best"]["choose"] == max(row["choose"] for row in result["history"])


def test_a_window_is_right_on_any_accepted_span_and_wrong_elsewhere():
    gold = ([1, 2, 3], 1, 1, [(1, 1), (1, 2)])
    assert packed.right(gold, (1, 2)) and packed.right(gold, (1, 1)) and not packed.right(gold, (0, 0))
    assert packed.positive(gold) and not packed.positive(([1], 0, 0, [(0, 0)]))
    assert packed.right(([1], 0, 0), (0, 0)) and not packed.right(([1], 2, 3), (2, 4))


def test_a_soup_is_the_mean_of_the_runs_kept_layers(tiny_pack, tmp_path):
    from safetensors.torch import load_file

    _, folder, _ = tiny_pack
    runs = []
    for seed in (0, 1):
        packed.run(folder, tmp_path / f"r{seed}", lr=5e-2, batch_size=8, warmup=0.1, device="cpu", bf16=False,
                   max_minutes=0, seed=seed)
        runs.append(tmp_path / f"r{seed}")
    result = packed.soup(folder, runs, tmp_path / "soup", device="cpu", bf16=False)
    load = lambda d: {k: v for s in sorted(d.glob("layers-*.safetensors")) for k, v in load_file(str(s)).items()}
    a, b, mixed = load(runs[0]), load(runs[1]), load(tmp_path / "soup")
    key = next(k for k in a if not torch.equal(a[k], b[k]))
    assert torch.allclose(mixed[key].float(), (a[key].float() + b[key].float()) / 2, atol=1e-3)
    assert set(mixed) == set(a) and result["best"]["epoch"] == "soup" and "choose" in result["best"]
