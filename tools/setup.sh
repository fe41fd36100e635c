#!/usr/bin/env bash
# Set up this project on a fresh machine (the Quick start's first command
# runs it): uv, then .venv/ with the pinned dependencies of uv.lock.
#
# The interpreter: $ETL_PYTHON if set; else the system's /usr/bin/python3 when
# it is Python 3.11 or newer (distribution builds of CPython are compiled with
# profile-guided and link-time optimisation); else the first python3 uv finds.
set -euo pipefail
cd "$(dirname "$0")/.."

# uv: the one on PATH, else installed with pip and run as "python3 -m uv"
# (pip may put its script in a folder that is not on PATH).  -qq shows pip's
# errors but not its warnings (running as root, a configured index that does
# not exist on this machine): they are about the machine, not this project.
uv=(uv)
if ! command -v uv >/dev/null 2>&1; then
  if ! PIP_ROOT_USER_ACTION=ignore python3 -m pip install -qq --disable-pip-version-check uv; then
    echo "setup: could not install uv with pip; install it (https://docs.astral.sh/uv/getting-started/installation/) and run tools/setup.sh again" >&2
    exit 1
  fi
  uv=(python3 -m uv)
fi

python="${ETL_PYTHON:-}"
if [ -z "$python" ] && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  python=/usr/bin/python3
fi
"${uv[@]}" sync --frozen --quiet ${python:+--python "$python"}
