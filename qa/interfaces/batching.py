"""Micro-batching: concurrent single calls are gathered into batch calls on a fixed number of worker threads.

Under load this bounds the model calls running at once (one per worker: `qa serve --workers 2` runs two questions
at once, each model call on one thread, which keeps both cores of a 2-core machine busy) and is a throughput win
(encoding 16 queries at once costs far less than 16 times one).
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable

log = logging.getLogger(__name__)

BatchFn = Callable[[list[Any], dict[str, Any]], list[Any]]


@dataclass(frozen=True)
class _Job:
    kind: str
    item: Any
    options: tuple[tuple[str, Hashable], ...]
    future: Future = field(default_factory=Future, compare=False)


class MicroBatcher:
    """Run `submit(kind, item, **options)` calls in batches of up to max_size, grouped by kind and options.

    `handlers[kind](items, options)` must return one result per item, in order.
    """

    def __init__(self, handlers: dict[str, BatchFn], *, max_size: int = 16, wait_s: float = 0.003,
                 workers: int = 1) -> None:
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.handlers = handlers
        self.max_size = max_size
        self.wait_s = wait_s
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._workers = [threading.Thread(target=self._run, name=f"micro-batcher-{n}", daemon=True)
                         for n in range(workers)]
        for worker in self._workers:
            worker.start()

    def submit(self, kind: str, item: Any, **options: Any) -> Any:
        """The result for one item; blocks until its batch has run, and re-raises this item's own error."""
        if kind not in self.handlers:
            raise ValueError(f"unknown batch kind {kind!r}: known are {sorted(self.handlers)}")
        job = _Job(kind, item, tuple(sorted((k, _hashable(v)) for k, v in options.items())))
        self._jobs.put(job)
        return job.future.result()

    def _run(self) -> None:
        while True:
            jobs = [self._jobs.get()]
            deadline = time.perf_counter() + self.wait_s
            while len(jobs) < self.max_size:
                try:
                    jobs.append(self._jobs.get(timeout=max(0.0, deadline - time.perf_counter())))
                except queue.Empty:
                    break
            for group in _groups(jobs):
                self._run_group(group)

    def _run_group(self, jobs: list[_Job]) -> None:
        """Answer a group in one call; when that call fails, answer each job alone, so that one bad item
        (a question the tokenizer chokes on) fails by itself and the rest of its batch is still answered."""
        try:
            results = self._call(jobs)
        except Exception as exc:  # noqa: BLE001 - a single job's error is its caller's; a batch's is retried
            if len(jobs) == 1:
                jobs[0].future.set_exception(exc)
                return
            log.warning("a batch of %d %r jobs failed (%s): answering them one by one", len(jobs), jobs[0].kind, exc)
            for job in jobs:
                self._run_group([job])
            return
        except BaseException as exc:  # noqa: BLE001 - e.g. SystemExit: every caller hears of it, none hangs
            for job in jobs:
                job.future.set_exception(exc)
            return
        for job, result in zip(jobs, results):
            job.future.set_result(result)

    def _call(self, jobs: list[_Job]) -> list[Any]:
        first = jobs[0]
        results = self.handlers[first.kind]([j.item for j in jobs], dict(first.options))
        if len(results) != len(jobs):
            raise RuntimeError(f"batch {first.kind!r} returned {len(results)} results for {len(jobs)} items")
        return results


def _groups(jobs: list[_Job]) -> list[list[_Job]]:
    grouped: dict[tuple, list[_Job]] = {}
    for job in jobs:
        grouped.setdefault((job.kind, job.options), []).append(job)
    return list(grouped.values())


def _hashable(value: Any) -> Hashable:
    """Lists (report or place filters) as tuples so that options can group jobs: [1, 2] -> (1, 2)."""
    return tuple(value) if isinstance(value, (list, set)) else value
