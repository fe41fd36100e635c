"""Chinese news figures ETL."""
import os

__version__ = "0.1.0"

#: The project folder and its ``schemas/`` (table schemas, codebook,
#: vocabularies), defined once: a compiled module's ``__file__`` is in its
#: build folder (etl/native.py), not beside ``schemas/``.
PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
SCHEMAS_DIR = os.path.join(PROJECT_DIR, "schemas")

# The compiled extractor, when built for these sources (etl/native.py).
from etl import native as _native  # noqa: E402

_native.install()
