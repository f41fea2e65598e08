"""Evaluation: gold question sets (eval/data), their validator, metrics, the harness (`qa eval`), the
results it fills (`results`), the report and plots written from those results, reader comparisons and
the HTTP load test.

May import: `qa/` (the assistant, retrieval, reading, settings, types, `qa.metrics`, the gold loader in
`qa.training.gold`) and `embeddings/`, matplotlib in the plots only. Nothing in `qa/` imports `eval/`
except the CLI, which delegates `qa eval` to `eval.harness`.
"""
