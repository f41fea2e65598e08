"""Integrations: the retriever inside other tools' frameworks (`langchain`: a LangChain retriever).

May import: `qa.retrieval`, `qa.settings`, `qa.types`, `embeddings/`, and the framework it adapts to
(imported only here, so the rest of `qa` never needs it). Nothing else in `qa` imports this package.
"""
