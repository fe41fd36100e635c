"""Build tests/unseen2/ from the marked pages in this folder.

The same tool as tests/unseen/_src/build.py (see its docstring for the
marker format); only the folders differ.
"""

import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    build = runpy.run_path(str(HERE.parents[1] / "unseen" / "_src" / "build.py"))
    build["main"](HERE, HERE.parent)
