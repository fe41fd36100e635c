"""Engines: where ``process_page`` runs.

* ``local``: inline for a handful of pages, else a process pool with one
  worker per core (pages are independent; the work is CPU-bound Python).
* ``dask``: a Dask distributed cluster (``--scheduler ADDRESS``, or a local
  cluster when no address is given).  Only extraction is distributed; the
  publish step is the same, so the output is byte-identical.

Results are yielded as they arrive, in any order; the pipeline orders them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from etl.page import PageOutcome, process_page

if TYPE_CHECKING:
    from etl.pipeline import RunOptions

#: Below this many pages a pool costs more than it saves.
MIN_PAGES_FOR_POOL = 16

Task = tuple[str, bytes, "dict | None"]


def _progress(iterable, total: int, enabled: bool):
    if not enabled or total == 0:
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


def process(tasks: list[Task], opts: RunOptions) -> Iterator[PageOutcome]:
    if opts.engine == "dask":
        yield from _process_dask(tasks, opts)
        return
    workers = worker_count(opts.workers)
    if workers == 1 or len(tasks) < MIN_PAGES_FOR_POOL:
        for task in _progress(tasks, len(tasks), opts.progress):
            yield _process(task, opts.max_bytes)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Batches amortise the inter-process round trip (a page is ~2 ms of work).
    size = max(1, min(64, len(tasks) // (workers * 8)))
    batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_process_batch, b, opts.max_bytes) for b in batches]
        bar = _progress(None, len(tasks), opts.progress) if opts.progress else None
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            outcomes = future.result()
            if bar is not None:
                bar.update(len(outcomes))
            yield from outcomes
        if bar is not None:
            bar.close()


def _process_dask(tasks: list[Task], opts: RunOptions) -> Iterator[PageOutcome]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise RuntimeError("the dask engine needs dask[distributed]: install the 'cluster' extra") from None
    cluster = None
    if opts.scheduler:
        client = Client(opts.scheduler)
    else:
        cluster = LocalCluster(n_workers=worker_count(opts.workers), threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        size = max(1, min(64, len(tasks) // 32 or 1))
        batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
        futures = client.map(_process_batch, batches, max_bytes=opts.max_bytes, pure=False)
        for future in as_completed(futures):
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
