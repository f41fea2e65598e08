"""The chat UI: a Gradio app, a thin shell over the assistant (`app.build_app(assistant)`), with the plain
functions the tests call without a browser (`chat` for turns and follow-ups, `format` for the HTML).

May import: `qa/` (the assistant, settings, types, `qa.interfaces.followup` and the fake) and `embeddings/`;
gradio inside `app` only. Nothing imports `ui/` except the CLI's `qa ui`.
"""
