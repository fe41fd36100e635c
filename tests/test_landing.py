"""The landing page, dist/index.html: built with the package, deterministic,
stamped by a release, and rendered by a real browser (headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from etl.batch.pipeline import EXIT_OK, RunOptions, run
from etl.package import metadata, schema

from conftest import PROJECT

#: Browsers tried, in order (Debian's package is ``chromium``).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str:
    found = next((shutil.which(name) for name in BROWSERS if shutil.which(name)), None)
    if found is None:
        if os.environ.get("ETL_REQUIRE_BROWSER"):  # set by .ci/run: CI must not skip this
            pytest.fail(f"no headless browser found (tried {', '.join(BROWSERS)}): apt-get install chromium fonts-noto-cjk")
        pytest.skip("no headless browser (apt-get install chromium fonts-noto-cjk)")
    return found


def headless(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--allow-file-access-from-files", *args],
        capture_output=True, timeout=120,
    )


def png_pixels(path: Path) -> np.ndarray:
    """The screenshot's pixels, RGB."""
    from PIL import Image

    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"), dtype=np.int32)


def test_the_page_states_version_licence_and_citation(package):
    meta = metadata.load()
    text = (package / "index.html").read_text(encoding="utf-8")
    assert f"version {meta['version']}" in text
    assert meta["licenses"][0]["name"] in text
    assert "How to cite" in text
    # every table, with its row count as the descriptor declares it
    descriptor = (package / "datapackage.json").read_text(encoding="utf-8")
    import json

    rows = {r["x-table"]: r["x-rows"] for r in json.loads(descriptor)["resources"] if r["format"] == "csv"}
    for table in schema.TABLES:
        assert f"<code>{table}</code> — {rows[table]} rows" in text
        for field in schema.field_names(table):
            assert f"<code>{field}</code>" in text
    # charts are inline SVG: nothing is fetched (works offline, from a file)
    assert text.count("<svg") == 2
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text.replace('href="https://creativecommons.org', ""))
    assert "<script" not in text


def test_the_page_is_the_same_bytes_every_run(package, tmp_path):
    shutil.copytree(PROJECT / "sources", tmp_path / "sources")
    result = run(RunOptions(sources_dir=tmp_path / "sources", out=tmp_path / "dist", state_dir=tmp_path / "state"))
    assert result.exit_code == EXIT_OK
    assert (tmp_path / "dist" / "index.html").read_bytes() == (package / "index.html").read_bytes()


def test_a_release_stamps_the_page_version(package, tmp_path):
    from etl.release.archive import stamp_version

    copy = tmp_path / "pkg"
    shutil.copytree(package, copy)
    old = metadata.load()["version"]
    stamp_version(copy, old, "9.8.7")
    text = (copy / "index.html").read_text(encoding="utf-8")
    assert "version 9.8.7" in text and f"version {old}" not in text


def test_the_page_renders_in_a_browser(package, tmp_path):
    """Headless Chromium opens the page from the file: the screenshot is not
    blank, and every table's name is in the rendered DOM."""
    url = (package / "index.html").resolve().as_uri()
    shot = tmp_path / "index.png"
    # One launch: the screenshot and the DOM as rendered.
    done = headless(f"--screenshot={shot}", "--dump-dom", "--window-size=1280,2400", url)
    assert done.returncode == 0 and shot.exists(), done.stderr.decode(errors="replace")[-2000:]
    pixels = png_pixels(shot)
    assert pixels.shape[:2] == (2400, 1280)
    gray = pixels.mean(axis=2)
    assert gray.std() > 10, "the screenshot is blank"
    assert (gray < 128).mean() > 0.005, "nothing dark (text, bars) was drawn"
    saved = os.environ.get("ETL_LANDING_PNG")  # to look at it: ETL_LANDING_PNG=/tmp/index.png
    if saved:
        shutil.copy(shot, saved)

    html = done.stdout.decode("utf-8")
    for table in schema.TABLES:
        assert f'id="table-{table}"' in html, table
    assert html.count("<svg") == 2
