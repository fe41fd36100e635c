"""STUB: replaced by the dates extractor (issue 3)."""
from __future__ import annotations
import datetime as dt
from etl.records import DateMention
from etl.textrepair import Repaired


def extract_dates(repaired: Repaired, issue_date: dt.date | None) -> list[DateMention]:
    return []
