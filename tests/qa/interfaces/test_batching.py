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
