"""The reader with a tiny model built from a config (no downloads, milliseconds)."""
import math

import numpy as np
import pytest

from embeddings.types import Passage
from qa.errors import InputError, ModelMissingError
from qa.reading.reader import Reader, passage_header, window_offsets
from qa.training.tiny import make_tiny_reader
from qa.types import Hit

P1 = Passage("r001-p001", 1, "芜湖市为驻芜部队提供用地527亩，累计投入资金3.5亿元。", 0, 29, subtitle="芜湖市双拥工作综述", places=("芜湖市",))
P2 = Passage("r002-p001", 2, "张掖市共建双拥示范街道12处，慰问官兵1359人。", 0, 25, subtitle="张掖市双拥工作综述", places=("张掖市",))

TEXTS = [P1.text, P2.text, P1.subtitle, P2.subtitle, "芜湖市为驻芜部队提供用地多少亩？", "我市举办报告会20余次，举办了多少次报告会？测试问题"]


@pytest.fixture(scope="module")
def tiny_reader_dir(tmp_path_factory):
    return make_tiny_reader(tmp_path_factory.mktemp("tiny-reader"), TEXTS)


def test_constructor_is_cheap_and_missing_model_names_the_fix(tmp_path):
    reader = Reader(tmp_path / "nothing-here")  # no loading yet
    with pytest.raises(ModelMissingError, match="nothing-here.*train"):
        reader.warm_up()
    with pytest.raises(InputError, match="stride"):
        Reader(tmp_path, max_length=100, stride=60)


def test_answers_are_cut_from_passage_offsets(tiny_reader_dir):
    reader = Reader(tiny_reader_dir, max_length=64, stride=16)
    result = reader.read("芜湖市为驻芜部队提供用地多少亩？", [Hit(P1, 0.03, 1), Hit(P2, 0.02, 2)], top_n=3)
    assert 1 <= len(result.answers) <= 3 and math.isfinite(result.margin)
    for a in result.answers:
        assert a.passage.text[a.start:a.end] == a.text and a.text
        assert "：" not in a.text or a.text in a.passage.text  # never from the header
    assert len({a.text for a in result.answers}) == len(result.answers)


def test_long_passages_are_read_in_strided_windows_batched_by_length(tiny_reader_dir):
    long = Passage("r003-p001", 3, "，".join(["我市举办报告会20余次"] * 12) + "。", 0, 0, subtitle="测试")
    reader = Reader(tiny_reader_dir, max_length=48, stride=12)
    calls = []
    reader.warm_up()
    real = reader.runtime.logits
    reader.runtime.logits = lambda inputs: calls.append(inputs["input_ids"].shape) or real(inputs)
    result = reader.read("举办了多少次报告会？", [long, P1])
    assert calls[0][0] > 2 and len(calls) <= 3  # the full-length windows in one pass, shorter ones after
    assert max(c[1] for c in calls[1:]) < calls[0][1] if len(calls) > 1 else True  # never padded to the longest
    assert all(a.passage.text[a.start:a.end] == a.text for a in result.answers)


def test_read_more_below_reads_later_passages_only_for_unsure_questions(tiny_reader_dir):
    reader = Reader(tiny_reader_dir, max_length=64, stride=16)
    hits = [Hit(P1, 0.03, 1), Hit(P2, 0.02, 2)]
    questions = ["芜湖市为驻芜部队提供用地多少亩？", "张掖市共建双拥示范街道多少处？"]
    eager = reader.read_batch(questions, [hits, hits[::-1]], top_n=3)
    reader.warm_up()
    real, calls = reader.runtime.logits, []
    reader.runtime.logits = lambda inputs: calls.append(inputs["input_ids"].shape[0]) or real(inputs)

    sure = reader.read_batch(questions, [hits, hits[::-1]], top_n=3, read_more_below=-1e9)
    assert len(calls) == 1  # one pass over the first passage of each question, none after
    assert {a.passage.id for a in sure[0].answers} == {P1.id} and {a.passage.id for a in sure[1].answers} == {P2.id}

    calls.clear()
    unsure = reader.read_batch(questions, [hits, hits[::-1]], top_n=3, read_more_below=1e9)
    assert len(calls) == 2  # the second passages in a second pass
    for lazy, full in zip(unsure, eager):  # decoded together, exactly as if read at once
        assert [(a.text, a.passage.id, a.start, a.score) for a in lazy.answers] == \
               [(a.text, a.passage.id, a.start, a.score) for a in full.answers]
        assert lazy.margin == pytest.approx(full.margin)
        assert all(a.passage.text[a.start:a.end] == a.text for a in lazy.answers)


def test_length_buckets_group_similar_lengths():
    from qa.reading.reader import length_buckets

    assert length_buckets([300, 90, 310, 100]) == [[2, 0], [3, 1]]
    assert length_buckets([100] * 5, max_size=2) == [[0, 1], [2, 3], [4]]
    assert sorted(i for b in length_buckets([5, 50, 500, 51, 6]) for i in b) == [0, 1, 2, 3, 4]
    assert length_buckets([]) == []


def test_peaked_logits_give_the_exact_characters(tiny_reader_dir):
    """Logits that peak on the tokens of "527" and "亩" decode to the characters "527亩"."""
    reader = Reader(tiny_reader_dir, max_length=64, stride=16)
    reader.warm_up()
    tok = reader.runtime.tokenizer
    start_id, end_id = tok.convert_tokens_to_ids("5"), tok.convert_tokens_to_ids("亩")

    def fake(inputs):
        start = (inputs["input_ids"] == start_id).astype(np.float32) * 10
        end = (inputs["input_ids"] == end_id).astype(np.float32) * 10
        start[:, 0] = end[:, 0] = 1.0
        return start, end

    reader.runtime.logits = fake
    result = reader.read("用地多少？", [P1], top_n=1)
    assert result.answers[0].text == "527亩" and (result.answers[0].start, result.answers[0].end) == (12, 16)
    assert result.margin == pytest.approx(20 - 2)


def test_nothing_to_read_and_bad_input(tiny_reader_dir):
    reader = Reader(tiny_reader_dir)
    assert reader.read("问题？", []).answers == () and reader.read("问题？", []).margin == float("-inf")
    with pytest.raises(InputError, match="Passage or Hit"):
        reader.read("问题？", ["text"])
    with pytest.raises(InputError, match="top_n"):
        reader.read("问题？", [P1], top_n=0)


def test_header_names_report_and_is_never_an_answer():
    assert passage_header(P1) == "芜湖市双拥工作综述："
    assert passage_header(Passage("x", 1, "t", 0, 1, title="标题", places=("张掖市",))) == "标题｜张掖市："
    offsets, ctx = window_offsets([(0, 0), (0, 1), (0, 0), (0, 2), (2, 3), (3, 4), (0, 0)],
                                  [None, 0, None, 1, 1, 1, None], header_len=3)
    assert ctx == [False, False, False, False, False, True, False] and offsets[5] == (0, 1)
    # a token across the header's end ("：535") may start an answer at the passage's first character
    offsets, ctx = window_offsets([(0, 0), (0, 2), (2, 5), (5, 6)], [None, 1, 1, 1], header_len=3)
    assert ctx == [False, False, True, True] and offsets[2] == (0, 2)


@pytest.mark.real_models
def test_shipped_reader_extracts_and_abstains():
    from qa.settings import Settings

    reader = Reader(Settings().reader, max_length=192, stride=64, max_answer_len=16)
    result = reader.read("芜湖市为驻芜部队提供了多少亩用地？", [P1, P2])
    assert result.answers[0].text == "527亩" and result.answers[0].passage is P1
    assert reader.read("张掖市慰问了多少名官兵？", [P2]).answers[0].text == "1359人"
    # the answer is the passage's first characters: the token ":53" straddles the header's end
    first = Passage("x", 1, "535名退役军人担任“兵支书”，带领群众发展产业。", 0, 24, subtitle="六盘水市双拥工作综述",
                    places=("六盘水市",))
    assert reader.read("六盘水有多少名退役军人担任了“兵支书”？", [first]).answers[0].text == "535名"


def test_type_prior_prefers_and_cuts_spans_of_the_asked_shape():
    from qa.reading.answer_types import expected_type
    from qa.reading.reader import type_prior

    text = "2022年以来，吴忠军分区投资30万元打造少年军校，培训125名学员。"
    money = expected_type("吴忠军分区投资多少打造了少年军校？")
    start, end, prior = type_prior(text, 0, text.index("打造"), money)
    assert text[start:end] == "30万元" and prior == 0.5
    s = text.index("125名")
    assert type_prior(text, s, s + 4, money)[2] == -1.0
    s = text.index("30万元")
    assert type_prior(text, s, s + 4, money) == (s, s + 4, 1.0)
    assert type_prior(text, 0, 5, None) == (0, 5, 0.0)
    s = text.index("125")  # a span short of its measure word grows to it
    assert type_prior(text, s, s + 3, expected_type("培训了多少名学员？")) == (s, s + 4, 0.5)


def test_a_question_is_read_as_asked_without_chat_politeness(tiny_reader_dir):
    reader = Reader(tiny_reader_dir, max_length=64, stride=16)
    hits = [Hit(P1, 0.03, 1)]
    plain = reader.read("芜湖市为驻芜部队提供用地多少亩？", hits, top_n=3)
    for typed in ("请问一下，芜湖市为驻芜部队提供用地多少亩？", "我想知道芜湖市为驻芜部队提供用地多少亩？ ",
                  "芜湖市为驻芜部队提供用地多少亩？谢谢！"):
        again = reader.read(typed, hits, top_n=3)
        assert again.margin == plain.margin and [a.text for a in again.answers] == [a.text for a in plain.answers]
    other = reader.read("芜湖市为驻芜部队提供用地多少亩。测试问题？", hits, top_n=3)  # a real difference still reads differently
    assert other.margin != plain.margin


def test_everyday_words_are_read_as_the_reports_write_them(tiny_reader_dir):
    """The model is given 看病补贴 / 几号 as 医疗补贴 / 哪一天 (qa.reading.formal); the answer's text is still cut from the
    passage and the question kept as asked for everything else."""
    reader = Reader(tiny_reader_dir, max_length=64, stride=16)
    reader.warm_up()
    seen = []
    windows = reader.runtime.windows
    reader.runtime.windows = lambda questions, contexts, **kw: (seen.extend(questions), windows(questions, contexts, **kw))[1]
    result = reader.read("芜湖市为驻芜部队发放看病补贴多少元？是几号发的？", [Hit(P1, 0.03, 1)], top_n=3)
    assert seen == ["芜湖市为驻芜部队发放医疗补贴多少元？是哪一天发的？"]
    assert all(P1.text[a.start:a.end] == a.text for a in result.answers)


def test_the_bf16_reader_multiplies_in_bfloat16_and_reads_as_fp32_does(tiny_reader_dir):
    """QA_READER_PRECISION=bf16: the encoder's linear layers hold bfloat16 weights, the answer head stays float32,
    and the logits stay within bfloat16 rounding of float32's (the shipped reader gave the same answer to all 356
    gold questions: eval.int8_check --against bf16)."""
    import torch

    fp32, bf16 = (Reader(tiny_reader_dir, max_length=64, stride=16, backend="torch", precision=p) for p in ("fp32", "bf16"))
    bf16.warm_up()
    dtypes = {name: m.weight.dtype for name, m in bf16.runtime.model.named_modules() if hasattr(m, "weight")
              and getattr(m, "weight", None) is not None and m.weight.dim() == 2 and "embeddings" not in name}
    assert dtypes.pop("qa_outputs") == torch.float32 and set(dtypes.values()) == {torch.bfloat16}
    question = "芜湖市为驻芜部队提供用地多少亩？"
    fp32.warm_up()
    enc = fp32.runtime.windows([question], [P1.text], max_length=64, stride=16)
    arrays = {k: np.array(v, dtype=np.int64) for k, v in enc.features.items()}
    (s32, e32), (s16, e16) = fp32.runtime.logits(arrays), bf16.runtime.logits(arrays)
    assert s16.dtype == np.float32 and not np.array_equal(s16, s32)
    assert np.allclose(s16, s32, atol=0.1) and np.allclose(e16, e32, atol=0.1)
    answer = bf16.read(question, [P1], top_n=1).answers[0]
    assert answer.passage.text[answer.start:answer.end] == answer.text
    with pytest.raises(InputError, match="bf16.*torch"):
        Reader(tiny_reader_dir, backend="onnx", precision="bf16")
