"""A hostile sweep of the interfaces (issue 22's families, new variants): damaged index files, hostile report
files, HTTP, MCP over stdio, the CLI and its settings. `python -m eval.hostile_sweep` runs them all."""
