"""Text -> passages -> vectors -> index: loading and chunking reports, encoders, the FAISS + BM25 index.

The bottom stage: imports nothing of `qa/`, `ui/` or `eval/`; torch, transformers, onnxruntime, faiss, jieba
and bm25s inside the functions that need them. `onnx` runs exported models (encoder and reader) on ONNX
Runtime, `onnx_export` makes those exports with torch.
"""
