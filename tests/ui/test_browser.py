"""The chat UI in a real headless Chromium (Debian's /usr/bin/chromium), over the fake assistant."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("QA_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIRST = "张掖市累计为驻地部队划拨了多少亩土地？"
WAIT_MS = 20_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def url():
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from ui.app import build_app, launch
    from qa.interfaces.fake import FakeAssistant

    port = free_port()
    app = launch(build_app(FakeAssistant(delay=0.3)), port=port, block=False)  # serves from a thread
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install it with `apt-get update && apt-get install -y chromium`")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.locator("#qa-question textarea").wait_for()
    yield page
    page.close()


def ask(page, question: str) -> None:
    box = page.locator("#qa-question textarea")
    box.fill(question)
    box.press("Enter")


def last_reply(page, count: int):
    """The count-th assistant message (1-based), once it has arrived."""
    replies = page.locator("#qa-chat [data-testid='bot']")
    replies.nth(count - 1).wait_for()
    replies.nth(count - 1).locator(".qa-pending").wait_for(state="detached")  # shown while it is being answered
    return replies.nth(count - 1)


def test_first_load_shows_examples_and_index_panel(page):
    # the question box can render before the examples do (CI once counted 0 here): wait for them, up to WAIT_MS
    page.get_by_text("示例问题").first.wait_for()
    assert page.get_by_text("示例问题").count() >= 1
    assert page.get_by_role("button", name=FIRST).count() >= 1 or page.get_by_text(FIRST).count() >= 1
    page.get_by_text("索引内容").click()
    page.get_by_text("fake-encoder").wait_for()


def test_answer_with_cited_excerpt_highlight_and_followup(page):
    ask(page, FIRST)
    reply = last_reply(page, 1)
    reply.locator("details.qa-source mark").first.wait_for()
    assert "2000多亩" in reply.inner_text() and "置信度" in reply.inner_text()
    excerpt = reply.locator("details.qa-source[open] .qa-excerpt")
    assert excerpt.locator("mark").inner_text() == "2000多亩"
    assert "第4段" in reply.locator("details.qa-source summary").first.inner_text()

    ask(page, "那芜湖呢？")
    followup = last_reply(page, 2)
    followup.locator(".qa-rewritten").wait_for()
    assert "芜湖市累计为驻地部队划拨了多少亩土地？" in followup.locator(".qa-rewritten").inner_text()
    assert followup.locator("details.qa-source[open] mark").inner_text() == "300余亩"

    ask(page, "哪个更多？")  # the chat keeps both turns: the two places are compared on the topic
    compared = last_reply(page, 3)
    compared.locator("table.qa-parts").wait_for()
    assert "张掖（2000多亩）多于芜湖（300余亩）" in compared.inner_text()


def test_unanswerable_question_shows_no_answer_and_closest_passages(page):
    ask(page, "开封市有几只大熊猫？")
    reply = last_reply(page, 1)
    reply.locator(".qa-no-answer").wait_for()
    assert "这些报告没有回答这个问题" in reply.inner_text()
    assert reply.locator("details.qa-source").count() >= 1 and reply.locator("mark").count() == 0


def test_bad_input_gets_messages_and_no_markup_is_rendered(page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for n, question in enumerate(["<script>alert(1)</script><b id='inj'>x</b>", "hello world", "张" * 100_000], 1):
        ask(page, question)
        last_reply(page, n).locator(".qa-error").wait_for()
    chat = page.locator("#qa-chat")
    assert "HTML 或脚本标记" in chat.inner_text() and "不含汉字" in chat.inner_text()
    assert "上限是 500" in chat.inner_text()
    assert page.locator("#inj").count() == 0 and not dialogs
    assert "Traceback" not in chat.inner_text()


def test_two_sessions_at_once_get_their_own_answers(browser, url):
    pages = [browser.new_page() for _ in range(2)]
    try:
        for p in pages:
            p.set_default_timeout(WAIT_MS)
            p.goto(url)
        ask(pages[0], FIRST)
        ask(pages[1], "芜湖市累计为驻地部队划拨了多少亩土地？")
        marks = [last_reply(p, 1).locator("details.qa-source[open] mark").inner_text() for p in pages]
        assert marks == ["2000多亩", "300余亩"]
    finally:
        for p in pages:
            p.close()


def test_gradio_speaks_chinese_in_an_english_browser(browser, url):
    """Gradio's own words follow the browser's language; the UI tells it Chinese (ui.locale)."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url)
        page.locator("#qa-question textarea").wait_for(timeout=WAIT_MS)
        page.wait_for_function("document.documentElement.lang === 'zh-CN'", timeout=WAIT_MS)
        assert "Use via API" not in page.inner_text("body")
    finally:
        context.close()


def test_a_comparison_table_keeps_place_names_and_confidence_on_one_line(page):
    ask(page, "张掖和芜湖谁划拨的土地更多？")
    reply = last_reply(page, 1)
    cells = reply.locator("table.qa-parts tbody tr").first.locator("td")
    cells.first.wait_for()
    # found in a real browser: the 地区 column was one character wide (双/鸭/山 stacked) and 置信度 wrapped
    assert cells.nth(0).evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    assert cells.nth(2).evaluate("e => getComputedStyle(e).whiteSpace") == "nowrap"
    line = cells.nth(0).evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 24")
    assert cells.nth(0).bounding_box()["height"] < 2.5 * line
    # and the value column was 2–4 characters wide: 527 / 亩 on two lines
    assert cells.nth(1).bounding_box()["height"] < 2.5 * line


def test_a_new_answer_is_shown_from_its_question_down(page):
    # found in a real browser: a long list answer scrolled the chat to its end, the question out of view; the chat
    # is made short here so that the fake's answers are taller than it
    page.add_style_tag(content="#qa-chat .bubble-wrap { height: 220px !important; max-height: 220px !important; }")
    for n, question in enumerate(["张掖划拨了多少土地？", "芜湖划拨了多少土地？", "张掖和芜湖谁划拨的土地更多？"], 1):
        ask(page, question)
        last_reply(page, n)
    page.wait_for_timeout(300)
    chat = page.locator("#qa-chat .bubble-wrap")
    box, asked = chat.bounding_box(), page.locator("#qa-chat [data-testid='user']").nth(2).bounding_box()
    assert chat.evaluate("e => e.scrollHeight - e.clientHeight - e.scrollTop") > 20  # not scrolled to its end
    # the last question at the top of the chat, below its share and clear icons (they covered it at the very top)
    assert box["y"] + 30 <= asked["y"] < box["y"] + 80
