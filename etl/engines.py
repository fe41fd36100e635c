"""Engines: where ``process_page`` runs.

* ``local``: inline for a handful of pages, else a process pool with one
  worker per core (pages are independent; the work is CPU-bound Python).
* ``dask``: a Dask distributed cluster (``--scheduler ADDRESS``, or a local
  cluster when no address is given).  Only extraction is distributed; the
  publish step is the same, so the output is byte-identical.

Results are yielded as they arrive, in any order; the pipeline orders them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from etl.page import PageOutcome, process_page, warm_up

if TYPE_CHECKING:
    from etl.pipeline import RunOptions

#: Below this many pages a pool costs more than it saves.
MIN_PAGES_FOR_POOL = 16

#: Pages sent to a worker at once: amortises the round trip (a page is a few
#: milliseconds of work) while keeping both cores busy to the end.
BATCH_PAGES = 16

Task = tuple[str, bytes, "dict | None"]


def _progress(iterable, total: int | None, enabled: bool):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit="page", desc="extract", leave=False)


def _process(task: Task, max_bytes: int) -> PageOutcome:
    name, data, meta = task
    return process_page(name, data, meta, max_bytes)


def _process_batch(tasks: list[Task], max_bytes: int) -> list[PageOutcome]:
    return [_process(t, max_bytes) for t in tasks]


def worker_count(requested: int) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


def _batches(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    batch: list[Task] = []
    for task in tasks:
        batch.append(task)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bounded(submit, batches: Iterator[list[Task]], in_flight: int, wait_one) -> Iterator[PageOutcome]:
    """Keep at most ``in_flight`` batches submitted: pages are read only as
    workers free up, so memory does not grow with the archive."""
    pending = set()
    for batch in batches:
        pending.add(submit(batch))
        while len(pending) >= in_flight:
            done, pending = wait_one(pending)
            for future in done:
                yield from future.result()
    while pending:
        done, pending = wait_one(pending)
        for future in done:
            yield from future.result()


def process(tasks: Iterable[Task], opts: RunOptions) -> Iterator[PageOutcome]:
    """Process pages, yielding outcomes as they complete (in any order)."""
    if opts.engine == "dask":
        yield from _process_dask(tasks, opts)
        return
    workers = worker_count(opts.workers)
    tasks = iter(tasks)
    head = list(itertools.islice(tasks, MIN_PAGES_FOR_POOL))
    if workers == 1 or len(head) < MIN_PAGES_FOR_POOL:
        for task in _progress(itertools.chain(head, tasks), None, opts.progress):
            yield _process(task, opts.max_bytes)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    def wait_one(pending):
        return wait(pending, return_when=FIRST_COMPLETED)

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    if context.get_start_method() == "fork":
        warm_up()  # the forked workers inherit the loaded rules
    bar = _progress(None, None, opts.progress) if opts.progress else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        submit = lambda batch: pool.submit(_process_batch, batch, opts.max_bytes)  # noqa: E731
        batches = _batches(itertools.chain(head, tasks), BATCH_PAGES)
        for outcome in _bounded(submit, batches, workers * 4, wait_one):
            if bar is not None:
                bar.update(1)
            yield outcome
    if bar is not None:
        bar.close()


def _process_dask(tasks: Iterable[Task], opts: RunOptions) -> Iterator[PageOutcome]:
    try:
        from dask.distributed import Client, LocalCluster, wait
    except ImportError:
        raise RuntimeError("the dask engine needs dask[distributed]: install the 'cluster' extra") from None
    cluster = None
    if opts.scheduler:
        client = Client(opts.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=worker_count(opts.workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))

        def submit(batch):
            return client.submit(_process_batch, batch, opts.max_bytes, pure=False)

        def wait_one(pending):
            done = wait(list(pending), return_when="FIRST_COMPLETED").done
            return done, pending - done

        yield from _bounded(submit, _batches(tasks, BATCH_PAGES), workers * 4, wait_one)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
