"""What changed between two packages: ``etl diff OLD NEW [--json]``.

Both packages are read from disk: the descriptor (``datapackage.json``) for
each table's schema and primary key, and the CSV files it names for the rows
(the Parquet files carry the same rows).  Cells are compared as the strings
published, so a diff never depends on how a reader would type them.

Per table: rows ``added`` and ``removed`` (by primary key), rows ``changed``
(same key, another value in at least one column both versions have) with
the count per changed column, and schema changes (fields added, removed or
of another type, primary key changed); then tables added and removed,
whether only the documentation changed, totals, and the version bump the
changes call for (see ``bump_kind``).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

#: Descriptor keys of a resource that follow from its data, not its documentation.
_DATA_KEYS = {"hash", "bytes", "x-rows", "x-parts", "path"}


def load_descriptor(package: Path) -> dict:
    path = Path(package) / "datapackage.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file (not a package folder?)")
    return json.loads(path.read_text(encoding="utf-8"))


def _tables(descriptor: dict) -> dict[str, dict]:
    """Each table's CSV resource, by table name."""
    tables = {}
    for res in descriptor.get("resources", []):
        if res.get("format", "csv") == "csv":
            tables[res.get("x-table", res["name"])] = res
    return tables


def _fields(resource: dict) -> dict[str, str]:
    return {f["name"]: f.get("type", "any") for f in resource.get("schema", {}).get("fields", [])}


def _primary_key(resource: dict) -> list[str]:
    pk = resource.get("schema", {}).get("primaryKey") or []
    return [pk] if isinstance(pk, str) else list(pk)


def _read_rows(package: Path, resource: dict) -> pl.DataFrame:
    """The resource's rows, every cell a string (null where empty)."""
    paths = resource["path"] if isinstance(resource["path"], list) else [resource["path"]]
    frames = [pl.read_csv(Path(package) / p, infer_schema=False, null_values=[""]) for p in paths]
    return pl.concat(frames, how="vertical") if len(frames) > 1 else frames[0]


def _schema_changes(old: dict, new: dict) -> dict:
    of, nf = _fields(old), _fields(new)
    return {
        "fields_added": [f for f in nf if f not in of],
        "fields_removed": [f for f in of if f not in nf],
        "types_changed": {f: [of[f], nf[f]] for f in nf if f in of and of[f] != nf[f]},
        "primary_key_changed": _primary_key(old) != _primary_key(new),
    }


def _row_changes(old_rows: pl.DataFrame, new_rows: pl.DataFrame, key: list[str]) -> dict:
    common = [c for c in new_rows.columns if c in old_rows.columns]
    if not key or any(k not in common for k in key):
        key = common  # no usable primary key: rows are matched whole
    old_rows, new_rows = old_rows.select(common), new_rows.select(common)
    added = new_rows.join(old_rows, on=key, how="anti", nulls_equal=True).height
    removed = old_rows.join(new_rows, on=key, how="anti", nulls_equal=True).height
    others = [c for c in common if c not in key]
    changed_columns: dict[str, int] = {}
    changed = 0
    if others:
        both = old_rows.join(new_rows, on=key, how="inner", suffix="__new", nulls_equal=True)
        differs = {c: both[c].ne_missing(both[f"{c}__new"]) for c in others}
        changed_columns = {c: int(d.sum()) for c, d in differs.items() if d.any()}
        if changed_columns:
            changed = int(pl.DataFrame(differs).select(pl.any_horizontal(pl.all())).to_series().sum())
    return {"added": added, "removed": removed, "changed": changed, "changed_columns": changed_columns}


def _documentation(package: Path, descriptor: dict) -> dict:
    """What documents the package, the version left out: the descriptor
    without the data's hashes, sizes and row counts, and every file outside
    ``data/`` (README, landing page) with its version mentions blanked."""
    version = descriptor.get("version", "")
    meta = {k: v for k, v in descriptor.items() if k not in ("version", "resources")}
    meta["resources"] = [{k: v for k, v in r.items() if k not in _DATA_KEYS} for r in descriptor.get("resources", [])]
    files = {}
    for path in sorted(Path(package).rglob("*")):
        rel = path.relative_to(package).as_posix()
        if path.is_file() and not rel.startswith("data/") and rel != "datapackage.json":
            data = path.read_bytes()
            files[rel] = data.replace(f"version {version}".encode(), b"version ?") if version else data
    return {"descriptor": meta, "files": files}


def diff_packages(old: Path | None, new: Path) -> dict:
    """The differences from package ``old`` to package ``new`` (``old`` None:
    an empty package, so that every row and table of ``new`` is added)."""
    old_desc = load_descriptor(old) if old is not None else {"resources": []}
    new_desc = load_descriptor(new)
    old_tables, new_tables = _tables(old_desc), _tables(new_desc)
    tables: dict[str, dict] = {}
    for name in [*new_tables, *(t for t in old_tables if t not in new_tables)]:
        o, n = old_tables.get(name), new_tables.get(name)
        if o is None or n is None:
            folder, resource = (new, n) if n is not None else (old, o)
            assert folder is not None and resource is not None  # (a table is in one package at least)
            rows = _read_rows(folder, resource)
            status = "added" if o is None else "removed"
            tables[name] = {
                "status": status,
                "rows_old": 0 if o is None else rows.height,
                "rows_new": rows.height if o is None else 0,
                "added": rows.height if o is None else 0,
                "removed": rows.height if n is None else 0,
                "changed": 0,
                "changed_columns": {},
                "schema": {"fields_added": list(_fields(n)) if n else [], "fields_removed": list(_fields(o)) if o else [],
                           "types_changed": {}, "primary_key_changed": False},
            }
            continue
        assert old is not None  # (o is not None: the old package exists)
        old_rows, new_rows = _read_rows(old, o), _read_rows(new, n)
        entry: dict = {"rows_old": old_rows.height, "rows_new": new_rows.height}
        entry.update(_row_changes(old_rows, new_rows, _primary_key(n)))
        entry["schema"] = _schema_changes(o, n)
        s = entry["schema"]
        touched = entry["added"] or entry["removed"] or entry["changed"] or s["fields_added"] or s["fields_removed"] or s["types_changed"] or s["primary_key_changed"]
        tables[name] = {"status": "changed" if touched else "same", **entry}
    tables_added = [t for t in new_tables if t not in old_tables]
    tables_removed = [t for t in old_tables if t not in new_tables]
    in_both = [t for t in tables.values() if t["status"] in ("same", "changed")]
    totals = {
        "added": sum(t["added"] for t in tables.values()),
        "removed": sum(t["removed"] for t in tables.values()),
        "changed": sum(t["changed"] for t in tables.values()),
        "fields_added": sum(len(t["schema"]["fields_added"]) for t in in_both),
        "fields_removed": sum(len(t["schema"]["fields_removed"]) for t in in_both),
        "types_changed": sum(len(t["schema"]["types_changed"]) for t in in_both),
        "primary_keys_changed": sum(bool(t["schema"]["primary_key_changed"]) for t in in_both),
        "tables_added": len(tables_added),
        "tables_removed": len(tables_removed),
    }
    documentation_changed = old is None or _documentation(old, old_desc) != _documentation(new, new_desc)
    result = {
        "old": {"path": str(old) if old is not None else None, "name": old_desc.get("name"), "version": old_desc.get("version")},
        "new": {"path": str(new), "name": new_desc.get("name"), "version": new_desc.get("version")},
        "tables": tables,
        "tables_added": tables_added,
        "tables_removed": tables_removed,
        "documentation_changed": documentation_changed,
        "totals": totals,
    }
    result["bump"] = bump_kind(result)
    return result


def bump_kind(d: dict) -> str:
    """The version bump a diff calls for: ``major`` for a breaking schema
    change (a field or table removed, a field's type or a primary key
    changed), ``minor`` for new, removed or changed rows and added fields or
    tables, ``patch`` when only the documentation changed, ``none`` when
    nothing did."""
    t = d["totals"]
    if t["fields_removed"] or t["types_changed"] or t["primary_keys_changed"] or t["tables_removed"]:
        return "major"
    if t["added"] or t["removed"] or t["changed"] or t["fields_added"] or t["tables_added"]:
        return "minor"
    if d["documentation_changed"]:
        return "patch"
    return "none"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(d: dict) -> str:
    """The diff in a few lines of Markdown, short enough for a changelog."""
    lines = []
    for name, t in d["tables"].items():
        if t["status"] == "added":
            lines.append(f"- `{name}`: new table, {_plural(t['added'], 'row')}")
            continue
        if t["status"] == "removed":
            lines.append(f"- `{name}`: table removed ({_plural(t['removed'], 'row')})")
            continue
        if t["status"] == "same":
            continue
        parts = []
        if t["added"] or t["removed"] or t["changed"]:
            parts.append(f"+{t['added']} −{t['removed']} ~{t['changed']} rows")
        if t["changed_columns"]:
            parts.append("changed: " + ", ".join(f"{c} {n}" for c, n in t["changed_columns"].items()))
        s = t["schema"]
        if s["fields_added"]:
            parts.append("fields added: " + ", ".join(s["fields_added"]))
        if s["fields_removed"]:
            parts.append("fields removed: " + ", ".join(s["fields_removed"]))
        if s["types_changed"]:
            parts.append("types changed: " + ", ".join(f"{f} {a}→{b}" for f, (a, b) in s["types_changed"].items()))
        if s["primary_key_changed"]:
            parts.append("primary key changed")
        lines.append(f"- `{name}`: " + "; ".join(parts))
    t = d["totals"]
    if not lines and not d["documentation_changed"]:
        return "No changes."
    total = f"Total: +{t['added']} −{t['removed']} ~{t['changed']} rows"
    schema_bits = [
        f"{_plural(t[k], noun)} {verb}" for k, noun, verb in (
            ("fields_added", "field", "added"), ("fields_removed", "field", "removed"),
            ("types_changed", "type", "changed"), ("primary_keys_changed", "primary key", "changed"),
            ("tables_added", "table", "added"), ("tables_removed", "table", "removed"),
        ) if t[k]
    ]
    if schema_bits:
        total += "; " + ", ".join(schema_bits)
    if d["documentation_changed"] and d["old"]["path"] is not None:
        total += "; documentation changed"
    return "\n".join([*lines, "", total + "."]) if lines else total + "."


def report(old: Path, new: Path, as_json: bool) -> str:
    d = diff_packages(old, new)
    if as_json:
        return json.dumps(d, ensure_ascii=False, indent=2)
    head = f"{d['old']['name']} {d['old']['version']} → {d['new']['name']} {d['new']['version']} (suggested bump: {d['bump']})"
    return head + "\n" + summary(d)
