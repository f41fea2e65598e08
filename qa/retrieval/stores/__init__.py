"""The stores behind the retriever, one protocol (`base.Store`): `faiss` (the index folder, embedded; the
default) and `milvus` (Milvus Lite in-process for a local file, or a Milvus server or cluster by URI)."""
