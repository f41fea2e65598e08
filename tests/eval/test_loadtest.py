"""The load test counts what it is for: throughput, and questions answered differently when asked again under load."""
import asyncio
import collections

import httpx

from eval.loadtest import first_answer, run_endpoint
from qa.interfaces.fake import FakeAssistant
from qa.interfaces.service import create_app

QUESTIONS = ["张掖市累计为驻地部队划拨了多少亩土地？", "芜湖市累计为驻地部队划拨了多少亩土地？", "陇东市拥军企业有多少家？"]


def load(assistant, workers=2):
    app = create_app(assistant, workers=workers)
    return asyncio.run(run_endpoint("http://test", "/ask", QUESTIONS, requests=30, concurrency=4, seconds=30,
                                    timeout=10, transport=httpx.ASGITransport(app=app)))


def test_repeated_questions_answered_alike_are_not_varied():
    result = load(FakeAssistant())
    assert result.ok == result.requests == 30 and result.throughput > 0 and result.varied == 0


def test_an_answer_that_changes_under_load_is_counted():
    calls = collections.Counter()

    class Flaky(FakeAssistant):  # the second time a question comes, it is "not found"
        def ask(self, question, **options):
            calls[question] += 1
            return super().ask(question if calls[question] != 2 else "报告里没有的问题？", **options)

    assert load(Flaky()).varied == len(QUESTIONS)


def test_first_answer_is_what_a_user_sees_first():
    assert first_answer({"answers": [{"text": "2000多亩"}, {"text": "300余亩"}]}) == "2000多亩"
    assert first_answer({"answers": []}) is None and first_answer({}) is None
