"""TEMPORARY STUB (lead) until the semantic layer lands: replace freely."""
from __future__ import annotations
from dataclasses import dataclass


@dataclass(frozen=True)
class SemanticResult:
    indicators: list
    checks: list
    care_visits: list
    private_names: frozenset


def derive(source_id, page):
    return SemanticResult([], [], [], frozenset())


def codebook_rows():
    return []
