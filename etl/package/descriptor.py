"""The package descriptor (``datapackage.json``): the package's metadata
(``schemas/package.json``, see ``etl.package.metadata``) around its resources."""

from __future__ import annotations

from etl.package import metadata


def build_descriptor(resources: list[dict], publishers: list[str]) -> dict:
    meta = metadata.load()
    descriptor = {k: v for k, v in meta.items() if k != "resources"}
    descriptor["version"] = meta["version"]  # the data version, not the code's
    # The package's sources: every publication its pages came from.
    descriptor["sources"] = meta.get("sources", []) + [{"title": p} for p in publishers]
    descriptor["resources"] = resources
    return descriptor
