#!/usr/bin/env bash
# Set up this project on a fresh machine (the Quick start's first command
# runs it): uv, .venv/ with the pinned dependencies of uv.lock, and the
# compiled extractor (etl native build, see etl/native.py).
#
# The interpreter: $ETL_PYTHON if set; else the system's /usr/bin/python3 when
# it is Python 3.11 or newer; else the first python3 uv finds.  Distribution
# builds of CPython (Debian, Ubuntu, Fedora) are compiled with profile-guided
# and link-time optimisation, which pyenv's default build is not: on the
# machine this was measured on (pyenv 3.11.7 first on PATH, Debian's 3.11.2 in
# /usr/bin) the job's CPU per page was ~14% lower with Debian's (README,
# Performance).  uv recreates .venv when the interpreter changes.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet uv

python="${ETL_PYTHON:-}"
if [ -z "$python" ] && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  python=/usr/bin/python3
fi
uv sync --frozen ${python:+--python "$python"}

# Without a C compiler the build fails; the job then runs the Python
# extractor (same rows, slower), so set-up goes on (CI checks that it built:
# 'etl native status').
.venv/bin/etl native build \
  || echo "setup: the compiled extractor was not built; the job will run the Python one (same rows, slower)" >&2
