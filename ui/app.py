"""The Gradio chat app: a thin shell over the assistant and the plain functions in ui.chat / ui.format."""
from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING, Any, Sequence

from embeddings.loaders import SUPPORTED
from ui.chat import index_info, known_places, respond, user_message
from qa.settings import check_port_free, server_parser
from ui.collection import Branding, branding
from ui.format import escape, format_index_info
from ui.library import add_files, remove_report
from ui.page import citation_choices, show_source

if TYPE_CHECKING:
    import gradio as gr

log = logging.getLogger(__name__)

CONCURRENCY = 1  # one model call at a time (tokenizers/torch are not guaranteed thread-safe); sessions stay apart in gr.State
CSS = """
.qa-source { margin: 0.4em 0; } .qa-source summary { cursor: pointer; color: #555; }
.qa-excerpt { margin: 0.3em 0 0 0; } mark { background: #ffe58a; padding: 0 2px; }
.qa-rewritten { color: #666; font-style: italic; } .qa-no-answer, .qa-error { font-weight: 600; }
.qa-confidence { color: #666; font-size: 0.9em; }
.qa-row-table { border-collapse: collapse; margin: 0.4em 0; font-size: 0.9em; }
.qa-row-table th, .qa-row-table td { border: 1px solid #ccc; padding: 2px 6px; }
.qa-row-table caption { color: #555; text-align: left; } .qa-cell-hit { background: #ffe58a; outline: 2px solid #d33; }
.qa-parts { border-collapse: collapse; margin: 0.4em 0; font-size: 0.9em; }
.qa-parts th, .qa-parts td { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }
.qa-parts th, .qa-parts td:nth-child(1), .qa-parts td:nth-child(3) { white-space: nowrap; }
.qa-parts td:nth-child(2) { min-width: 7em; }
.qa-pending { color: #888; }
.qa-paragraph { background: #fff6cc; } .qa-page-source, .qa-page-note { color: #555; font-size: 0.9em; }
"""


def build_app(assistant: Any, *, brand: Branding | None = None) -> "gr.Blocks":
    """The chat UI over `assistant` (anything with `ask` and `retriever`, e.g. qa.assistant.Assistant).

    `brand` (title, description, examples) defaults to the collection's: see ui.collection.branding.
    """
    import gradio as gr

    brand = brand or branding(assistant)
    info = index_info(assistant)
    report_choices = [(f"{r['number']} · {r['subtitle'] or r['title']}", r["number"]) for r in info["report_list"]]

    with gr.Blocks(title=brand.title, analytics_enabled=False) as app:
        gr.Markdown(f"## {escape(brand.title)}\n{escape(brand.description)}", elem_id="qa-heading")
        previous = gr.State(None)
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", show_label=False, height=520, latex_delimiters=[], elem_id="qa-chat",
                                  feedback_options=None, autoscroll=False)  # SCROLL_TO_QUESTION scrolls instead
                question = gr.Textbox(label="问题", placeholder=brand.placeholder, elem_id="qa-question", lines=1,
                                      submit_btn="提问")
                if brand.examples:
                    gr.Examples(examples=[[e] for e in brand.examples], inputs=[question], label="示例问题")
                clear = gr.Button("清空对话", size="sm")
                with gr.Accordion("原文定位：点击一个来源，查看答案在原文中的位置", open=True, elem_id="qa-page"):
                    sources = gr.Radio([], label="来源", elem_id="qa-sources")
                    page_image = gr.Image(label="原文页面（红框为答案）", type="pil", interactive=False,
                                          elem_id="qa-page-image", visible=False)  # shown only with a PDF page
                    page_text = gr.HTML(elem_id="qa-page-text")
            with gr.Column(scale=1):
                reports = gr.Dropdown(report_choices, multiselect=True, label="只在这些报告中查找",
                                      elem_id="qa-reports")
                places = gr.Dropdown(known_places(assistant), multiselect=True, label="只在这些地区中查找",
                                     elem_id="qa-places")
                with gr.Accordion("索引内容", open=False, elem_id="qa-index"):
                    summary = gr.Markdown(format_index_info(info))
                doomed = _library_panel(assistant, report_choices, [reports, places, summary])

        def turn(message, history, prev, chosen_reports, chosen_places):
            # the question shows at once with a note while it is answered (a comparison takes seconds)
            yield pending(message, history), prev, "", gr.update()
            result = respond(assistant, message, history, prev, reports=chosen_reports, places=chosen_places)
            yield result.history, result.context, "", gr.update(choices=citation_choices(result.response), value=None)

        question.submit(turn, [question, chat, previous, reports, places], [chat, previous, question, sources])
        sources.change(lambda key: _shown(*show_source(assistant, key)), [sources], [page_image, page_text])
        clear.click(lambda: ([], None, gr.update(choices=[], value=None)), None, [chat, previous, sources])
        # the chat's own trash icon forgets the conversation too (it left the follow-up context behind: 那来宾呢？
        # was still read against the cleared chat, found in a real browser)
        chat.clear(lambda: (None, gr.update(choices=[], value=None)), None, [previous, sources])
        # a new tab or a reload shows the index as it is now (uploads from another tab included), not at start-up
        app.load(lambda: current_choices(assistant), None, [reports, places, summary, doomed])
    return app


# a new question and its answer are shown from the question down: a long list or table scrolled the chat to its
# end, the question and the summary line above the view (found in a real browser). Runs once the page has loaded;
# acts only when a message is added or a pending note is replaced, so a person's own scrolling is left alone.
SCROLL_TO_QUESTION = """() => {
  let seen = "";
  const place = () => {
    const chat = document.querySelector("#qa-chat");
    const users = chat ? chat.querySelectorAll("[data-testid='user']") : [];
    if (!users.length) return;
    const key = users.length + ":" + chat.querySelectorAll("[data-testid='bot']").length + ":" +
                (chat.querySelector(".qa-pending") ? 1 : 0);
    if (key === seen) return;
    seen = key;
    const last = users[users.length - 1];
    let box = last.parentElement;
    while (box && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
      box = box.parentElement;
    }
    // 44 px: below the chat's share and clear icons, which covered a question scrolled to the very top
    if (box) box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 44;
  };
  const start = () => {
    const chat = document.querySelector("#qa-chat");
    if (!chat) return setTimeout(start, 300);
    new MutationObserver(() => requestAnimationFrame(place)).observe(chat, {childList: true, subtree: true});
  };
  start();
}"""


def pending(message: Any, history: list | None) -> list[dict[str, str]]:
    """The chat while a question is being answered: the question and a note in place of the answer.

    >>> pending("张掖划拨了多少土地？", [])[-1]["content"]
    '<span class="qa-pending">正在查找答案…</span>'
    """
    return [*(history or []), user_message(message),
            {"role": "assistant", "content": '<span class="qa-pending">正在查找答案…</span>'}]


def _shown(image: Any, html: str) -> tuple:
    """The page image box shown only when there is a page (a .txt/.md/.docx source has none), and the HTML."""
    import gradio as gr

    return gr.update(value=image, visible=image is not None), html


def current_choices(assistant: Any) -> tuple:
    """Updates of the report filter, place filter, index summary and remove list to the index as it is now."""
    import gradio as gr

    choices, places, summary = _choices(assistant)
    return gr.update(choices=choices), gr.update(choices=places), summary, gr.update(choices=choices)


def _choices(assistant: Any) -> tuple[list, list[str], str]:
    """The report choices, the places and the index summary, as they are now."""
    info = index_info(assistant)
    return ([(f"{r['number']} · {r['subtitle'] or r['title']}", r["number"]) for r in info["report_list"]],
            known_places(assistant), format_index_info(info))


def _library_panel(assistant: Any, report_choices: list, shown: list) -> Any:
    """Upload files into the index and remove reports; `shown` (report filter, place filter, index summary)
    follow every change. Returns the remove list."""
    import gradio as gr

    with gr.Accordion("管理文档", open=False, elem_id="qa-library"):
        files = gr.File(label="上传报告（.txt .md .docx .pdf，扫描图片 .png .jpg .tif，或 .zip）", file_count="multiple",
                        type="filepath", file_types=[*SUPPORTED, ".zip"], elem_id="qa-upload")
        add = gr.Button("添加到索引", size="sm", elem_id="qa-add")
        doomed = gr.Dropdown(report_choices, value=None, label="删除一篇报告（先选择）", elem_id="qa-doomed")
        remove = gr.Button("删除所选报告", size="sm", variant="stop", elem_id="qa-remove")
        status = gr.Markdown("", elem_id="qa-library-status")

    def after(outcome) -> tuple:
        choices, places, summary = _choices(assistant)
        mark = "✅" if outcome.ok else "⚠️"
        return (gr.update(choices=choices, value=[]), gr.update(choices=places, value=[]), summary,
                gr.update(choices=choices, value=None), None, f"{mark} {escape(outcome.message)}")

    def on_add(paths, progress=gr.Progress(track_tqdm=True)):
        return after(add_files(assistant, list(paths or []), progress=lambda f, what: progress(f, desc=what)))

    def on_remove(number):
        return after(remove_report(assistant, number))

    outputs = [*shown, doomed, files, status]
    # one progress bar, on the status line (by default Gradio draws it over every output: both filters, the
    # upload box and the remove list)
    add.click(on_add, [files], outputs, concurrency_limit=1, show_progress_on=[status])
    remove.click(on_remove, [doomed], outputs, concurrency_limit=1, show_progress_on=[status])
    return doomed


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    return server_parser("qa ui", "Chat with the reports in a browser.", port=7860).parse_args(argv)


def load_assistant(args: argparse.Namespace) -> Any:
    """The real assistant (it builds the index on first run if missing), or the fake one with --fake."""
    if args.fake:
        from qa.interfaces.fake import FakeAssistant

        return FakeAssistant()
    from qa.assistant import Assistant
    from qa.settings import Settings

    return Assistant.load(Settings().with_(index_dir=args.index, reader=args.reader))


def main(argv: Sequence[str] | None = None) -> int:
    """`qa ui`: load the assistant, then serve the chat on --host:--port until interrupted."""
    from embeddings.errors import QAError

    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        check_port_free(args.host, args.port)  # before the models load: a busy port is said at once
        assistant = load_assistant(args)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Chat UI on http://{args.host}:{args.port} (Ctrl+C to stop)", flush=True)
    launch(build_app(assistant), host=args.host, port=args.port)
    return 0


def launch(app: "gr.Blocks", *, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> "gr.Blocks":
    """Queue and serve the app; `block=False` returns at once (tests run it in the background)."""
    from starlette.middleware import Middleware

    from ui.locale import ChineseFirst

    app.queue(default_concurrency_limit=CONCURRENCY)
    app.launch(server_name=host, server_port=port, css=CSS, js=SCROLL_TO_QUESTION, quiet=True,
               prevent_thread_lock=not block,
               footer_links=["api"], app_kwargs={"middleware": [Middleware(ChineseFirst)]})
    return app


if __name__ == "__main__":
    sys.exit(main())
