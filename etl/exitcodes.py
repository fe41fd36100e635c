"""Exit codes of the ``etl`` command (documented in the README).

A module of its own so that the command line (``etl --help``, a usage
error) does not import the pipeline and its dependencies to know them.
"""

EXIT_OK = 0  # all pages published (or: extract/validate succeeded)
EXIT_FAILED = 1  # failed: nothing changed, the previous package is untouched
EXIT_USAGE = 2  # usage error
EXIT_QUARANTINED = 3  # published, but some pages were quarantined
