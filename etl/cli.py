"""The ``etl`` command line: ``etl run``, ``etl extract``, ``etl validate``.

Exit codes (documented in the README):
  0  all pages published (or: the extract/validate command succeeded)
  3  published, but some pages were quarantined
  1  failed: nothing changed (the previous package is untouched)
  2  usage error
Errors are one line on stderr, naming the file and the problem.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from etl import __version__
from etl.exitcodes import EXIT_FAILED, EXIT_OK, EXIT_USAGE

# Heavy modules (the pipeline, polars, pandera, frictionless: ~1 s) are
# imported by the command that needs them, so that --help answers at once.


_EXITS_TOP = """exit codes: see each command's --help (0 success, 1 failed, 2 usage error; etl run: 3 published with quarantined pages)"""

_RUN_EPILOG = """exit codes:
  0  all pages published
  3  published, but some pages were quarantined (see the log or --report)
  1  failed: nothing changed, the published package is untouched
  2  usage error (a bad option, or an --out/--state that may not be used): nothing touched

--out may be absent, an empty folder, or a package etl run published (it holds
the .etl-package marker and nothing but the package's files); it is replaced
whole. Anything else is refused: a folder with other files, a file, a symbolic
link, the sources or state folder or a folder inside or above them, the
current folder or a folder above it, the filesystem root.
--state may be absent, an empty folder, or a state folder of etl run (nothing
but its own files); the same places are refused.
Pages are found in the whole tree under --sources; a page in a subfolder gets
the source_id <folder>__<subfolder>__<name> (2023/01/page.txt: 2023__01__page).
A page over a budget (--max-bytes, --max-rows-per-page, --page-seconds) is
quarantined with the reason (too_large, too_many_rows, over_time) and the run
goes on."""

_EXTRACT_EPILOG = """exit codes:
  0  printed
  1  the file cannot be read or is not a text page
  2  usage error"""

_VALIDATE_EPILOG = """exit codes:
  0  the package is valid
  1  the package is invalid (each problem on one line)
  2  usage error"""


def _parser() -> argparse.ArgumentParser:
    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # usage errors exit 2 with one line
            self.print_usage(sys.stderr)
            print(f"etl: error: {message}", file=sys.stderr)
            raise SystemExit(EXIT_USAGE)

    class _CommandParser(_Parser):
        """A command's parser: it reports its own unknown options, with its
        own usage (argparse leaves them to the top-level parser)."""

        def parse_known_args(self, args=None, namespace=None):
            namespace, extras = super().parse_known_args(args, namespace)
            if extras:
                self.error(f"unrecognized arguments: {' '.join(extras)}")
            return namespace, extras

    raw = argparse.RawDescriptionHelpFormatter
    p = _Parser(prog="etl", description="Chinese news pages to a validated open-data package.", epilog=_EXITS_TOP, formatter_class=raw)
    p.add_argument("--version", action="version", version=f"etl {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_CommandParser)

    r = sub.add_parser("run", help="run the job: sources -> validated package", description="Run the job over a sources folder and publish the package atomically.", epilog=_RUN_EPILOG, formatter_class=raw)
    r.add_argument("--sources", type=Path, default=Path("sources"), help="folder of pages and metadata.csv (default: sources)")
    r.add_argument("--out", type=Path, default=Path("dist"), help="package folder to publish: absent, empty, or a package etl run published; anything else is refused (default: dist)")
    r.add_argument("--state", type=Path, default=Path(".state"), help="run state for incremental runs: absent, empty, or a state folder of etl run (default: .state)")
    r.add_argument("--pattern", default="*.txt", help="pages are the files under --sources, in any subfolder, whose name matches this pattern (default: *.txt); other files are skipped and reported")
    r.add_argument("--report", type=Path, help="write a JSON run report to this path")
    r.add_argument("--max-bytes", type=int, default=None, help="quarantine pages larger than this (default: 5 MiB)")
    r.add_argument("--max-rows-per-page", type=int, default=None, help="quarantine a page with more rows than this, all tables together (default: 20000; an ordinary page has a few hundred)")
    r.add_argument("--page-seconds", type=float, default=None, help="quarantine a page whose processing takes longer than this many seconds; 0: no limit (default: 60)")
    r.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    r.add_argument("--engine", choices=("local", "dask"), default="local", help="where pages are processed")
    r.add_argument("--scheduler", help="Dask scheduler address (with --engine dask; default: a local cluster)")
    r.add_argument("--wait", type=float, default=0.0, help="seconds to wait for a concurrent run's lock (default: 0)")
    r.add_argument("--frictionless", choices=("fast", "full"), default="fast", help="frictionless in the check before the swap: fast (the descriptor and its schemas; new rows always pass the same schemas' pandera checks, and keys, hashes and CSV equal to Parquet are always checked) or full (also every row of every resource through frictionless, as 'frictionless validate'); default: fast")
    g = r.add_mutually_exclusive_group()
    g.add_argument("-q", "--quiet", action="store_true", help="only errors")
    g.add_argument("-v", "--verbose", action="store_true", help="debug logging")

    e = sub.add_parser("extract", help="print the figures (or dates) of one text as JSON Lines", description="Print the figures of one page as JSON Lines (same code path as etl run).", epilog=_EXTRACT_EPILOG, formatter_class=raw)
    e.add_argument("path", help="a text file, or - for standard input")
    e.add_argument("--dates", action="store_true", help="print dates instead of figures")
    e.add_argument("--issue-date", help="issue date (YYYY, YYYY-MM or YYYY-MM-DD) to resolve relative dates")

    v = sub.add_parser("validate", help="validate a published package", description="Validate a package: its files (hashes, sizes, Parquet equal to CSV, keys) and every rule of its data (each column's declared constraints, foreign keys, units in the vocabulary and the codebook, an indicator equal to its figure, offsets within the page, counts, ranges), then frictionless. Each problem is one line naming the table, the first row's key, the column and the rule, with the count of other rows breaking it.", epilog=_VALIDATE_EPILOG, formatter_class=raw)
    v.add_argument("dir", nargs="?", type=Path, default=Path("dist"), help="package folder (default: dist)")

    from etl.release.cli import add_parsers  # etl diff, etl release

    add_parsers(sub)
    return p


def _configure_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO
    root = logging.getLogger()
    existing = list(root.handlers)
    logging.basicConfig(level=level, format="etl: %(levelname)s: %(message)s", stream=sys.stderr)
    # Libraries may set their own loggers' levels (dask's distributed logs
    # its cluster's life at INFO, whatever the root's level): our handler
    # itself keeps to the level asked for and, below WARNING, speaks for the
    # job only, unless -v.
    for handler in root.handlers:
        if handler not in existing:
            handler.setLevel(level)
            if not verbose:
                handler.addFilter(_job_or_warning)


def _job_or_warning(record) -> bool:
    """A log record worth a line without -v: the job's own, or a warning."""
    return record.name == "etl" or record.name.startswith("etl.") or record.levelno >= logging.WARNING


def _cmd_run(args) -> int:
    from etl.batch import sources
    from etl.batch.page import DEFAULT_MAX_ROWS, DEFAULT_PAGE_SECONDS
    from etl.batch.pipeline import RunOptions, run

    _configure_logging(args.quiet, args.verbose)
    if args.max_bytes is not None and args.max_bytes < 1:
        print("etl: error: --max-bytes must be positive", file=sys.stderr)
        return EXIT_USAGE
    if args.max_rows_per_page is not None and args.max_rows_per_page < 1:
        print("etl: error: --max-rows-per-page must be positive", file=sys.stderr)
        return EXIT_USAGE
    if args.page_seconds is not None and not args.page_seconds >= 0:
        print("etl: error: --page-seconds must be 0 (no limit) or positive", file=sys.stderr)
        return EXIT_USAGE
    if not args.pattern or "/" in args.pattern or os.sep in args.pattern:
        print("etl: error: --pattern must be a file name pattern such as *.txt (no folder)", file=sys.stderr)
        return EXIT_USAGE
    opts = RunOptions(
        sources_dir=args.sources,
        out=args.out,
        state_dir=args.state,
        report_path=args.report,
        max_bytes=args.max_bytes or sources.DEFAULT_MAX_BYTES,
        max_rows_per_page=args.max_rows_per_page or DEFAULT_MAX_ROWS,
        page_seconds=DEFAULT_PAGE_SECONDS if args.page_seconds is None else args.page_seconds,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        lock_wait=args.wait,
        progress=sys.stderr.isatty() and not args.quiet,
        frictionless_check=args.frictionless,
        pattern=args.pattern,
    )
    result = run(opts)
    log = logging.getLogger("etl")
    if result.error:
        print(f"etl: error: {result.error}", file=sys.stderr)
    else:
        counts = ", ".join(f"{t} {n}" for t, n in result.counts.items())
        statuses: dict[str, int] = {}
        for p in result.pages:
            statuses[p["status"]] = statuses.get(p["status"], 0) + 1
        log.info("published %s: pages %s; rows: %s", args.out, statuses, counts)
    return result.exit_code


def _read_text(path: str) -> str:
    from etl.batch.sources import PageError, decode

    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = path
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            raise PageError(path, "unreadable", f"cannot read: {e.strerror}") from None
    return decode(data, name)[0]


def _cmd_extract(args) -> int:
    import json

    from etl.extract import extract_text
    from etl.batch.sources import IssueDate, PageError

    try:
        parsed = IssueDate.parse(args.issue_date) if args.issue_date else None
    except ValueError as e:
        print(f"etl: error: --issue-date: {e}", file=sys.stderr)
        return EXIT_USAGE
    try:
        text = _read_text(args.path)
    except PageError as e:
        print(f"etl: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    page = extract_text(text, parsed.date if parsed else None, parsed.precision if parsed else "month")
    out = sys.stdout
    if args.dates:
        for d in page.dates:
            row = {
                "char_start": d.char_start, "char_end": d.char_end, "surface": d.surface,
                "granularity": d.granularity, "start": d.start.isoformat() if d.start else None,
                "end": d.end.isoformat() if d.end else None, "resolution": d.resolution,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        from etl.semantic import name_masking, privacy

        # Same rule as the published tables: contexts never carry private names.
        names = privacy.find_private_names(page.repaired)
        for f in page.figures:
            row = {
                "char_start": f.char_start, "char_end": f.char_end, "surface": f.surface,
                "value": f.value, "value_max": f.value_max, "unit": f.unit, "unit_raw": f.unit_raw,
                "per": f.per, "qualifier": f.qualifier, "context": name_masking.mask(f.context, names),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return EXIT_OK


def _cmd_validate(args) -> int:
    from etl.package.validate import PackageInvalid, check_package

    try:
        check_package(args.dir)
    except PackageInvalid as e:
        for problem in e.problems:
            print(f"etl: invalid: {args.dir}: {problem}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.dir}: valid")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """The ``etl`` command: parse ``argv`` and run the sub-command; returns
    the exit code."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else list(argv))
    try:
        from etl.release.cli import cmd_diff, cmd_release

        commands = {"run": _cmd_run, "extract": _cmd_extract, "validate": _cmd_validate, "diff": cmd_diff, "release": cmd_release}
        return commands[args.command](args)
    except KeyboardInterrupt:
        print("etl: interrupted; the published package is unchanged", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_OK


def command() -> None:
    """The ``etl`` console script."""
    sys.exit(main())


if __name__ == "__main__":
    command()
