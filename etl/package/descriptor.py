"""The package descriptor (``datapackage.json``): the package's metadata
(``schemas/package.json``, see ``etl.package.metadata``) around its resources."""

from __future__ import annotations

from etl.package import metadata, schema


def build_descriptor(resources: list[dict], publishers: list[str]) -> dict:
    meta = metadata.load()
    descriptor = {k: v for k, v in meta.items() if k != "resources"}
    descriptor["version"] = meta["version"]  # the data version, not the code's
    # The package's sources: every publication its pages came from.
    descriptor["sources"] = meta.get("sources", []) + [{"title": p} for p in publishers]
    descriptor["resources"] = resources
    return descriptor


def declared_foreign_keys(descriptor: dict) -> list[tuple[str, list[str], str, list[str]]]:
    """Every foreign key as (table, fields, referenced table, referenced
    fields): whatever the descriptor's resources declare (a reference by
    resource name, or "" for the resource itself), and what the job's own
    schemas declare (a key left out of a descriptor is still checked)."""
    table_of = {r["name"]: r.get("x-table", r["name"]) for r in descriptor["resources"]}
    declared = []
    for resource in descriptor["resources"]:
        table = table_of[resource["name"]]
        for fk in resource.get("schema", {}).get("foreignKeys", []):
            declared.append((table, fk, table_of.get(fk["reference"]["resource"], fk["reference"]["resource"])))
    for table in dict.fromkeys(table_of.values()):
        if table in schema.TABLES:
            declared += [(table, fk, fk["reference"]["resource"] or table) for fk in schema.load(table).get("foreignKeys", [])]
    def as_list(fields) -> tuple[str, ...]:
        return (fields,) if isinstance(fields, str) else tuple(fields)

    unique = dict.fromkeys(
        (table, as_list(fk["fields"]), target or table, as_list(fk["reference"]["fields"])) for table, fk, target in declared
    )
    return [(table, list(fields), target, list(ref)) for table, fields, target, ref in unique]
