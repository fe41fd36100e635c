"""Engines: where ``process_page`` runs.

* ``local``: inline for a handful of pages, else a process pool with one
  worker per core (pages are independent; the work is CPU-bound Python).
* ``dask``: a Dask distributed cluster (``--scheduler ADDRESS``, or a local
  cluster when no address is given).  Only extraction is distributed; the
  publish step is the same, so the output is byte-identical.

Results are the pages' outcomes pickled by ``state.dump_outcome`` (pickled
once, in the worker: the pipeline stores these bytes in the state as they
are), yielded in the order of the tasks, whatever the engine, so the
pipeline can stream rows straight into the sorted output tables.  At most
``workers * 4`` batches are in flight: a result that finished early waits in
its future for the ones before it, which bounds memory by that window, never
by the size of the archive.
"""

from __future__ import annotations

import collections
import itertools
import os
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path

from etl.batch.options import RunOptions
from etl.batch.page import PageLimits, process_page, warm_up
from etl.batch.state import dump_outcome

#: Below this many pages a pool costs more than it saves.
MIN_PAGES_FOR_POOL = 16

#: Pages sent to a worker at once: amortises the round trip (a page is a few
#: milliseconds of work) while keeping both cores busy to the end.
BATCH_PAGES = 16

#: (file name, the page: its path or its bytes, its metadata).  A local
#: worker is given the path and reads the page itself (the main process,
#: the serial part of a run, then neither reads it nor pipes its bytes);
#: Dask workers may not see the archive's file system, so they are given
#: the bytes, read in the main process (``_with_bytes``).
Task = tuple[str, "Path | bytes", "dict | None"]


class PageUnreadable(Exception):
    """A page could not be read for processing (gone or unreadable since
    the run planned it): the run fails (pickled back from a worker like any
    exception)."""


def read_page(path: Path) -> bytes:
    """A page's bytes for processing (the outcome's hash is checked against
    the planning pass's: a file changed in between fails the run)."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise PageUnreadable(f"{path}: cannot read it any more ({e.strerror}); was the archive changed during the run?") from None


def _progress(iterable, total: int | None, enabled: bool):
    if not enabled:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit="page", desc="extract", leave=False)


def _page_bytes(page: Path | bytes) -> bytes:
    return page if isinstance(page, bytes) else read_page(page)


def _process(task: Task, limits: PageLimits) -> bytes:
    name, page, meta = task
    return dump_outcome(process_page(name, _page_bytes(page), meta, limits))


def _with_bytes(tasks: Iterable[Task]) -> Iterator[Task]:
    for name, page, meta in tasks:
        yield name, _page_bytes(page), meta


def _process_batch(tasks: list[Task], limits: PageLimits) -> list[bytes]:
    warm_up()  # (a Dask worker's first batch: not in its first page's time budget)
    return [_process(t, limits) for t in tasks]


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


def _bounded(submit, batches: Iterator[list[Task]], in_flight: int) -> Iterator[bytes]:
    """Submit batches, keeping at most ``in_flight`` of them submitted, and
    yield their outcomes in submission order.  Pages are read only as
    batches are submitted, so memory does not grow with the archive; the
    workers stay busy while the oldest batch is awaited, since the later
    ones are already queued."""
    pending: collections.deque = collections.deque()
    for batch in batches:
        pending.append(submit(batch))
        while len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def process(tasks: Iterable[Task], opts: RunOptions) -> Generator[bytes, None, None]:
    """Process pages, yielding their pickled outcomes in the order of ``tasks``."""
    if opts.engine == "dask":
        yield from _process_dask(tasks, opts)
        return
    workers = worker_count(opts.workers)
    tasks = iter(tasks)
    head = list(itertools.islice(tasks, MIN_PAGES_FOR_POOL))
    if workers == 1 or len(head) < MIN_PAGES_FOR_POOL:
        warm_up()  # (not in the first page's time budget)
        for task in _progress(itertools.chain(head, tasks), None, opts.progress):
            yield _process(task, opts.page_limits())
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    if context.get_start_method() == "fork":
        warm_up()  # the forked workers inherit the loaded rules
    bar = _progress(None, None, opts.progress) if opts.progress else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        submit = lambda batch: pool.submit(_process_batch, batch, opts.page_limits())  # noqa: E731
        batches = _batches(itertools.chain(head, tasks), BATCH_PAGES)
        for outcome in _bounded(submit, batches, workers * 4):
            if bar is not None:
                bar.update(1)
            yield outcome
    if bar is not None:
        bar.close()


def _process_dask(tasks: Iterable[Task], opts: RunOptions) -> Generator[bytes, None, None]:
    try:
        from dask.distributed import Client, LocalCluster
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
            return client.submit(_process_batch, batch, opts.page_limits(), pure=False)

        yield from _bounded(submit, _batches(_with_bytes(tasks), BATCH_PAGES), workers * 4)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
