"""Consistency checks of one page's indicator rows (the codebook's ``checks``).

The codebook's ``checks``, one row per instance found; a check that fails
is published with ``passed = false``, never raised.  A check whose
comparison figure is not on the page (a completion rate without its target)
gives no row: there is nothing it could fail against.

Kinds: ``ratio`` (a rate against its numerator and denominator), ``share``
(A，其中 B，占 C%), ``completion`` (a completion rate against the achieved
figure and its target) and ``range``.  Each check row lists the figures it
compares, with their roles, for the ``check_figures`` table
(:func:`check_figure_rows`).

The indicator rows checked are derived by ``etl.semantic.indicators``
(which calls :func:`run_checks`); matching a figure to its indicator is
``etl.semantic.indicator_match``.
"""

from __future__ import annotations

import bisect
import math
import re

from etl.extract.records import Figure
from etl.semantic.codebook import load_codebook
from etl.semantic.page_index import PageIndex


def _para_of(idx: PageIndex, pos: int) -> int:
    return bisect.bisect_right(idx.para_starts, pos) - 1


_DECIMALS_RX = re.compile(r"[0-9][.．]([0-9]+)")


def _decimals(surface: str) -> int:
    m = _DECIMALS_RX.search(surface)
    return len(m.group(1)) if m else 0


def figure_id_of(source_id: str, f: Figure) -> str:
    """The ``figure_id`` of a figure of page ``source_id``."""
    return f"{source_id}:{f.char_start}-{f.char_end}"


def _check_row(source_id, check, primary: Figure, figs: list[tuple[str, Figure]], expected, observed, tolerance,
               passed, message):
    """A row of ``checks``; its figures, each with its role in the check
    (numerator, denominator, rate …), under the private key ``_figures``:
    they become rows of the ``check_figures`` link table (see
    ``check_figure_rows``)."""
    return {
        "check_id": f"{source_id}:{check['id']}:{primary.char_start}-{primary.char_end}",
        "source_id": source_id,
        "check_name": check["id"],
        "kind": check["kind"],
        "_figures": [(role, figure_id_of(source_id, f)) for role, f in figs],
        "expected": None if expected is None else round(float(expected), 6),
        "observed": None if observed is None else float(observed),
        "tolerance": None if tolerance is None else float(tolerance),
        "passed": bool(passed),
        "message": message,
    }


# (Module-level helpers, not closures inside run_checks: each takes the page
# index and rows it reads as arguments, so each can be read and tested alone.)
def _scope_key(idx: PageIndex, pos: int, scope: str) -> int:
    """The paragraph (or sentence) holding clean offset ``pos``: the figures
    of a check must stand in the same one."""
    if scope == "paragraph":
        return _para_of(idx, pos)
    return idx.back(pos, idx.sentence_breaks)


def _in_scope(idx: PageIndex, rows: list[dict], scope: str, key: int) -> list[dict]:
    """The ``rows`` whose figure stands in the scope ``key``."""
    return [r for r in rows if _scope_key(idx, r["_cs"], scope) == key]


def _nearest_in_scope(idx: PageIndex, rows: list[dict], scope: str, key: int, group: str | None,
                      pos: int) -> dict | None:
    """Of the ``rows`` in the scope ``key`` (and of population ``group`` or
    none, when ``group`` is given), the one whose figure is nearest ``pos``."""
    cands = [
        r for r in _in_scope(idx, rows, scope, key)
        if group is None or r["population_group"] in (None, group)
    ]
    cands.sort(key=lambda r: abs(r["_cs"] - pos))
    return cands[0] if cands else None


def run_checks(source_id: str, idx: PageIndex, figures: list[tuple[int, int, Figure]], rows: list[dict]) -> list[dict]:
    """Run the codebook's checks on one page.  ``figures`` are (clean start,
    clean end, figure); ``rows`` the page's indicator rows (with the private
    keys ``_cs`` and ``_fig``)."""
    cb = load_codebook()
    out: list[dict] = []
    by_ind: dict[str, list[dict]] = {}
    for r in rows:
        by_ind.setdefault(r["indicator_id"], []).append(r)
    for check in cb.checks:
        kind = check["kind"]
        try:
            if kind == "ratio":
                tol = float(check.get("tolerance", 0.1))
                scope = check.get("scope", "paragraph")
                for rate in by_ind.get(check["rate"], []):
                    key = _scope_key(idx, rate["_cs"], scope)
                    grp = rate["population_group"] if check.get("same_population_group") else None
                    num = _nearest_in_scope(idx, by_ind.get(check["numerator"], []), scope, key, grp, rate["_cs"])
                    den = _nearest_in_scope(idx, by_ind.get(check["denominator"], []), scope, key, grp, rate["_cs"])
                    if num is None or den is None:
                        continue
                    figs = [("numerator", num["_fig"]), ("denominator", den["_fig"]), ("rate", rate["_fig"])]
                    if den["value"] == 0:
                        out.append(_check_row(source_id, check, rate["_fig"], figs, None, rate["value"], tol, False,
                                              "denominator is zero"))
                        continue
                    expected = num["value"] / den["value"] * 100
                    ok = abs(expected - rate["value"]) <= tol + 1e-9
                    msg = (f"{num['value']:g} / {den['value']:g} = {expected:.2f} %, printed {rate['value']:g} %"
                           + ("" if ok else f": off by more than {tol:g} percentage points"))
                    out.append(_check_row(source_id, check, rate["_fig"], figs, expected, rate["value"], tol, ok, msg))
            elif kind == "share":
                out.extend(_share_checks(source_id, check, idx, figures))
            elif kind == "completion":
                scope = check.get("scope", "sentence")
                for rate in by_ind.get(check["rate"], []):
                    key = _scope_key(idx, rate["_cs"], scope)
                    achieved = _in_scope(idx, by_ind.get(check["achieved"], []), scope, key)
                    if not achieved:
                        continue
                    ach = min(achieved, key=lambda r: abs(r["_cs"] - rate["_cs"]))
                    targets = _in_scope(idx, by_ind.get(check["target"], []), scope, key) if check.get("target") else []
                    if not targets:
                        # Target not printed: nothing to check against.  (An
                        # "implied integer target" reproduces almost any
                        # printed rate, so such a check could not fail.)
                        continue
                    d = _decimals(rate["_fig"].surface)
                    tol = float(check.get("tolerance", 0.5 * 10 ** -d))
                    tgt = targets[0]
                    figs = [("achieved", ach["_fig"]), ("target", tgt["_fig"]), ("rate", rate["_fig"])]
                    expected = ach["value"] / tgt["value"] * 100 if tgt["value"] else math.inf
                    ok = abs(expected - rate["value"]) <= tol + 1e-9
                    msg = f"{ach['value']:g} / {tgt['value']:g} = {expected:.2f} %, printed {rate['value']:g} %"
                    out.append(_check_row(source_id, check, rate["_fig"], figs, expected, rate["value"], tol, ok, msg))
            elif kind == "range":
                lo, hi = check.get("minimum"), check.get("maximum")
                for r in by_ind.get(check["indicator"], []):
                    v = r["value"]
                    ok = (lo is None or v >= lo) and (hi is None or v <= hi)
                    msg = f"{v:g} within [{lo}, {hi}]" if ok else f"{v:g} outside [{lo}, {hi}]"
                    out.append(_check_row(source_id, check, r["_fig"], [("value", r["_fig"])], None, v, None, ok, msg))
        except Exception as e:  # a check never stops the job
            out.append({
                "check_id": f"{source_id}:{check['id']}:error",
                "source_id": source_id,
                "check_name": check["id"],
                "kind": kind,
                "_figures": [],
                "expected": None,
                "observed": None,
                "tolerance": None,
                "passed": False,
                "message": f"check could not run: {type(e).__name__}: {e}",
            })
    return out


def _share_checks(source_id: str, check: dict, idx: PageIndex, figures: list[tuple[int, int, Figure]]) -> list[dict]:
    """"A，其中 B，占 C%": C ≈ B / A × 100, A and B with the same unit."""
    clean = idx.clean
    tol = float(check.get("tolerance", 0.1))
    part_marker = check.get("part_marker", "其中")
    share_markers = tuple(check.get("share_markers", ["占"]))
    out = []
    for k, (cs, ce, share) in enumerate(figures):
        if share.unit != "percent":
            continue
        sent_start = idx.back(cs, idx.sentence_breaks)
        clause_start = idx.back(cs, idx.clause_breaks)
        if not any(m in clean[clause_start:cs] for m in share_markers):
            continue
        # The part: the nearest figure before, after the part marker.
        prior = [(s, e, f) for s, e, f in figures[:k] if s >= sent_start]
        part_i = None
        for i in range(len(prior) - 1, -1, -1):
            s, e, f = prior[i]
            if f.unit != "percent" and part_marker in clean[max(sent_start, idx.back(s, idx.clause_breaks)) : s]:
                part_i = i
                break
        if part_i is None or part_i == 0:
            continue
        part = prior[part_i][2]
        whole = next((f for s, e, f in reversed(prior[:part_i]) if f.unit == part.unit), None)
        if whole is None:
            continue
        figs = [("whole", whole), ("part", part), ("share", share)]
        if whole.value == 0:
            out.append(_check_row(source_id, check, share, figs, None, share.value, tol, False, "whole is zero"))
            continue
        expected = part.value / whole.value * 100
        ok = abs(expected - share.value) <= tol + 1e-9 and part.value <= whole.value
        msg = f"{part.value:g} / {whole.value:g} = {expected:.2f} %, printed {share.value:g} %"
        if not ok:
            msg += ": part larger than whole" if part.value > whole.value else f": off by more than {tol:g} percentage points"
        out.append(_check_row(source_id, check, share, figs, expected, share.value, tol, ok, msg))
    return out


#: The roles a figure plays in a check (``check_figures.role``), by check kind.
CHECK_ROLES = {
    "ratio": ("numerator", "denominator", "rate"),
    "share": ("whole", "part", "share"),
    "completion": ("achieved", "target", "rate"),
    "range": ("value",),
}


def check_figure_rows(checks: list[dict]) -> list[dict]:
    """The ``check_figures`` rows of a page's check rows (one per figure a
    check compares, with its role), taking the private key ``_figures`` out
    of each check row."""
    return [
        {"check_id": row["check_id"], "role": role, "figure_id": figure_id, "source_id": row["source_id"]}
        for row in checks
        for role, figure_id in row.pop("_figures")
    ]
