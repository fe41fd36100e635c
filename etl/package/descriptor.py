"""The package descriptor (``datapackage.json``): the package's metadata
(``schemas/package.json``) around its resources."""

from __future__ import annotations

import json

from etl import __version__
from etl.package import schema

PACKAGE_META = schema.SCHEMA_DIR / "package.json"


def build_descriptor(resources: list[dict], publishers: list[str]) -> dict:
    meta = json.loads(PACKAGE_META.read_text(encoding="utf-8"))
    descriptor = {k: v for k, v in meta.items() if k != "resources"}
    descriptor["version"] = __version__
    # The package's sources: every publication its pages came from.
    descriptor["sources"] = meta.get("sources", []) + [{"title": p} for p in publishers]
    descriptor["resources"] = resources
    return descriptor
