"""The worked examples in the docstrings of the question-reading modules hold (doctest): they are the modules'
documentation, so a change that breaks one fails here."""
import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["qa.conversation_last", "qa.conversation_across", "qa.reading.qualifiers",
                                  "qa.rewrite", "qa.kinds", "qa.reworded", "qa.quantities", "embeddings.places",
                                  "qa.list_bounds", "qa.list_most", "qa.reading.counted", "qa.reading.events",
                                  "qa.reading.spans", "qa.reading.listed_spans", "qa.reading.concepts",
                                  "qa.list_ranked", "qa.list_attached", "qa.everyday",
                                  "qa.reading.formal", "qa.reading.name_prefix", "qa.reading.verb_object", "qa.reading.plans",
                                  "qa.reading.span_edges", "qa.reading.number_edges", "qa.reading.bf16", "qa.reading.enumerated", "qa.reading.kind_checks", "qa.reading.list_tails", "qa.reading.list_head", "qa.roles", "qa.reading.answer_types", "qa.conversation_clause", "qa.retrieval.row_spread", "qa.reading.said_clause", "qa.reading.verb_edges", "qa.reading.paired", "qa.reading.list_margin", "qa.reading.row_margin", "qa.reading.unit_margin", "qa.concise", "qa.reading.cells", "qa.reading.decoding", "qa.reading.titles", "qa.reading.restated", "qa.conversation_aspect", "qa.interfaces.loading", "embeddings.ingest",
                                  "embeddings.onnx", "qa.source", "qa.subject", "qa.list_excluded",
                                  "qa.compare_dates", "qa.list_quoted", "qa.list_headings", "qa.retrieval.retriever"])
def test_the_module_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
