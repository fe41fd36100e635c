"""``etl diff`` and ``etl release``: their arguments and commands (etl/cli.py
adds them to the ``etl`` command line)."""

from __future__ import annotations

import sys
from pathlib import Path

from etl.exitcodes import EXIT_FAILED, EXIT_OK


def add_parsers(sub) -> None:
    from etl.package import metadata

    d = sub.add_parser("diff", help="what changed between two packages", description="Compare two package folders: per table, rows added, removed and changed (by primary key, with the changed columns), schema changes, and totals. Exit 0 whatever the differences.")
    d.add_argument("old", type=Path, help="the older package folder")
    d.add_argument("new", type=Path, help="the newer package folder")
    d.add_argument("--json", action="store_true", help="print the diff as JSON (and nothing else) on standard output")

    r = sub.add_parser("release", help="release the package as a versioned zip with SHA256SUMS", description="Compare the package with the latest release in --out, bump the data version by what changed (major: field or table removed, type changed; minor: rows or fields or tables added, rows changed or removed; patch: documentation only), and write <name>-<version>.zip and SHA256SUMS there; update the version in the package, the metadata file and CITATION.cff, and add the version to CHANGELOG.md. Nothing is written when nothing changed.")
    r.add_argument("package", nargs="?", type=Path, default=Path("dist"), help="package folder (default: dist)")
    r.add_argument("--out", type=Path, default=Path("releases"), help="folder of the releases (default: releases)")
    r.add_argument("--metadata", type=Path, default=metadata.METADATA_FILE, help="package metadata file to update (default: schemas/package.json)")
    r.add_argument("--changelog", type=Path, default=metadata.CHANGELOG_FILE, help="changelog to add the version to (default: CHANGELOG.md)")
    r.add_argument("--citation", type=Path, default=metadata.CITATION_FILE, help="CITATION.cff to update (default: CITATION.cff)")
    r.add_argument("--date", help="release date, YYYY-MM-DD (default: today, UTC)")


def cmd_diff(args) -> int:
    from etl.release import diff

    try:
        print(diff.report(args.old, args.new, as_json=args.json))
    except (OSError, ValueError, KeyError) as e:
        print(f"etl: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_release(args) -> int:
    from etl.release import archive

    try:
        outcome = archive.release(
            args.package, args.out, metadata_file=args.metadata, changelog=args.changelog,
            citation=args.citation, date=args.date,
        )
    except (OSError, ValueError, KeyError) as e:
        print(f"etl: error: {e}", file=sys.stderr)
        return EXIT_FAILED
    print(f"etl: {outcome.message}")
    if outcome.summary:
        print(outcome.summary)
    return EXIT_OK
