"""Interfaces: thin shells over the assistant for people and programs. `cli` parses the `qa` command's
arguments and hands each subcommand to `commands` (or to the module it delegates to), `service` is the
FastAPI app with its pydantic models in `service_models`, `batching` gathers the service's concurrent calls
into batches on one worker, `render` prints a response for the terminal, `followup` rewrites a chat's
follow-up question ("那芜湖呢？"), `mcp_server` serves search, ask and reports as MCP tools, and `fake` is a deterministic assistant for
tests and demos.

May import: everything below it (`qa.assistant`, `qa.retrieval`, `qa.reading`, `qa.settings`, `qa.types`,
`embeddings/`), fastapi and uvicorn in the service only, mcp in mcp_server only; `eval/` and `qa.training` only as the modules the
CLI delegates `qa eval` and `qa train-reader` to. Nothing below the interfaces imports this package.
"""
