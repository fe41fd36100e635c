"""Chinese news figures ETL.

The job's stages, as the data flows (each a subpackage; a stage imports only
from the stages before it):

  etl.extract   page text -> repaired text, figures and dates
  etl.semantic  figures and dates -> indicators, checks, care visits, regions; privacy
  etl.package   rows -> typed, checked tables -> a published Frictionless package
  etl.batch     the run: sources, incremental state, workers, the crash-safe publish
  etl.cli       the ``etl`` command on top
"""
import os

__version__ = "0.1.0"

#: The project folder and its ``schemas/`` (table schemas, codebook,
#: vocabularies), defined once.
PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
SCHEMAS_DIR = os.path.join(PROJECT_DIR, "schemas")
