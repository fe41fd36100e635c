"""Engines give the same package: inline, process pool, Dask cluster."""

from __future__ import annotations

import pytest

from bench.synthetic import write_archive
from etl.batch.pipeline import EXIT_OK, RunOptions, run

from test_pipeline import files_of


def test_process_pool_equals_inline(tmp_path):
    write_archive(tmp_path / "src", 40, seed=7)
    inline = run(RunOptions(sources_dir=tmp_path / "src", out=tmp_path / "a", state_dir=tmp_path / "sa", workers=1))
    pooled = run(RunOptions(sources_dir=tmp_path / "src", out=tmp_path / "b", state_dir=tmp_path / "sb", workers=2))
    assert inline.exit_code == pooled.exit_code == EXIT_OK
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


def test_dask_cluster_equals_local_engine(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    write_archive(tmp_path / "src", 40, seed=8)
    (tmp_path / "src" / "empty.txt").write_bytes(b"")
    local = run(RunOptions(sources_dir=tmp_path / "src", out=tmp_path / "a", state_dir=tmp_path / "sa"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = run(
            RunOptions(sources_dir=tmp_path / "src", out=tmp_path / "b", state_dir=tmp_path / "sb", engine="dask", scheduler=cluster.scheduler_address)
        )
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert local.exit_code == remote.exit_code == 3, remote.error
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
