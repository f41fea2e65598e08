"""Importable copies of fixtures' data for tests that need it at module level."""
from conftest import MINI_COMPILATION as MINI  # noqa: F401
