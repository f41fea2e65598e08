"""Retrieval: find the passages of an index closest to a question, by meaning (FAISS) and by keywords
(BM25 over jieba words), fused by weighted reciprocal rank fusion; the stores behind one protocol later.

May import: `embeddings/` (index, encoders, places), `qa.settings`, `qa.types`, `qa.errors`. Never the
reader, the assistant, the interfaces, `eval/`, gradio or fastapi.
"""
