"""Gradio words its own labels and messages (上传, 错误, 通过 API 使用…) in the browser's language, decided as its
page starts; this UI is Chinese, so every page it serves first tells Gradio that the browser's language is
Chinese. An English-locale browser showed "Use via API" and Gradio's English upload errors beside the Chinese
UI; a script in Gradio's own `head` setting comes too late (after Gradio has chosen).

    app.launch(..., app_kwargs={"middleware": [Middleware(ChineseFirst)]})
"""
from __future__ import annotations

SCRIPT = (b"<script>for (const key of ['language', 'languages']) Object.defineProperty(navigator, key, "
          b"{get: () => key === 'language' ? 'zh-CN' : ['zh-CN', 'zh']});</script>")


def with_script(html: bytes) -> bytes:
    """The page with SCRIPT first in its head (unchanged when it has none).

    with_script(b"<html><head><title>") -> b"<html><head><script>...</script><title>"
    """
    at = html.find(b"<head>")
    return html if at < 0 else html[:at + 6] + SCRIPT + html[at + 6:]


class ChineseFirst:
    """ASGI middleware: the app's page (GET /, HTML) gets SCRIPT first in its head; every other response, a
    served file too, passes untouched."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") != "/":
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        body: list[bytes] = []

        async def rewrite(message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if headers.get(b"content-type", b"").startswith(b"text/html") and b"content-encoding" not in headers:
                    start = message  # held until the whole page is in
                    return
            elif message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                page = with_script(b"".join(body))
                headers = [(k, v) for k, v in start.get("headers") or [] if k != b"content-length"]
                await send({**start, "headers": headers + [(b"content-length", str(len(page)).encode())]})
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app(scope, receive, rewrite)
