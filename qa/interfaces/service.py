"""The HTTP service: FastAPI over the assistant, with pydantic models and OpenAPI docs at /docs.

    app = create_app(Assistant.load)          # or create_app(assistant)
    uvicorn.run(app, host="127.0.0.1", port=8000)
"""
from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from embeddings.errors import (DependencyMissingError, IndexDamagedError, IndexMismatchError, IndexNotFoundError,
                               InputError, ModelMissingError, QAError, ReportNotFoundError, SourceChangedError)
from qa.interfaces.batching import MicroBatcher
from qa.interfaces.body_guard import BodyGuard
from qa.interfaces.page_route import install_page_route
from qa.interfaces.service_models import (AskRequest, AskResponse, Health, HitOut, ReportOut,
                                          SearchRequest, SearchResponse)
from qa.interfaces.loading import assistant_factory, serving_precision, set_model_threads
from qa.settings import check_port_free, check_query, count_of, server_parser

log = logging.getLogger(__name__)
WARM_UP = "累计投入了多少资金？"  # asked once while loading, its answer thrown away

MAX_BODY_BYTES = 1_000_000
NO_ANSWER = "the reports do not answer this question; the closest passages are in `hits`"


class NotReadyError(QAError):
    """The index and models are still loading."""


# every error the service can answer with, most specific first: the one place status codes are chosen
STATUS: list[tuple[type[BaseException], int]] = [
    (ReportNotFoundError, 404), (SourceChangedError, 409), (InputError, 422), (NotReadyError, 503), (IndexNotFoundError, 503), (IndexMismatchError, 503),
    (ModelMissingError, 503), (DependencyMissingError, 503), (QAError, 500),
]


def status_for(exc: BaseException) -> int:
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 500)


class AssistantHolder:
    """The assistant, or a factory that loads it once (in the background with `start`).

    With `serialize`, model calls from concurrent requests go through the MicroBatcher's `workers` threads: that
    many calls at a time (searches batched for throughput, each question asked alone), never one per request.
    """

    def __init__(self, assistant_or_factory: Any, *, serialize: bool = True, workers: int = 1) -> None:
        is_factory = isinstance(assistant_or_factory, type) or (
            callable(assistant_or_factory) and not hasattr(assistant_or_factory, "ask"))
        self._factory: Callable[[], Any] | None = assistant_or_factory if is_factory else None
        self._assistant = None if is_factory else assistant_or_factory
        self._error: BaseException | None = None
        self._loading = threading.Event()
        self._load_lock = threading.Lock()
        self._batcher = MicroBatcher({"search": self._search_batch, "ask": self._ask_batch},
                                     workers=workers) if serialize else None

    def start(self) -> None:
        """Load in a background thread; until it is done, requests get 503."""
        if self._assistant is None and self._factory is not None:
            self._loading.set()
            threading.Thread(target=self._load, name="load-assistant", daemon=True).start()

    def get(self) -> Any:
        if self._assistant is not None:
            return self._assistant
        if self._error is not None:
            raise self._error
        if self._loading.is_set():
            raise NotReadyError("the index and models are still loading: retry in a few seconds")
        self._load()
        return self.get()

    def call(self, kind: str, item: str, **options: Any) -> Any:
        """One search or ask, batched with concurrent ones when serializing."""
        self.get()
        if self._batcher is not None:
            return self._batcher.submit(kind, item, **options)
        return (self._search_batch if kind == "search" else self._ask_batch)([item], options)[0]

    def _search_batch(self, queries: list[str], options: dict[str, Any]) -> list[Any]:
        retriever = self.get().retriever
        if hasattr(retriever, "search_batch"):
            return retriever.search_batch(queries, options.pop("k"), **options)
        return [retriever.search(q, **options) for q in queries]

    def _ask_batch(self, questions: list[str], options: dict[str, Any]) -> list[Any]:
        """One ask per question, on one of the batcher's workers: the reader pads the windows of a batch to a
        common width, so a batched answer could differ from the same question asked alone."""
        assistant = self.get()
        return [assistant.ask(q, **options) for q in questions]

    def _load(self) -> None:
        with self._load_lock:
            if self._assistant is not None or self._error is not None:
                return
            try:
                started = time.perf_counter()
                assistant = self._factory()
                try:  # one question down the whole path first: what loads on first use (jieba's dictionary, the
                    assistant.ask(WARM_UP)  # encoder) loads once here, not in two workers' first requests at once
                except Exception as exc:  # noqa: BLE001 - a request will meet and report the same
                    log.warning("the warm-up question failed (%s); serving anyway", exc)
                self._assistant = assistant
                index = getattr(getattr(self._assistant, "retriever", None), "index", None)
                log.info("ready: %s reports, %s passages, loaded in %.1f s", len(getattr(index, "reports", ())),
                         len(getattr(index, "passages", ())), time.perf_counter() - started)
            except Exception as exc:  # noqa: BLE001 - kept and re-raised on every request as a 503/500
                (log.error if isinstance(exc, QAError) else log.exception)("loading the assistant failed: %s", exc)
                self._error = exc if isinstance(exc, QAError) else ModelMissingError(f"loading failed: {exc}")
            finally:
                self._loading.clear()


def create_app(assistant_or_factory: Any, *, serialize: bool = True, background_load: bool = False,
               workers: int = 1) -> FastAPI:
    """The FastAPI app over an assistant, or over a zero-argument factory that loads one lazily."""
    holder = AssistantHolder(assistant_or_factory, serialize=serialize, workers=workers)
    app = FastAPI(title="双拥报告问答 API", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Extractive question answering over Chinese reports: search passages, ask questions; "
                              "answers carry character offsets and citations.")
    app.state.holder = holder
    _install_docs(app)
    _install_error_handlers(app)
    _install_routes(app, holder)
    app.add_middleware(BodyGuard, limit=MAX_BODY_BYTES)  # outermost: before the app reads a byte
    if background_load:
        holder.start()
    return app


def docs_assets() -> Path:
    """The folder of Swagger UI and ReDoc files shipped by the package fastapi-offline (no CDN needed)."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.origin:
        raise DependencyMissingError("the offline API docs need fastapi-offline: pip install fastapi-offline")
    return Path(spec.origin).parent / "static"


def _install_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc served from local files, so they work without internet access."""
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
    from fastapi.staticfiles import StaticFiles

    app.mount("/docs-assets", StaticFiles(directory=docs_assets()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title=f"{app.title} – docs",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon.png",
                                   oauth2_redirect_url=app.swagger_ui_oauth2_redirect_url)

    @app.get(app.swagger_ui_oauth2_redirect_url, include_in_schema=False)
    def oauth2_redirect():
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc():
        return get_redoc_html(openapi_url=app.openapi_url, title=f"{app.title} – ReDoc",
                              redoc_js_url="/docs-assets/redoc.standalone.js",
                              redoc_favicon_url="/docs-assets/favicon.png", with_google_fonts=False)


def _install_routes(app: FastAPI, holder: AssistantHolder) -> None:
    @app.get("/health", response_model=Health, summary="Is the service ready, and what does the index hold")
    def health() -> Health:
        return Health.of(holder.get())

    @app.get("/reports", response_model=list[ReportOut], summary="The reports in the index")
    def reports() -> list[ReportOut]:
        return ReportOut.all_of(holder.get().retriever.index)

    @app.post("/search", response_model=SearchResponse, summary="The passages closest to a query")
    def search(body: SearchRequest) -> SearchResponse:
        query = _checked(holder, body.query)
        hits = holder.call("search", query, k=body.k, mode=body.mode, reports=body.reports or None,
                           places=body.places or None)
        return SearchResponse(query=query, hits=[HitOut.of(h) for h in hits])

    @app.post("/ask", response_model=AskResponse, summary="An answer span with its citation, or no answer")
    def ask(body: AskRequest) -> AskResponse:
        question = _checked(holder, body.question)
        response = holder.call("ask", question, k=body.k, reports=body.reports or None, places=body.places or None,
                               history=body.turns())
        return AskResponse.of(response, message=NO_ANSWER)

    install_page_route(app, holder)  # GET /page: an answer on its PDF page (qa.interfaces.page_route)


def _checked(holder: AssistantHolder, text: str) -> str:
    """The question checked and normalised (`qa.text`) before anything loads, then against the settings."""
    text = check_query(text, sys.maxsize)
    settings = getattr(holder.get(), "settings", None)
    return check_query(text, getattr(settings, "max_query_chars", 500))


def _error(code: int, exc: BaseException | str, kind: str | None = None, **extra) -> JSONResponse:
    """The one error shape: {"error": message, "type": kind, ...}; a damaged index file is named in "file"."""
    if isinstance(exc, IndexDamagedError):
        extra.setdefault("file", exc.path)
    return JSONResponse(status_code=code, content={"error": str(exc), "type": kind or type(exc).__name__, **extra})


# the type of Starlette's own errors (an unknown path, a wrong method, a body that does not parse)
HTTP_TYPES = {404: "NotFoundError", 405: "MethodNotAllowedError"}


def _install_error_handlers(app: FastAPI) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next):
        """Turn any unexpected exception into a clean 500 (logged, not re-raised)."""
        try:
            return await call_next(request)
        except Exception:  # noqa: BLE001 - the client gets a clean message, the log gets the traceback
            log.exception("%s %s failed", request.method, request.url.path)
            return _error(500, "internal error: the failure is logged on the server; retry or report it",
                          "InternalError")

    @app.exception_handler(QAError)
    async def qa_error(request: Request, exc: QAError) -> JSONResponse:
        status = status_for(exc)
        if isinstance(exc, NotReadyError):  # expected while loading: clients poll /health until it says ok
            log.debug("%s %s -> %d: %s", request.method, request.url.path, status, exc)
            return _error(status, exc, status="loading")
        (log.error if status >= 500 else log.info)("%s %s -> %d: %s", request.method, request.url.path, status, exc)
        return _error(status, exc)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        kind = HTTP_TYPES.get(exc.status_code, "InputError" if exc.status_code < 500 else "InternalError")
        detail = f"invalid request: {str(exc.detail).lower()} (send one JSON object)" if exc.status_code == 400 \
            else str(exc.detail)
        return JSONResponse(status_code=exc.status_code, content={"error": detail, "type": kind}, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in exc.errors())
        return _error(422, f"invalid request: {problems}", "InputError")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = server_parser("qa serve", "Serve search and answers over HTTP (docs at /docs).", port=8000)
    parser.add_argument("--workers", type=count_of("workers", 64), default=2,
                        help="questions answered at once (default 2, one a core here; 1: one at a time)")
    parser.add_argument("--threads", type=count_of("threads", 256),
                        help="threads each model call computes with (default: 1 with several workers, else all cores)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """`qa serve`: start loading the assistant, then serve on --host:--port until interrupted."""
    import uvicorn

    args = parse_args(argv)
    check_port_free(args.host, args.port)  # before the index and models load: a busy port is said at once
    if args.index and not args.fake:  # fail now, not on every request: a named folder must hold an index
        from embeddings.index import read_manifest

        read_manifest(Path(args.index))
    precision = None if args.fake else serving_precision()  # the bf16 reader where the CPU has bf16 units
    factory = assistant_factory(args, precision=precision)  # reads the settings: a bad QA_* value stops here
    threads = args.threads or (1 if args.workers > 1 else 0)
    if threads and not args.fake:
        set_model_threads(threads, torch_too=precision == "bf16" or os.environ.get("QA_BACKEND") == "torch")
    app = create_app(factory, background_load=True, workers=args.workers)
    log.setLevel(min(log.getEffectiveLevel(), logging.INFO))  # the "ready: …" line once loaded
    print(f"HTTP service on http://{args.host}:{args.port} (docs at /docs; Ctrl+C to stop); loading the index "
          "and models: /health answers 503 with status \"loading\" until a \"ready\" line is logged; "
          f"{args.workers} question(s) at once" + (", the reader in bf16 (QA_READER_PRECISION=fp32 for float32)"
                                                    if precision == "bf16" else ""), flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
