"""The extractor, compiled: the extraction modules built with mypyc.

A run's cost is the extractor's Python code (about 3 ms a page, spread over
~60 functions of regex scans and bookkeeping, no hot spot left).  mypyc
compiles the same annotated sources to C extension modules, which run that
code with 12-21% less CPU a page (README, Performance) and give the very
same rows (``tests/test_native.py`` compares both on 445 pages).

    .venv/bin/etl native build     # compile (tools/setup.sh runs it; ~30 s)
    .venv/bin/etl native status    # which extractor a run uses

``build`` compiles :data:`MODULES` into ``<environment>/etl-native/<key>/``,
where ``key`` hashes the source of every module of the ``etl`` package and
the interpreter's ABI tag.  ``etl/__init__.py`` installs :class:`Finder`,
which loads ``etl.<module>`` from the folder of the *current* key only: after
any edit of ``etl/`` the key changes, so a stale build is never loaded.  The
job then runs the pure-Python modules (same results, slower) and each run
says so in its log until ``build`` is run again.  ``ETL_NATIVE=0`` in the
environment turns the compiled modules off.

What mypyc needs of the compiled modules: type annotations that hold at
run time (it checks them: a wrong one raises TypeError), no ``__dict__`` or
``__slots__`` tricks on their classes, no monkeypatching of their
functions (calls inside a compiled module are bound when it is built), and
no nested functions that call each other: compiled, they form a reference
cycle per call, which the pool's workers (cyclic collector off) never free
(``tests/test_native.py`` checks that a page leaves none).
``etl.records`` and ``etl.textrepair`` use such tricks and stay Python.
"""

from __future__ import annotations

import os
import sys

#: The modules compiled (of the package ``etl``): those a page's extraction
#: runs.  The others cost little per page (or use Python-only tricks).
MODULES = (
    "care_visits", "dates", "extract", "figures", "indicators", "numerals",
    "privacy", "regions", "rules", "semantic", "sentences",
)

#: mypyc puts the compiled code of all MODULES in one shared library, which
#: each module's small extension imports by this name.
GROUP = "etl_native"

#: ``ETL_NATIVE=0`` (or ``false``, ``no``, ``off``): run the Python modules.
DISABLE_VARIABLE = "ETL_NATIVE"

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))

#: The file a build folder gets last, once every compiled file is in it.
_MARKER = "COMPLETE"


def enabled() -> bool:
    return os.environ.get(DISABLE_VARIABLE, "1").strip().lower() not in ("0", "false", "no", "off")


def builds_root() -> str:
    """Where builds are kept: inside the Python environment, which they
    belong to (its interpreter's ABI); removing the environment removes them."""
    return os.path.join(sys.prefix, "etl-native")


def source_key(package_dir: str = PACKAGE_DIR) -> str:
    """Hash of every ``*.py`` of the package (name and bytes) and the
    interpreter's ABI tag: a build is for exactly these sources."""
    import hashlib

    h = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in sorted(n for n in os.listdir(package_dir) if n.endswith(".py")):
        with open(os.path.join(package_dir, name), "rb") as f:
            data = f.read()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:24]


def _complete(folder: str) -> bool:
    """Whether ``folder`` holds a finished build (``build`` writes its
    marker last)."""
    return os.path.isfile(os.path.join(folder, _MARKER))


def _extension_file(folder: str, dotted: str) -> str | None:
    """The compiled file of module ``dotted`` in ``folder``, if there is one."""
    import importlib.machinery

    base = os.path.join(folder, *dotted.split("."))
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        if os.path.isfile(base + suffix):
            return base + suffix
    return None


class Finder:
    """A ``sys.meta_path`` finder: ``etl.<module>`` of :data:`MODULES` (and
    the shared library) from the build of the current sources, when there is
    one; otherwise it finds nothing and Python imports the ``.py`` file."""

    def __init__(self, root: str | None = None, package_dir: str = PACKAGE_DIR) -> None:
        self.root = root
        self.package_dir = package_dir
        self._folder: str | None = None
        self._looked = False
        self.stale = False  # builds exist, none of them for these sources

    def folder(self) -> str | None:
        """The build folder of the current sources, or None (looked up once,
        when the first compiled module is imported: the hash reads ``etl/``)."""
        if not self._looked:
            self._looked = True
            root = self.root or builds_root()
            try:
                if os.path.isdir(root):
                    folder = os.path.join(root, source_key(self.package_dir))
                    if _complete(folder):
                        self._folder = folder
                    else:
                        self.stale = any(_complete(os.path.join(root, d)) for d in os.listdir(root))
            except OSError:  # unreadable: no build (the Python modules import as usual)
                pass
        return self._folder

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname == f"{GROUP}__mypyc" or (
            fullname.startswith("etl.") and fullname[4:] in MODULES
        ):
            folder = self.folder()
            if folder is None:
                return None
            location = _extension_file(folder, fullname)
            if location is None:
                return None
            import importlib.util

            return importlib.util.spec_from_file_location(fullname, location)
        return None


def install() -> None:
    """Put the :class:`Finder` first on ``sys.meta_path`` (once), unless
    ``ETL_NATIVE=0``.  Called by ``etl/__init__.py``: cheap, it reads nothing
    until a compiled module is imported."""
    if enabled() and not any(isinstance(f, Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, Finder())


def status() -> str:
    """Which extractor this process runs (or would run, before it imports
    one): ``compiled``, or ``python`` with the reason."""
    imported = [m for m in (sys.modules.get(f"etl.{name}") for name in MODULES) if m is not None]
    compiled = sum(not (m.__file__ or "").endswith(".py") for m in imported)
    if imported and compiled == len(imported):
        return "compiled"
    if compiled:
        return "mixed (some modules compiled, some not)"
    if not enabled():
        return f"python ({DISABLE_VARIABLE}=0)"
    finder = next((f for f in sys.meta_path if isinstance(f, Finder)), None)
    if finder is None:
        return "python (the finder is not installed)"
    if finder.folder() is not None:
        return "python (modules imported before the finder)" if imported else "compiled"
    if finder.stale:
        return "python (stale build: etl/ changed since; run 'etl native build')"
    return "python (not built: run 'etl native build')"


def build() -> str:
    """Compile :data:`MODULES` for the current sources; returns the folder.

    mypyc type-checks the package first (a type error fails the build, with
    mypy's message) and then runs the C compiler through setuptools.  The
    work is done in a temporary copy of the package, so the source tree
    gets no ``.so`` file (which would shadow its ``.py``); the folder
    appears complete or not at all, and older builds are removed."""
    import shutil
    import subprocess
    import tempfile

    key = source_key()
    root = builds_root()
    target = os.path.join(root, key)
    if _complete(target):
        return target
    os.makedirs(root, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="etl-native-") as work:
        shutil.copytree(PACKAGE_DIR, os.path.join(work, "etl"),
                        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
        paths = [f"etl/{m}.py" for m in MODULES]
        setup = os.path.join(work, "setup.py")
        with open(setup, "w", encoding="utf-8") as f:
            f.write(
                "from setuptools import setup\n"
                "from mypyc.build import mypycify\n"
                f"setup(name={GROUP!r}, py_modules=[], ext_modules=mypycify(\n"
                f"    ['--ignore-missing-imports', '--follow-imports=silent', *{paths!r}],\n"
                "    opt_level='3', debug_level='0',\n"
                f"    group_name={GROUP!r}))\n"
            )
        proc = subprocess.run(
            [sys.executable, setup, "build_ext", "--inplace"],
            cwd=work, capture_output=True, text=True,
            env={**os.environ, DISABLE_VARIABLE: "0"},  # the build imports nothing compiled
        )
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
            raise BuildError(f"mypyc build failed (exit {proc.returncode}):\n{tail}")
        staging = tempfile.mkdtemp(prefix=f"{key}.", dir=root)
        try:
            for dotted in [f"{GROUP}__mypyc", *(f"etl.{m}" for m in MODULES)]:
                built = _extension_file(work, dotted)
                if built is None:
                    raise BuildError(f"mypyc build: no compiled file for {dotted} in its output")
                dest = os.path.join(staging, os.path.relpath(built, work))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.move(built, dest)
            with open(os.path.join(staging, _MARKER), "w", encoding="utf-8") as f:
                f.write(f"{sys.version}\n")
            if _complete(target):  # a concurrent build finished first
                shutil.rmtree(staging)
            else:
                if os.path.isdir(target):  # an incomplete earlier attempt
                    shutil.rmtree(target)
                os.rename(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    for other in os.listdir(root):  # older builds: never loaded again
        if other != key:
            shutil.rmtree(os.path.join(root, other), ignore_errors=True)
    return target


class BuildError(RuntimeError):
    pass
