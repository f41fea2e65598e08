"""The app's page tells Gradio the browser speaks Chinese; nothing else served is touched (ui.locale)."""
import asyncio

from ui.locale import SCRIPT, ChineseFirst, with_script


def test_the_script_goes_first_in_the_head():
    assert with_script(b"<html><head><title>x</title></head>") == b"<html><head>" + SCRIPT + b"<title>x</title></head>"
    assert with_script(b"<p>no head</p>") == b"<p>no head</p>"


def _serve(path: str, content_type: bytes, chunks: list[bytes]):
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type), (b"content-length", b"99")]})
        for i, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < len(chunks) - 1})

    sent = []

    async def send(message):
        sent.append(message)

    asyncio.run(ChineseFirst(app)({"type": "http", "method": "GET", "path": path}, None, send))
    return sent


def test_the_page_is_rewritten_whole_with_its_length():
    sent = _serve("/", b"text/html; charset=utf-8", [b"<html><he", b"ad><title>"])
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert body == b"<html><head>" + SCRIPT + b"<title>"
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(body)).encode()


def test_a_served_html_file_and_other_types_pass_untouched():
    for path, kind in (("/gradio_api/file=report.html", b"text/html"), ("/", b"application/json")):
        sent = _serve(path, kind, [b"<html><head>"])
        assert sent[-1]["body"] == b"<html><head>" and dict(sent[0]["headers"])[b"content-length"] == b"99"
