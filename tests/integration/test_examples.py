"""Example questions made from the shipped collection are answered by the real assistant."""
import pytest

from qa.settings import Settings


@pytest.mark.real_models
def test_generated_examples_are_answered_by_the_real_assistant(tmp_path):
    from qa.assistant import Assistant
    from qa.training.examples import example_questions

    assistant = Assistant.load(Settings(cache_dir=str(tmp_path)))
    found = example_questions(assistant, n=2, max_tries=8)
    assert found, "no generated question was answered: the generator or the checks changed"
    for question in found:
        assert not assistant.ask(question).abstained
