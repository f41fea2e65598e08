"""The extractive reader: a BERT-style question-answering model over retrieved passages.

All windows of all passages of a question (and of all questions of a batch) go through the
model in one forward pass; `qa.reading.decoding` turns the logits into character spans.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from embeddings.errors import InputError, ModelMissingError
from embeddings.onnx import check_backend, choose_export, pad_rows
from embeddings.onnx_quantize import check_precision
from embeddings.types import Passage
from qa.reading.answer_types import PERSON, AnswerType, expected_type, grow, is_named_person, snap
from qa.reading.decoding import Span, Window, decode, tidy
from qa.reading.plans import facts_first, leads_with_other
from qa.reading.restated import not_restated
from qa.reading.enumerated import enumerated, etc_off
from qa.reading.listed_spans import coordinated, except_said
from qa.reading.list_head import grown_list
from qa.reading.formal import for_passage, formal
from qa.reading.kind_checks import count_unmet
from qa.reading.name_prefix import with_modifier, with_place_before, with_zhi
from qa.reading.span_edges import trimmed
from qa.reading.spans import as_precise_as_asked, current_value, earlier_value, whole_name
from qa.reading.runtime import MAX_QUESTION_CHARS, OnnxQA, TorchQA, encode_windows  # noqa: F401  (re-exported)
from qa.types import Answer, Hit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadResult:
    """The reader's answers (best first) and its best margin over "no answer".

    `margin` is the best span score minus its window's null ([CLS]) score: the higher, the surer
    the reader is that the passages hold an answer; -inf when there was nothing to read.
    """

    answers: tuple[Answer, ...]
    margin: float


def passage_header(passage: Passage) -> str:
    """What the reader sees before a passage: its report and places, e.g. "张掖市创建…综述：".

    The text often says only 我市; the header lets the reader tell a passage of the asked-about
    place from a look-alike passage of another report. Header tokens are never answers.
    """
    title = passage.subtitle or passage.title
    places = [p for p in passage.places if p not in title]
    return "｜".join([title] + places) + "：" if title or places else ""


def window_offsets(offsets: Sequence[Sequence[int]], sequence_ids: Sequence[int | None],
                   header_len: int) -> tuple[list[tuple[int, int]], list[bool]]:
    """Token offsets into the passage text (header removed) and which tokens may be answers.

    A token that straddles the header's end ("：535" for header "…：" and text "535名…") is context, cut
    from the passage's first character: else an answer at a passage's very start could never be cut.
    window_offsets([(0, 3), (3, 5)], [1, 1], header_len=4) -> ([(0, 0), (0, 1)], [False, True])
    """
    shifted = [(max(s - header_len, 0), max(e - header_len, 0)) for s, e in offsets]
    is_context = [sid == 1 and e > header_len and e > s for sid, (s, e) in zip(sequence_ids, offsets)]
    return shifted, is_context


class Reader:
    """Extract answer spans from passages with a question-answering model (a folder or hub name)."""

    def __init__(self, model_name_or_path: str | Path, *, max_length: int = 384, stride: int = 128,
                 max_answer_len: int = 30, device: str = "cpu", retrieval_weight: float = 1.0,
                 quantize: bool = False, type_weight: float = 1.0, backend: str = "auto",
                 precision: str = "fp32") -> None:
        if stride >= max_length // 2:
            raise InputError(f"stride must be < max_length / 2, got stride={stride}, max_length={max_length}")
        self.model_name_or_path = str(model_name_or_path)
        self.max_length = max_length
        self.stride, self.max_answer_len = stride, max_answer_len
        self.device = device
        self.retrieval_weight = retrieval_weight
        self.quantize, self.type_weight = quantize, type_weight
        self.backend = check_backend(backend)
        self.precision = check_precision(precision)
        if (quantize or self.precision == "bf16") and backend == "onnx":
            raise InputError(f"{'quantize' if quantize else 'the bf16 reader (QA_READER_PRECISION=bf16)'} runs the "
                             "reader with torch: set backend (QA_BACKEND) to auto or torch")
        self.runtime: TorchQA | OnnxQA | None = None

    @property
    def path(self) -> Path:
        return Path(self.model_name_or_path)

    def warm_up(self) -> None:
        """Load the model now (the first `read` does it otherwise): its ONNX export when the backend setting
        allows and one exists (embeddings.onnx), else transformers on torch."""
        if self.runtime is not None:
            return
        name = self.model_name_or_path
        looks_local = name.startswith((".", "/", "~")) or self.path.exists() or name.count("/") > 1
        if looks_local and not (self.path / "config.json").exists():
            raise ModelMissingError(self._missing_message())
        export = None if self.quantize or self.precision == "bf16" else choose_export(name, "question-answering",
                                                                                     self.backend)
        if export is None and self.precision == "int8":
            raise ModelMissingError(f"the int8 reader runs on ONNX Runtime: there is no ONNX export of {name} "
                                    "(run `qa export-onnx --int8`) or QA_BACKEND=torch; set QA_READER_PRECISION=fp32")
        runtime = (OnnxQA(export, precision=self.precision) if export
                   else TorchQA(name, device=self.device, quantize=self.quantize, precision=self.precision))
        runtime.load(self._missing_message())
        self.runtime = runtime
        log.info("reader loaded from %s (%s, %s)", name, runtime.backend, getattr(runtime, "precision", "fp32"))

    def _missing_message(self) -> str:
        return (f"reader model not found at {self.model_name_or_path}: train one with "
                "`qa train-reader` (python -m qa.training.train), or point QA_READER / Settings.reader "
                "at a folder holding a question-answering model")

    def read(self, question: str, passages: Sequence[Passage | Hit], *, top_n: int = 3,
             read_more_below: float | None = None) -> ReadResult:
        """Answers to one question from the given passages (or hits, whose scores then count)."""
        return self.read_batch([question], [passages], top_n=top_n, read_more_below=read_more_below)[0]

    def read_batch(self, questions: Sequence[str], passages: Sequence[Sequence[Passage | Hit]], *,
                   top_n: int = 3, read_more_below: float | None = None) -> list[ReadResult]:
        """Answers to each question from its passages: one forward pass over every window.

        With `read_more_below`, only each question's first passage is read at first; the others are
        read (in a second pass, decoded together with the first) only for questions whose best margin
        is below that value, or whose best answer is a plan's for a question about facts (qa.reading.plans).
        Most questions are settled by their top passage: about 40% less reading.
        """
        if len(questions) != len(passages):
            raise InputError(f"got {len(questions)} questions but {len(passages)} passage lists")
        if top_n < 1:
            raise InputError(f"top_n must be >= 1, got {top_n}")
        items = [[_as_hit(p, rank) for rank, p in enumerate(group, 1)] for group in passages]
        atypes = [expected_type(q) if self.type_weight else None for q in questions]
        lazy = read_more_below is not None
        pairs = [(qi, h) for qi, group in enumerate(items) for h in (group[:1] if lazy else group)]
        by_question: list[list[Window]] = [[] for _ in questions]
        self._add_windows(questions, pairs, 0, by_question)
        results = [self._answers(ws, pairs, top_n, t, q) for ws, t, q in zip(by_question, atypes, questions)]
        if lazy:
            more = [(qi, h) for qi, group in enumerate(items) if results[qi].margin < read_more_below
                    or leads_with_other(results[qi].answers, questions[qi]) or count_unmet(results[qi].answers, questions[qi])
                    for h in group[1:]]
            if more:
                first = len(pairs)
                pairs = pairs + more
                self._add_windows(questions, more, first, by_question)
                for qi in sorted({qi for qi, _ in more}):
                    results[qi] = self._answers(by_question[qi], pairs, top_n, atypes[qi], questions[qi])
        return results

    def _add_windows(self, questions: Sequence[str], pairs: list[tuple[int, Hit]], first: int,
                     by_question: list[list[Window]]) -> None:
        """Read (question, passage) pairs; their windows go to by_question, Window.passage = first + pair index."""
        if not pairs:
            return
        for w in self._windows([questions[qi] for qi, _ in pairs], [h.passage for _, h in pairs]):
            by_question[pairs[w.passage][0]].append(replace(w, passage=w.passage + first))

    def _windows(self, questions: list[str], passages: list[Passage]) -> list[Window]:
        """Windows over every (question, passage) pair with logits; Window.passage indexes the pairs.

        Windows of similar length go through the model together (`length_buckets`): a short paragraph
        is not padded to the length of a long one, which would cost up to twice the compute on a batch.
        """
        self.warm_up()
        runtime = self.runtime
        headers = [passage_header(p) for p in passages]
        contexts = [h + p.text for h, p in zip(headers, passages)]  # no 请问一下; 看病补贴 -> 医疗补贴; 攀枝花西区 -> 西区
        questions = [for_passage(formal(as_question(q)), p, c) for q, p, c in zip(questions, passages, contexts)]
        enc = runtime.windows(questions, contexts, max_length=self.max_length, stride=self.stride)
        pad = {"input_ids": runtime.pad_id, "attention_mask": 0, "token_type_ids": 0}
        lengths = [len(ids) for ids in enc.features["input_ids"]]
        starts: list[np.ndarray] = [np.zeros(0)] * len(lengths)
        ends: list[np.ndarray] = [np.zeros(0)] * len(lengths)
        for bucket in length_buckets(lengths):
            inputs = {k: pad_rows([rows[i] for i in bucket], pad[k]) for k, rows in enc.features.items()}
            s_logits, e_logits = runtime.logits(inputs)
            for row, i in enumerate(bucket):
                starts[i], ends[i] = s_logits[row, :lengths[i]], e_logits[row, :lengths[i]]
        windows = []
        for i, pair in enumerate(enc.pairs):
            offsets, is_context = window_offsets(enc.offsets[i], enc.sequence_ids[i], len(headers[pair]))
            windows.append(Window(int(pair), starts[i], ends[i], offsets, is_context))
        return windows

    def _answers(self, windows: list[Window], pairs: list[tuple[int, Hit]], top_n: int,
                 atype: AnswerType | None = None, question: str = "") -> ReadResult:
        if not windows:
            return ReadResult((), float("-inf"))
        spans, margin = decode(windows, max_answer_len=self.max_answer_len, top_n=max(top_n * 3, 15))
        top_retrieval = max((pairs[s.passage][1].score for s in spans), default=0.0) or 1.0
        answers: dict[str, Answer] = {}
        for span in spans:
            answer = self._answer(span, pairs[span.passage][1], top_retrieval, atype, question)
            if answer.text not in answers or answer.score > answers[answer.text].score:
                answers[answer.text] = answer
        ranked, margin = facts_first(sorted(answers.values(), key=lambda a: -a.score), question, margin)
        kept = not_restated(question, except_said(question, ranked))  # 除了邯郸…: not 邯郸; 那23家里几家: not 23家
        if kept[:1] != tuple(ranked[:1]):
            margin = min(margin, kept[0].reader_score) if kept else float("-inf")
        return ReadResult(kept[:top_n], margin)

    def _answer(self, span: Span, hit: Hit, top_retrieval: float, atype: AnswerType | None = None,
                question: str = "") -> Answer:
        """An Answer cut from the passage; score = reader margin + weight * relative retrieval score + the answer-type
        prior (a span of the asked shape gains, others lose); the old value of a "从X提高到Y" moved to Y (to X when the
        question asks 原来…), a name grown to its head noun (qa.reading.spans)."""
        passage = hit.passage
        start, end = tidy(passage.text, span.start, span.end)
        start, end = current_value(passage.text, start, end, question) or (start, end)
        start, end = earlier_value(passage.text, start, end, question) or (start, end)
        if atype is None:
            start, end = whole_name(passage.text, start, end, question)
            start = with_place_before(passage.text, start, end, question)  # 紫薇大道街道石袁社区, not 石袁社区
            start = with_modifier(passage.text, start, end, question)  # 拥军优属女子志愿服务队 for 什么女子队伍
        start, end, prior = type_prior(passage.text, start, end, atype)
        start, end = enumerated(passage.text, *coordinated(passage.text, start, end, question), question)  # 四个环节
        start, end = grown_list(passage.text, start, end, question, named=atype is None)  # 哪些区县: 华蓥、武胜
        start, end = as_precise_as_asked(passage.text, start, end, question)  # 第几届: 第十二届; 哪年哪月: 2020年7月
        start, end = trimmed(passage.text, start, end, question)  # last: type_prior's snap may cut 共50个 of 两批共50个
        end = with_zhi(passage.text, start, end)  # 刘牢 + 之 when every 刘牢 of the passage is 刘牢之
        start, end = etc_off(passage.text, start, end, question)  # again, trimmed: 市绿委办等双拥共建单位签订了 -> 市绿委办
        score = span.margin + self.retrieval_weight * (hit.score / top_retrieval) + self.type_weight * prior
        return Answer(passage.text[start:end], round(score, 4), passage, start, end,
                      reader_score=round(span.margin, 4), retrieval_score=hit.score)


# what a person says around a question in a chat, asking nothing (请问一下…, …谢谢)
POLITE_LEAD = re.compile(r"^(?:请问|请教|想问|我想问|我想知道|我想了解|想了解|麻烦问|麻烦|帮我查查|帮我查|帮我看看|帮忙查|问一下|问下)"
                         r"(?:一下|下)?[，,：:\s]*")
POLITE_TAIL = re.compile(r"[，,\s]*(?:谢谢(?:你|您)?|多谢|麻烦了)[！!。.～~]*$")
# a chat's turn of topic before a question (换个话题，…), asking nothing either
TOPIC_LEAD = re.compile(r"^(?:换个话题|换个问题|再问一个(?:问题)?|再问个问题|还有个问题|顺便问(?:一下|下)?)[，,：:\s]+")


def as_question(text: str) -> str:
    """The question without the polite words a chat puts around it, as the reader was trained on questions
    (请问一下延安的机场叫什么？ left the reader's margin 2.6 lower than the question alone: "not found").

    >>> as_question("请问一下延安的机场叫什么？"), as_question("延安的机场叫啥，谢谢！"), as_question("请问")
    ('延安的机场叫什么？', '延安的机场叫啥', '请问')
    >>> as_question("换个话题，张掖出过什么文件？")
    '张掖出过什么文件？'
    """
    text = text.strip()
    return POLITE_TAIL.sub("", POLITE_LEAD.sub("", TOPIC_LEAD.sub("", text))) or text


def length_buckets(lengths: Sequence[int], *, slack: float = 1.25, max_size: int = 32) -> list[list[int]]:
    """Indexes grouped into batches of similar length (longest at most `slack` x shortest), longest first.

    length_buckets([300, 90, 310, 100]) -> [[2, 0], [3, 1]]: two passes instead of padding 90 to 310.
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    buckets: list[list[int]] = []
    for i in order:
        if buckets and len(buckets[-1]) < max_size and lengths[buckets[-1][0]] <= slack * lengths[i]:
            buckets[-1].append(i)
        else:
            buckets.append([i])
    return buckets


def type_prior(text: str, start: int, end: int, atype: AnswerType | None) -> tuple[int, int, float]:
    """(start, end, prior) of a span under the expected answer type: +1 when the span has the shape,
    +0.5 when a part of it has (the span is then cut to that part), -1 otherwise, 0 with no type."""
    if atype is None:
        return start, end, 0.0
    if atype is PERSON:  # a bonus for a name after a role word; no penalty (not every name has a known surname)
        return start, end, 1.0 if is_named_person(text, start, end) else 0.0
    span = text[start:end]
    if atype.matches(span):
        whole = grow(text, start, end, atype)  # "230场" -> "230场次", "14万块" -> "近14万块"
        return (*(whole or (start, end)), 1.0)
    inside = snap(span, atype)
    if inside:
        return start + inside[0], start + inside[1], 0.5
    around = grow(text, start, end, atype)
    if around:  # "35" -> "35年" for 多少年: the span lacked its unit
        return around[0], around[1], 0.5
    return start, end, -1.0


def _as_hit(item: Passage | Hit, rank: int) -> Hit:
    if isinstance(item, Hit):
        return item
    if isinstance(item, Passage):
        return Hit(item, 0.0, rank)
    raise InputError(f"read() takes Passage or Hit items, got {type(item).__name__}")
