"""The compiled extractor (etl/native.py): the same rows as the Python one,
and never a build of other sources."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl import native

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a new interpreter; compiled modules on unless ``env``
    says otherwise (whatever this process's environment says)."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, native.DISABLE_VARIABLE: "1", **env}, check=True,
    )


def _built() -> bool:
    return native.Finder().folder() is not None


needs_build = pytest.mark.skipif(
    not _built(), reason="no compiled extractor for these sources: run 'etl native build' (CI does)"
)


@needs_build
def test_compiled_and_python_extractors_give_the_same_outcomes(tmp_path):
    """Every table of every page of bench/page_outputs.py's set (the seed,
    the held-out corpora, the peer conformance inputs, synthetic pages in
    several encodings), compiled and not, byte for byte."""
    outputs = {}
    for flag in ("1", "0"):
        out = tmp_path / f"native-{flag}.jsonl"
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "page_outputs.py"), str(out)],
            cwd=ROOT, check=True, capture_output=True, env={**os.environ, native.DISABLE_VARIABLE: flag},
        )
        outputs[flag] = out.read_bytes()
    assert outputs["1"].count(b"\n") > 100
    assert outputs["1"] == outputs["0"]


@needs_build
def test_a_run_loads_the_compiled_modules_unless_turned_off():
    code = "import etl.page, etl.native as n, etl.figures as f; print(n.status()); print(f.__file__)"
    status, path = _python(code).stdout.splitlines()
    assert status == "compiled" and not path.endswith(".py")
    assert Path(path).is_relative_to(native.builds_root())
    status, path = _python(code, ETL_NATIVE="0").stdout.splitlines()
    assert status == "python (ETL_NATIVE=0)" and path == str(ROOT / "etl" / "figures.py")


def test_the_build_key_changes_with_any_source_of_the_package(tmp_path):
    package = tmp_path / "etl"
    shutil.copytree(ROOT / "etl", package, ignore=shutil.ignore_patterns("__pycache__"))
    key = native.source_key(str(package))
    assert key == native.source_key(str(ROOT / "etl"))
    (package / "page.py").write_text((package / "page.py").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = native.source_key(str(package))  # not a compiled module, but they use its types
    (package / "page.py").unlink()
    assert len({key, edited, native.source_key(str(package))}) == 3


def _fake_build(root: Path, key: str, complete: bool = True) -> Path:
    """A build folder as native.build leaves it, with empty files."""
    import importlib.machinery

    folder = root / key
    (folder / "etl").mkdir(parents=True)
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in native.MODULES:
        (folder / "etl" / f"{name}{suffix}").write_bytes(b"")
    (folder / f"{native.GROUP}__mypyc{suffix}").write_bytes(b"")
    if complete:
        (folder / "COMPLETE").write_text("test\n")
    return folder


def test_the_finder_finds_the_build_of_the_current_sources_only(tmp_path):
    key = native.source_key()
    folder = _fake_build(tmp_path, key)
    finder = native.Finder(root=str(tmp_path))
    spec = finder.find_spec("etl.figures")
    assert spec is not None and Path(spec.origin).parent == folder / "etl"
    assert Path(finder.find_spec(f"{native.GROUP}__mypyc").origin).parent == folder
    # Not a compiled module: the ordinary import.
    assert finder.find_spec("etl.pipeline") is None
    assert finder.find_spec("etl.records") is None
    assert finder.find_spec("json") is None


def test_a_stale_or_unfinished_build_is_never_loaded(tmp_path):
    _fake_build(tmp_path, "0" * 24)  # another version of the sources
    stale = native.Finder(root=str(tmp_path))
    assert stale.find_spec("etl.figures") is None and stale.stale

    _fake_build(tmp_path, native.source_key(), complete=False)  # a build cut short
    unfinished = native.Finder(root=str(tmp_path))
    assert unfinished.find_spec("etl.figures") is None

    nothing = native.Finder(root=str(tmp_path / "none"))
    assert nothing.find_spec("etl.figures") is None and not nothing.stale


def test_turning_the_compiled_extractor_off():
    out = _python(
        "import sys, etl.native as n; print(any(isinstance(f, n.Finder) for f in sys.meta_path))",
        ETL_NATIVE="0",
    ).stdout.strip()
    assert out == "False"


_CYCLES = """
import gc, sys, tempfile
from pathlib import Path
sys.path.insert(0, '.')
from bench.synthetic import write_archive
from etl.page import process_page, warm_up
warm_up()
pages = sorted(Path('tests').glob('unseen*/*.txt')) + sorted(Path('sources').glob('*.txt'))
with tempfile.TemporaryDirectory() as d:
    data = [(p.name, p.read_bytes()) for p in pages + write_archive(Path(d), 20, seed=5)]
gc.collect()
gc.disable()
for name, raw in data:
    process_page(name, raw, {'issue_date': '2023-01'}, 1 << 24)
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
print(len(data), sorted({type(o).__qualname__ for o in gc.garbage})[:10])
"""


@pytest.mark.parametrize("flag", ["1", "0"], ids=["compiled", "python"])
def test_processing_pages_leaves_no_reference_cycles(flag):
    """Workers are forked while the main process's cyclic collector is off
    (pipeline._no_cyclic_gc), so a page's garbage must be freed by reference
    counting alone: a cycle per page would grow each worker by the page
    (closures calling each other did, compiled: ~80 KB a page)."""
    pages, garbage = _python(_CYCLES, ETL_NATIVE=flag).stdout.split(maxsplit=1)
    assert int(pages) > 30
    assert garbage.strip() == "[]"


def test_an_unreadable_builds_folder_means_no_build(tmp_path):
    """The finder runs inside every import of an extraction module: a
    builds folder it cannot read must not break the import."""
    root = tmp_path / "builds"
    root.mkdir()
    finder = native.Finder(root=str(root), package_dir=str(tmp_path / "no-such-package"))
    assert finder.find_spec("etl.figures") is None and not finder.stale
