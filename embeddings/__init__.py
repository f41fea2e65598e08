"""Text -> vectors -> index: loading and chunking reports, encoders, the FAISS + BM25 index."""
