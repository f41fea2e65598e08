"""The HTTP service through FastAPI's TestClient, over the fake assistant (and a real retriever for /search)."""
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from embeddings.errors import IndexNotFoundError
from qa.interfaces.service import create_app, parse_args, status_for
from qa.interfaces.fake import FakeAssistant

FIRST = "张掖市累计为驻地部队划拨了多少亩土地？"


@pytest.fixture
def client():
    return TestClient(create_app(FakeAssistant()), raise_server_exceptions=False)


def test_health_and_reports(client):
    health = client.get("/health").json()
    assert health == {"status": "ok", "reports": 4, "passages": 4, "encoder": "fake-encoder", "reader": "fake-reader"}
    reports = client.get("/reports").json()
    assert reports[0]["number"] == 1 and reports[0]["places"] == ["张掖市"] and reports[0]["passages"] == 1


def test_ask_returns_answer_with_offsets_and_citation(client):
    body = client.post("/ask", json={"question": FIRST}).json()
    assert body["abstained"] is False and body["message"] is None
    best = body["answers"][0]
    assert best["text"] == "2000多亩" and best["passage"]["text"][best["start"]:best["end"]] == "2000多亩"
    cite = best["citation"]
    assert cite["report"] == 1 and cite["paragraph"] == 4 and cite["end"] - cite["start"] == len("2000多亩")
    assert cite["start"] == best["passage"]["start"] + best["start"]
    assert "total" in body["timings"]


def test_ask_unanswerable_gives_no_answer_and_closest_passages(client):
    body = client.post("/ask", json={"question": "开封有几只熊猫？", "k": 2}).json()
    assert body["abstained"] is True and "do not answer" in body["message"] and body["reason"]
    assert body["reason_code"] == "low_confidence"
    assert body["answers"] == [] and len(body["hits"]) == 2


def test_search_with_filters(client):
    body = client.post("/search", json={"query": FIRST, "k": 3, "places": ["芜湖"]}).json()
    assert [h["passage"]["report"] for h in body["hits"]] == [2]
    hit = body["hits"][0]
    assert hit["rank"] == 1 and hit["citation"]["passage_id"] == hit["passage"]["id"]


@pytest.mark.parametrize("path, payload, expected", [
    ("/ask", {"question": ""}, "question is empty"),
    ("/ask", {"question": "张" * 100_000}, "the limit is 500"),
    ("/search", {"query": "   "}, "question is empty"),
    ("/search", {"query": FIRST, "k": 0}, "k:"),
    ("/search", {"query": FIRST, "mode": "magic"}, "mode:"),
    ("/ask", {"question": FIRST, "reports": [99]}, "not in the index"),
    ("/ask", {"nope": 1}, "question: Field required"),
    ("/ask", {"question": 5}, "question:"),
])
def test_bad_input_is_422_with_a_clean_message(client, path, payload, expected):
    response = client.post(path, json=payload)
    assert response.status_code == 422, response.text
    assert expected in response.json()["error"] and response.json()["type"] == "InputError"


def test_oversized_body_is_413(client):
    response = client.post("/ask", json={"question": "张" * 400_000})
    assert response.status_code == 413 and "limit" in response.json()["error"]


def test_index_missing_is_503_and_unexpected_errors_are_clean_500():
    def missing():
        raise IndexNotFoundError("no index at /x: build one with `qa index --out /x`")

    client = TestClient(create_app(missing), raise_server_exceptions=False)
    response = client.get("/health")
    assert response.status_code == 503 and "qa index" in response.json()["error"]
    assert client.post("/ask", json={"question": FIRST}).status_code == 503

    broken = FakeAssistant()
    broken.ask = lambda *a, **k: 1 / 0
    response = TestClient(create_app(broken)).post("/ask", json={"question": FIRST})
    assert response.status_code == 500 and response.json()["type"] == "InternalError"
    assert "ZeroDivision" not in response.text and "Traceback" not in response.text


def test_background_load_answers_503_until_ready(caplog):
    import threading

    release = threading.Event()

    def slow():
        release.wait(5)
        return FakeAssistant()

    app = create_app(slow, background_load=True)
    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/health")
    assert response.status_code == 503 and "still loading" in response.json()["error"]
    assert response.json()["status"] == "loading"
    with caplog.at_level(logging.INFO, logger="qa.interfaces.service"):
        release.set()
        for _ in range(50):
            if client.get("/health").status_code == 200:
                break
            threading.Event().wait(0.05)
    assert client.get("/health").json()["status"] == "ok"
    assert any(r.getMessage().startswith("ready: ") for r in caplog.records)
    assert not any(r.levelno >= logging.ERROR for r in caplog.records)  # polling while loading is no error


@pytest.mark.parametrize("serialize, workers", [(True, 1), (True, 2), (False, 1)])
def test_concurrent_questions_get_their_own_answers(serialize, workers):
    client = TestClient(create_app(FakeAssistant(delay=0.01), serialize=serialize, workers=workers))
    questions = {"张掖市累计为驻地部队划拨了多少亩土地？": "2000多亩", "芜湖市累计为驻地部队划拨了多少亩土地？": "300余亩",
                 "开封市建成了多少个退役军人服务中心（站）？": "1200余个", "陇东市拥军企业有多少家？": "56家"}
    asked = list(questions) * 10

    def ask(question):
        body = client.post("/ask", json={"question": question}).json()
        return question, body["question"], body["answers"][0]["text"]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ask, asked))
    assert len(results) == 40
    for question, echoed, answer in results:
        assert echoed == question and answer == questions[question]


def test_openapi_docs_and_defaults(client):
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/health", "/reports", "/search", "/ask"} <= set(schema["paths"])
    args = parse_args([])
    assert args.host == "127.0.0.1" and args.port == 8000
    assert status_for(IndexNotFoundError("x")) == 503 and status_for(ValueError()) == 500


def test_search_over_a_real_retriever(mini_index, hashing_encoder):
    from qa.retrieval.retriever import Retriever

    assistant = FakeAssistant()
    assistant.retriever = Retriever.load(mini_index, encoder=hashing_encoder)
    client = TestClient(create_app(assistant))
    body = client.post("/search", json={"query": "为驻地部队划拨土地多少亩", "k": 2}).json()
    assert len(body["hits"]) == 2 and "划拨土地" in body["hits"][0]["passage"]["text"]
    assert client.get("/health").json()["passages"] == len(assistant.retriever.passages)


def test_a_class_is_taken_as_a_factory():
    assert TestClient(create_app(FakeAssistant)).get("/health").json()["status"] == "ok"


@pytest.mark.parametrize("path, field", [("/search", "query"), ("/ask", "question")])
def test_a_lone_surrogate_is_422_and_its_concurrent_neighbours_are_answered(path, field):
    """Issue case 1: the raw JSON escape "\\ud800" is refused alone; 7 good requests sent with it succeed."""
    class Choking(FakeAssistant):  # a model that chokes on invalid text, as the tokenizer did
        def ask(self, question, **options):
            if any("\ud800" <= c <= "\udfff" for c in question):
                raise TypeError("TextEncodeInput must be Union[...]")
            return super().ask(question, **options)

    client = TestClient(create_app(Choking(delay=0.01)), raise_server_exceptions=False)
    bad = '{"%s": "\\ud800张掖"}' % field
    with ThreadPoolExecutor(8) as pool:
        poisoned = pool.submit(client.post, path, content=bad, headers={"content-type": "application/json"})
        good = [pool.submit(client.post, path, json={field: FIRST}) for _ in range(7)]
        assert poisoned.result().status_code == 422
        assert "not valid Unicode" in poisoned.result().json()["error"]
        assert [g.result().status_code for g in good] == [200] * 7


@pytest.mark.parametrize("question", ["😀🎉🚀❤️", "？？？", "<script>alert(1)</script>张掖"])
def test_questions_that_ask_nothing_are_422_not_answers(client, question):
    """Issue case 3: the HTTP service refuses what the UI refuses."""
    response = client.post("/ask", json={"question": question})
    assert response.status_code == 422 and response.json()["type"] == "InputError"


def test_concurrent_asks_get_what_they_get_alone():
    """Issue case 9: an answer must not depend on which other questions share its micro-batch."""
    from dataclasses import replace

    class BatchSensitive(FakeAssistant):  # as a reader padding a batch's windows to one width
        def ask_batch(self, questions, **options):
            return [replace(self.ask(q, **options), timings={"batch": len(questions)}) for q in questions]

    client = TestClient(create_app(BatchSensitive(delay=0.01)))
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lambda _: client.post("/ask", json={"question": FIRST}).json(), range(8)))
    assert all("batch" not in body["timings"] for body in bodies)


@pytest.mark.parametrize("page,asset", [("/docs", "/docs-assets/swagger-ui-bundle.js"),
                                        ("/redoc", "/docs-assets/redoc.standalone.js")])
def test_docs_work_offline(client, page, asset):
    html = client.get(page).text
    assert asset in html and "cdn.jsdelivr.net" not in html and "fonts.googleapis" not in html
    served = client.get(asset)
    assert served.status_code == 200 and len(served.content) > 100_000
    if page == "/docs":
        css = client.get("/docs-assets/swagger-ui.css")
        assert css.status_code == 200 and "swagger-ui" in css.text


def test_every_request_example_the_docs_offer_runs_as_shown(client):
    schema = client.get("/openapi.json").json()
    for path, model in (("/search", "SearchRequest"), ("/ask", "AskRequest")):
        examples = schema["components"]["schemas"][model]["examples"]
        assert examples
        for body in examples:
            response = client.post(path, json=body)
            assert response.status_code == 200, (path, body, response.text)


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_answer_that_many_questions_at_once(workers):
    """`qa serve --workers 2` (the default): two asks run at once, each answered as alone; one worker never overlaps."""
    import threading

    running, most, lock = [0], [0], threading.Lock()

    class Counting(FakeAssistant):
        def ask(self, question, **options):
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            try:
                return super().ask(question, **options)
            finally:
                with lock:
                    running[0] -= 1

    client = TestClient(create_app(Counting(delay=0.05), workers=workers))
    with ThreadPoolExecutor(8) as pool:
        texts = list(pool.map(lambda _: client.post("/ask", json={"question": FIRST}).json()["answers"][0]["text"],
                              range(8)))
    assert texts == ["2000多亩"] * 8 and most[0] == workers


@pytest.mark.parametrize("option, value", [("--workers", "0"), ("--workers", "two"), ("--threads", "-1")])
def test_workers_and_threads_are_whole_numbers(capsys, option, value):
    with pytest.raises(SystemExit):
        parse_args([option, value])
    assert f"{option} is a whole number" in capsys.readouterr().err


def test_an_answer_from_a_reports_header_says_so():
    from embeddings.types import Report
    from qa.interfaces.service_models import AnswerOut
    from qa.report_header import header_answer

    report = Report(2, "鱼水情深", "芜湖市双拥工作综述", "2023年7月31日", "wuhu.txt", "正文。", ("芜湖市",))
    out = AnswerOut.of(header_answer(report, "date")).model_dump()
    assert out["text"] == "2023年7月31日" and out["read_by"] == "header" and out["confidence"] is None
    assert (out["citation"]["start"], out["citation"]["end"], out["citation"]["section"]) == (0, 0, "标题和日期")
    assert out["passage"]["text"][out["start"]:out["end"]] == "2023年7月31日"
