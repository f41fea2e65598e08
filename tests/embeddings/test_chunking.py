from embeddings.chunking import ChunkSpec, chunk_blocks, sentence_spans
from embeddings.reports import Block, report_text


def test_sentence_spans_split_after_final_punctuation_and_quotes():
    text = "共建12处。他说：“成效明显！”然后；结束"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["共建12处。", "他说：“成效明显！”", "然后；", "结束"]


def test_long_paragraph_splits_at_sentence_ends_with_overlap():
    sentences = [f"第{i}句话讲述了双拥工作的一个方面内容。" for i in range(12)]
    blocks = (Block("paragraph", "".join(sentences)),)
    text, spans = report_text(blocks)
    chunks = chunk_blocks(blocks, spans, ChunkSpec(max_chars=80, min_chars=5, overlap_sentences=1))
    assert len(chunks) > 1
    for c in chunks:
        piece = text[c.start:c.end]
        assert len(piece) <= 80 and piece.endswith("。") and piece.startswith("第")
    for a, b in zip(chunks, chunks[1:]):
        assert b.start < a.end  # one sentence of overlap


def test_tiny_paragraph_joins_neighbour_in_same_section_only():
    blocks = (Block("heading", "一、甲"), Block("paragraph", "短句。"), Block("paragraph", "这是一个足够长的段落，" * 5),
              Block("heading", "二、乙"), Block("paragraph", "又一个足够长的段落，讲的是别的事情。" * 3), Block("paragraph", "尾巴。"))
    text, spans = report_text(blocks)
    chunks = chunk_blocks(blocks, spans, ChunkSpec(max_chars=400, min_chars=10))
    assert [(c.section, text[c.start:c.end][:3]) for c in chunks] == [("一、甲", "短句。"), ("二、乙", "又一个")]
    assert text[chunks[1].start:chunks[1].end].endswith("尾巴。")
    assert [c.paragraph for c in chunks] == [1, 3]
