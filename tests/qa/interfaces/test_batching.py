"""MicroBatcher: concurrent calls are batched by kind and options, each caller gets its own result."""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from qa.interfaces.batching import MicroBatcher


def test_concurrent_calls_are_batched_and_answered_in_order():
    sizes = []
    gate = threading.Event()

    def upper(items, options):
        gate.wait(1)  # hold the first batch so that the others queue up behind it
        sizes.append(len(items))
        return [f"{item.upper()}{options.get('suffix', '')}" for item in items]

    batcher = MicroBatcher({"upper": upper}, max_size=8, wait_s=0.01)
    words = [f"w{i}" for i in range(24)]
    with ThreadPoolExecutor(12) as pool:
        futures = [pool.submit(batcher.submit, "upper", w, suffix="!" if i % 2 else "") for i, w in enumerate(words)]
        gate.set()
        results = [f.result(timeout=5) for f in futures]
    assert results == [f"{w.upper()}{'!' if i % 2 else ''}" for i, w in enumerate(words)]
    assert max(sizes) > 1 and sum(sizes) == 24


def test_a_failing_batch_fails_only_its_own_group():
    def picky(items, options):
        if options["places"] == ("nowhere",):
            raise ValueError("no passages from place nowhere")
        return items

    batcher = MicroBatcher({"echo": picky})
    assert batcher.submit("echo", "a", places=["张掖"]) == "a"
    with pytest.raises(ValueError, match="nowhere"):
        batcher.submit("echo", "b", places=["nowhere"])
    with pytest.raises(ValueError, match="unknown batch kind"):
        batcher.submit("nope", "c")
    assert batcher.submit("echo", "d", places=["张掖"]) == "d"  # the worker survives errors


def test_a_poisoned_item_fails_alone_and_its_batch_mates_are_answered():
    """Issue case 1: one request the model chokes on must not fail the others batched with it."""
    gate = threading.Event()

    def encode(items, options):
        gate.wait(1)  # hold the first batch so that the rest queue up into one batch
        if any("\ud800" in item for item in items):
            raise TypeError("TextEncodeInput must be Union[TextInputSequence, ...]")
        return [item.upper() for item in items]

    batcher = MicroBatcher({"encode": encode}, max_size=16, wait_s=0.05)
    items = ["first", *[f"good{i}" for i in range(3)], "\ud800bad", *[f"good{i}" for i in range(3, 7)]]
    with ThreadPoolExecutor(len(items)) as pool:
        futures = [pool.submit(batcher.submit, "encode", item) for item in items]
        gate.set()
        outcomes = [f.exception(timeout=5) or f.result() for f in futures]
    assert isinstance(outcomes[4], TypeError)
    assert [o for i, o in enumerate(outcomes) if i != 4] == [i.upper() for n, i in enumerate(items) if n != 4]
