"""A training smoke test on a tiny model (seconds), and the calibration metrics on hand-computed cases."""
import json

import pytest
from safetensors import safe_open

from embeddings.types import Passage
from qa.errors import InputError
from qa.reading.reader import Reader
from qa.training.calibrate import Outcome, best_threshold, em_f1, score
from qa.training.generate import generate
from qa.training.tiny import make_tiny_reader
from qa.training.train import TrainConfig, parse_args, train

TEXT = "近年来，我市累计为驻地部队划拨土地527亩，投入资金226.26万元，共建双拥示范街道3处，1359人参加评选。"
PASSAGES = [Passage("r001-p001", 1, TEXT, 0, len(TEXT), subtitle="青山市双拥工作综述", places=("青山市",)),
            Passage("r002-p001", 2, "我县组织慰问官兵12次，建成退役军人服务站5个。", 0, 24, subtitle="绿水县双拥工作综述")]


def test_training_smoke_writes_an_fp16_reader_that_loads(tmp_path):
    examples = generate(PASSAGES, n=40, seed=1)
    texts = [e.question + e.header + e.context for e in examples]
    backbone = make_tiny_reader(tmp_path / "tiny", texts)
    config = TrainConfig(backbone=str(backbone), out=str(tmp_path / "reader"), checkpoint_dir=str(tmp_path / "ckpt"),
                         n=40, epochs=2, batch_size=8, max_length=96, stride=32, checkpoint_every=3, lr=1e-3)
    summary = train(config, examples)
    out = tmp_path / "reader"
    assert summary["steps"] == summary["planned_steps"] > 0 and summary["held_out"]["n"] >= 1
    assert {"model.safetensors", "model_card.md", "training_config.json", "tokenizer.json"} <= {p.name for p in out.iterdir()}
    with safe_open(out / "model.safetensors", "pt") as f:
        assert str(f.get_tensor(next(iter(f.keys()))).dtype) == "torch.float16"
    card = (out / "model_card.md").read_text(encoding="utf-8")
    assert "Generated from the corpus" in card and "Human-labelled" not in card and "seed 13" in card
    assert json.loads((out / "training_config.json").read_text())["seed"] == 13
    result = Reader(out, max_length=96, stride=32).read("青山市划拨土地多少亩？", PASSAGES)
    assert all(a.passage.text[a.start:a.end] == a.text for a in result.answers)


def test_cli_config_parsing():
    config = parse_args(["--n", "300", "--exclude-reports", "25-34", "--epochs", "1.5", "--freeze-embeddings", "no"])
    assert (config.n, config.exclude_reports, config.epochs, config.freeze_embeddings) == (300, "25-34", 1.5, False)
    with pytest.raises(InputError, match="n = 0 or >= 10"):
        parse_args(["--n", "1"])
    assert parse_args(["--device", "cuda:1", "--bf16", "yes"]).device == "cuda:1"
    with pytest.raises(InputError, match="device must be"):
        parse_args(["--device", "tpu"])


def test_machine_settings_do_not_change_what_a_checkpoint_is_for():
    from qa.training.train import fingerprint

    base = TrainConfig()
    same = fingerprint(base, "b", 10) == fingerprint(TrainConfig(device="cuda", bf16=True, threads=8), "b", 10)
    assert same and fingerprint(base, "b", 10) != fingerprint(TrainConfig(lr=1e-3), "b", 10)


def test_cmrc_style_scores():
    assert em_f1("527亩", ["527亩", "527"]) == (1.0, 1.0)
    em, f1 = em_f1("土地527亩", ["527亩"])  # lcs 4, precision 4/6, recall 1
    assert em == 0.0 and f1 == pytest.approx(0.8)
    assert em_f1("", []) == (1.0, 1.0) and em_f1("3处", []) == (0.0, 0.0)
    assert em_f1("", ["3处"]) == (0.0, 0.0)


def test_threshold_fitting_and_abstention_metrics():
    outcomes = [Outcome("a", ("3处",), "3处", 2.0, 10), Outcome("b", ("12次",), "12次", 0.5, 10),
                Outcome("c", (), "5个", -1.0, 10), Outcome("d", (), "9个", 1.0, 10)]
    t = best_threshold(outcomes)
    assert -1.0 < t <= 0.5  # keeps both right answers, abstains on c
    s = score(outcomes, t)
    assert s["em_answerable"] == 1.0 and s["abstain_recall"] == 0.5 and s["abstain_precision"] == 1.0
    assert s["abstain_rate_answerable"] == 0.0 and s["f1_all"] == 0.75


def test_threshold_never_abstains_on_more_than_five_percent_of_answerable():
    answerable = [Outcome(f"a{i}", ("3处",), "3处", float(i), 10) for i in range(20)]
    unanswerable = [Outcome("u1", (), "5个", 4.0, 10), Outcome("u2", (), "9个", -2.0, 10)]
    t = best_threshold(answerable + unanswerable)
    s = score(answerable + unanswerable, t)
    assert s["abstain_rate_answerable"] <= 0.05  # abstaining on u1 would cost 4 of 20 answerable
    assert s["abstain_recall"] == 0.5 and -2.0 < t <= 1.0


def test_update_card_replaces_a_results_section_without_piling_up_blank_lines(tmp_path):
    from qa.training.calibrate import update_card

    card = tmp_path / "model_card.md"
    card.write_text("# Reader\n\nRecipe.\n", encoding="utf-8")
    for em in (0.5, 0.6, 0.7):
        update_card(tmp_path, {"split": "dev", "k": 5, "em_answerable": em, "questions": "q.jsonl"})
        update_card(tmp_path, {"split": "test", "k": 5, "em_answerable": em})
    text = card.read_text(encoding="utf-8")
    assert text.count("## Measured results: dev split") == 1 and text.count("## Measured results: test split") == 1
    assert '"em_answerable": 0.7' in text and "0.5" not in text and "q.jsonl" not in text
    assert "\n\n\n" not in text and text.startswith("# Reader\n\nRecipe.\n\n## Measured")


def _weights(folder):
    with safe_open(folder / "model.safetensors", "pt") as f:
        return {k: f.get_tensor(k) for k in f.keys()}


def test_a_stopped_run_resumes_where_it_stopped_and_ends_as_one_uninterrupted_run(tmp_path):
    import torch

    examples = generate(PASSAGES, n=40, seed=1)
    backbone = make_tiny_reader(tmp_path / "tiny", [e.question + e.header + e.context for e in examples])
    common = dict(backbone=str(backbone), n=40, epochs=2, batch_size=8, max_length=96, stride=32, lr=1e-3,
                  checkpoint_every=100)
    whole = train(TrainConfig(out=str(tmp_path / "a"), checkpoint_dir=str(tmp_path / "ca"), **common), examples)
    first = train(TrainConfig(out=str(tmp_path / "b"), checkpoint_dir=str(tmp_path / "cb"), max_steps=3, **common),
                  examples)
    assert first["steps"] == 3 < first["planned_steps"] and (tmp_path / "cb" / "state.pt").is_file()
    rest = train(TrainConfig(out=str(tmp_path / "b"), checkpoint_dir=str(tmp_path / "cb"), **common), examples)
    assert rest["steps"] == whole["steps"] == whole["planned_steps"]
    a, b = _weights(tmp_path / "a"), _weights(tmp_path / "b")
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    # bf16 autocast is a machine setting: a bf16 run and an fp32 run continue the same checkpoint
    part = train(TrainConfig(out=str(tmp_path / "d"), checkpoint_dir=str(tmp_path / "cd"), max_steps=2, bf16=True,
                             **common), examples)
    assert part["steps"] == 2 and part["final_loss"] == part["final_loss"]  # not NaN
    assert train(TrainConfig(out=str(tmp_path / "d"), checkpoint_dir=str(tmp_path / "cd"), **common),
                 examples)["steps"] == whole["steps"]
    changed = dict(common, lr=5e-4)  # another schedule: the checkpoint must not be reused silently
    with pytest.raises(InputError, match="other settings"):
        train(TrainConfig(out=str(tmp_path / "c"), checkpoint_dir=str(tmp_path / "cb"), **changed), examples)


def test_confidence_curve_is_fitted_on_the_answers_given_and_checked_elsewhere():
    from qa.reading.confidence import Confidence
    from qa.training.calibrate import check_confidence, fit_confidence

    right = [Outcome(f"r{i}", ("3处",), "3处", 1.0 + i, 10, 1.0 + i) for i in range(12)]
    wrong = [Outcome(f"w{i}", ("3处",), "9个", 0.5 + i / 4, 10, 0.5 + i / 4) for i in range(6)]
    below = [Outcome("b", ("3处",), "9个", -5.0, 10, -5.0)]  # abstained at the threshold: not in the fit
    fitted = fit_confidence(right + wrong + below, threshold=0.0)
    assert fitted["fitted_on"] == 18 and fitted["right"] == 12 and 0 <= fitted["brier"] < 0.25
    curve = Confidence(fitted["a"], fitted["b"])
    assert curve.probability(12.0) > 0.9 > 0.5 > curve.probability(0.5)
    assert fit_confidence(right, threshold=0.0) is None  # nothing wrong: no curve can be fitted
    check = check_confidence(right + wrong, 0.0, curve)
    assert check["answers"] == 18 and check["right"] == round(12 / 18, 4) and check["brier"] == fitted["brier"]


def test_a_pooled_threshold_sits_where_an_answer_is_as_likely_right_as_not():
    from qa.reading.confidence import Confidence
    from qa.training.calibrate import pooled_threshold

    # another hand's questions: right answers down to margin -6, wrong ones mostly lower (and one high)
    right = [Outcome(f"r{i}", ("3处",), "3处", m, 10, m) for i, m in enumerate([9, 8, 6, 5, 3, 2, 0, -2, -4, -6])]
    wrong = [Outcome(f"w{i}", ("3处",), "9个", m, 10, m) for i, m in enumerate([4, -5, -7, -8, -9, -10, -12])]
    unanswerable = [Outcome("u", (), "7个", -3.0, 10, -3.0)]  # an answer to an unanswerable question is wrong
    threshold, fitted = pooled_threshold(right + wrong + unanswerable)
    curve = Confidence(fitted["a"], fitted["b"])
    assert fitted["fitted_on"] == 18 and fitted["right"] == 10
    assert -7 < threshold < 0 and abs(curve.probability(threshold) - 0.5) < 0.01
    assert pooled_threshold(right) is None  # nothing wrong: no curve, no threshold


def test_model_card_names_backbone_licence_and_each_squad_file_with_its_licence(tmp_path):
    from qa.training.card import model_card

    config = TrainConfig(squad=("x/drcd_dev.zh-hans.json", "x/cmrc2018_trial.json"), n=0)
    m3e = model_card(config, {"steps": 1}, "/venv/embedding/m3e-small")
    assert "non-commercial" in m3e and "CC BY-SA 3.0" in m3e and "CC BY-SA 4.0" in m3e and "Generated" not in m3e
    folder = tmp_path / "e5"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"model_type": "xlm-roberta"}))
    e5 = model_card(config, {"steps": 1}, str(folder))
    assert "MIT" in e5 and "non-commercial" not in e5 and "multilingual-e5-small" in e5


def test_hedged_answers_are_counted_apart_from_hard_abstentions():
    from qa.training.calibrate import Outcome, score

    outcomes = [Outcome("a", ("8所",), "8所", 5.0, 1.0), Outcome("b", ("26小时",), "26小时", 1.0, 1.0, hedgeable=True),
                Outcome("c", ("759支",), "3支", 1.5, 1.0, hedgeable=True), Outcome("d", (), "12次", 2.0, 1.0, hedgeable=True),
                Outcome("e", ("今年2月",), "体验车", 1.0, 1.0), Outcome("f", ("1人",), "1人", -3.0, 1.0, hedgeable=True)]
    s = score(outcomes, 3.0, band=3.0)  # hedged: margins in [0, 3) of the asked type: b, c, d
    assert (s["hedged"], s["hedged_right"], s["hedged_unanswerable"]) == (3, 1, 1)
    assert s["abstain_rate_answerable"] == 0.8 and s["hard_abstain_rate_answerable"] == 0.4  # (4 - 2) / 5
    assert score(outcomes, 3.0)["hedged"] == 0
