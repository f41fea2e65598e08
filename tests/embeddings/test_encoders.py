from pathlib import Path

import numpy as np
import pytest

from embeddings.encoders import HashingEncoder, MeanPoolEncoder, SentenceTransformerEncoder, make_encoder
from embeddings.errors import ModelMissingError

TEXTS = ["乙县为驻地部队提供用地527亩。", "双拥林2处", "开展军民共建活动500余次，投入资金3.5亿元。"]


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory) -> Path:
    """A 2-layer BERT with a vocabulary made from the test texts, saved as a plain transformers folder."""
    from qa.training.tiny import make_tiny_encoder

    return make_tiny_encoder(tmp_path_factory.mktemp("tiny-bert"), TEXTS)


def test_hashing_encoder_is_deterministic_and_normalised():
    a, b = HashingEncoder(64).encode(TEXTS), HashingEncoder(64).encode(TEXTS)
    assert a.shape == (3, 64) and np.allclose(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)


def test_mean_pool_encoder_on_tiny_bert_is_batch_invariant(tiny_bert: Path):
    encoder = make_encoder(str(tiny_bert))
    assert isinstance(encoder, MeanPoolEncoder) and encoder.dim == 32
    batch = encoder.encode(TEXTS, batch_size=3)
    alone = np.vstack([encoder.encode([t]) for t in TEXTS])
    assert np.allclose(batch, alone, atol=1e-5)  # padding must not change a vector
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(batch[0], batch[1])


def test_int8_query_twin_keeps_the_name_and_stays_close(tiny_bert: Path):
    from embeddings.encoders import for_queries

    encoder = make_encoder(str(tiny_bert))
    twin = for_queries(encoder)
    assert twin is not encoder and twin.name == encoder.name and twin.quantize and not encoder.quantize
    full, fast = encoder.encode(TEXTS), twin.encode(TEXTS)
    assert fast.shape == full.shape and np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert ((full * fast).sum(1) > 0.95).all()  # nearly the same direction as the full-precision vectors
    hashing = HashingEncoder(64)
    assert for_queries(hashing) is hashing  # nothing to quantize


def test_folder_with_sentence_transformers_config_uses_sentence_transformers(tmp_path: Path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "modules.json").write_text("[]")
    assert isinstance(make_encoder(str(tmp_path)), SentenceTransformerEncoder)


def test_missing_model_names_the_problem(tmp_path: Path):
    with pytest.raises(ModelMissingError, match="nope"):
        MeanPoolEncoder(str(tmp_path / "nope")).encode(["双拥"])


@pytest.mark.real_models
def test_m3e_small_mean_pool_matches_sentence_transformers():
    a = MeanPoolEncoder("m3e-small").encode(TEXTS)
    b = SentenceTransformerEncoder("m3e-small").encode(TEXTS)
    assert a.shape == (3, 512)
    assert np.allclose((a * b).sum(1), 1.0, atol=1e-4)
