"""Versions of the published data: its metadata, diffs between packages, releases.

These modules read packages as files on disk (``datapackage.json`` and the
CSV files it names) and never the job's internals:

* ``metadata``: the one file of package metadata (``schemas/package.json``),
  with the data version, and the citation built from it;
* ``diff``: what changed between two packages (``etl diff``);
* ``archive``: a release as a deterministic zip with ``SHA256SUMS``, the
  version bump, and the changelog (``etl release``).
"""
