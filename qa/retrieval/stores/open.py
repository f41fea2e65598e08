"""Open the store the settings name: `faiss` (the index folder) or `milvus` (a Milvus Lite file or a server)."""
from __future__ import annotations

from embeddings.errors import InputError
from qa.settings import Settings

STORES = ("faiss", "milvus")


def open_store(settings: Settings, *, encoder_name: str | None = None):
    """The store of settings.store at settings.index_dir (FAISS) or settings.milvus_uri (Milvus)."""
    if settings.store == "faiss":
        from qa.retrieval.stores.faiss_store import FaissStore

        return FaissStore.open(settings.index_dir, encoder_name=encoder_name)
    if settings.store == "milvus":
        from qa.retrieval.stores.milvus_store import MilvusStore

        return MilvusStore.open(settings.milvus_uri, settings.milvus_collection, encoder_name=encoder_name)
    raise InputError(f"store must be one of {STORES}, got {settings.store!r}: set QA_STORE or --store")
