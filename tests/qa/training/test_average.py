"""Averaging readers fine-tuned from one start."""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
from safetensors.torch import load_file  # noqa: E402

from embeddings.errors import InputError  # noqa: E402
from qa.training.average import average, parse_part  # noqa: E402
from qa.training.tiny import make_tiny_reader  # noqa: E402


def test_the_average_is_the_weighted_mean_of_each_weight(tmp_path):
    a = make_tiny_reader(tmp_path / "a", ["张掖市划拨土地二千亩"], seed=1)
    b = make_tiny_reader(tmp_path / "b", ["张掖市划拨土地二千亩"], seed=2)
    made = average([(a, 0.25), (b, 0.75)], tmp_path / "avg")
    wa, wb = load_file(str(a / "model.safetensors")), load_file(str(b / "model.safetensors"))
    mixed = load_file(str(tmp_path / "avg" / "model.safetensors"))
    key = next(k for k in wa if wa[k].dtype.is_floating_point and not torch.equal(wa[k], wb[k]))
    assert torch.allclose(mixed[key].float(), 0.25 * wa[key].float() + 0.75 * wb[key].float(), atol=1e-3)
    assert mixed[key].dtype == torch.float16
    assert [p["weight"] for p in made["weight_average"]] == [0.25, 0.75]
    assert (tmp_path / "avg" / "config.json").exists()


def test_weights_must_sum_to_one_and_readers_must_match(tmp_path):
    a = make_tiny_reader(tmp_path / "a", ["张掖"], seed=1)
    with pytest.raises(InputError, match="sum to 1"):
        average([(a, 0.5), (a, 0.6)], tmp_path / "x")
    with pytest.raises(InputError, match="FOLDER=WEIGHT"):
        parse_part("runs/a=half")
