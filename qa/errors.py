"""Errors of the question side (all derive from embeddings.errors.QAError)."""
from embeddings.errors import (  # noqa: F401  (re-exported)
    DependencyMissingError,
    DocumentError,
    IndexDamagedError,
    IndexMismatchError,
    IndexNotFoundError,
    InputError,
    ModelMissingError,
    QAError,
)
