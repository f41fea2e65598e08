"""ASGI middleware that reads a request's body before the app does: refused with 413 as soon as it passes the
limit, however it is sent (Content-Length or chunked, which the header check alone let through in full), and
with 422 when it is not UTF-8; the app then gets the body as one message."""
from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def refusal(code: int, message: str) -> JSONResponse:
    """The service's error shape for a refused body."""
    return JSONResponse(status_code=code, content={"error": message, "type": "InputError"})


class BodyGuard:
    """Reads at most `limit` bytes of each HTTP request body, then hands the app the whole body at once."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers", ())).get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(declared)(scope, receive, send)
        body, too_large = await self._read(receive)
        if body is None:  # the client sent too much, or went away
            return await (self._too_large("over that") if too_large else _nothing)(scope, receive, send)
        problem = _not_utf8(body)
        if problem:
            return await refusal(422, problem)(scope, receive, send)
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> tuple[bytes | None, bool]:
        """(the body, False); (None, True) once it passes the limit (the rest is never read); (None, False)
        when the client disconnects."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None, False
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return None, True
            if not message.get("more_body", False):
                return b"".join(chunks), False

    def _too_large(self, size: str) -> JSONResponse:
        return refusal(413, f"request body is {size} bytes, the limit is {self.limit}: send a shorter question")


def _not_utf8(body: bytes) -> str:
    """Why body is not UTF-8 text, or "" when it is: b"\\xff{}" -> "request body is not UTF-8 (byte 0xff at 0)…"."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (f"request body is not UTF-8 (byte 0x{body[exc.start]:02x} at {exc.start}): send JSON encoded "
                f"in UTF-8")
    return ""


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the body read already, then what the client sends next (its disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _nothing(scope: Scope, receive: Receive, send: Send) -> None:
    """No response: the client is gone."""
