#!/usr/bin/env bash
# Set up this project on a fresh machine (the Quick start's first command
# runs it): uv, then .venv/ with the pinned dependencies of uv.lock.
#
# The interpreter: $ETL_PYTHON if set; else the system's /usr/bin/python3 when
# it is Python 3.11 or newer (distribution builds of CPython are compiled with
# profile-guided and link-time optimisation); else the first python3 uv finds.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v uv >/dev/null 2>&1; then
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check uv 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check uv
fi

python="${ETL_PYTHON:-}"
if [ -z "$python" ] && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  python=/usr/bin/python3
fi
uv sync --frozen --quiet ${python:+--python "$python"}
