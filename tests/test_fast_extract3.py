"""Faster constructions and fast paths must give exactly what the plain
computation gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import random

from etl import records


def _random_figure_args(rng: random.Random) -> tuple:
    return (
        rng.randint(0, 9999), rng.randint(0, 9999), rng.choice(["12人", "3.5万元", ""]),
        rng.choice([0.5, 12.0, -3.0, 1e8]), rng.choice(["person", "CNY", "percent"]),
        rng.choice(["人", "万元", "%"]), rng.choice(["exact", "range", "approx"]),
        rng.choice(["全区新增就业12人。", ""]), rng.choice([None, 20.0]),
        rng.choice([None, "month", "year"]), rng.randint(0, 9999), rng.randint(0, 9999),
    )


def _random_date_args(rng: random.Random) -> tuple:
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))
    return (
        rng.randint(0, 9999), rng.randint(0, 9999), rng.choice(["2022年", "今年", "1月16日"]),
        rng.choice(["day", "month", "year", "period"]), rng.choice([None, day]),
        rng.choice([None, day + dt.timedelta(days=3)]),
        rng.choice(["absolute", "relative", "issue_year", "unresolved"]),
        rng.randint(0, 9999), rng.randint(0, 9999),
    )


def _same_record(fast, plain) -> None:
    assert type(fast) is type(plain)
    assert fast == plain and not (fast != plain)
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)
    assert dataclasses.astuple(fast) == dataclasses.astuple(plain)
    assert pickle.loads(pickle.dumps(fast)) == plain
    assert dataclasses.replace(fast) == plain


def test_record_constructors_cover_every_field_in_order():
    for cls, new in ((records.Figure, records.new_figure),
                     (records.DateMention, records.new_date_mention)):
        names = [f.name for f in dataclasses.fields(cls)]
        assert list(cls.__slots__) == names
        assert list(new.__code__.co_varnames[: new.__code__.co_argcount]) == names


def test_new_figure_equals_the_dataclass_constructor():
    rng = random.Random(20261126)
    for _ in range(2000):
        args = _random_figure_args(rng)
        _same_record(records.new_figure(*args), records.Figure(*args))


def test_new_date_mention_equals_the_dataclass_constructor():
    rng = random.Random(20261127)
    for _ in range(2000):
        args = _random_date_args(rng)
        _same_record(records.new_date_mention(*args), records.DateMention(*args))


def test_fast_records_stay_frozen():
    import pytest

    f = records.new_figure(*_random_figure_args(random.Random(1)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.value = 1.0  # type: ignore[misc]
