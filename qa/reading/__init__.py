"""Reading: cut answer spans out of retrieved passages with an extractive QA model, then decide whether
to keep them. `reader` windows the passages and runs the model, `decoding` turns start/end logits into
character spans, `answer_types` gives the shape a question asks for (多少钱 -> an amount in 元), and
`abstain` is the one decision that keeps the answers or says, with a reason code, why there is none.

`runtime` runs the model: transformers on torch, or its ONNX export on ONNX Runtime (Settings.backend).

May import: `embeddings/` (types, places, the int8 helper, onnx), `qa.types`, `qa.errors`; torch and
transformers inside `runtime.TorchQA` only. Never retrieval, the assistant, the interfaces or `eval/`.
"""
