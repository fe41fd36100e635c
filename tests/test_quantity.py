"""figures.quantity: what a figure measures, from its unit and the words before it."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.extract import extract_text, rules
from etl.extract.quantity import figure_quantity, unit_quantity


def quantities(text: str) -> dict[str, str]:
    page = extract_text(text, dt.date(2024, 1, 1))
    return {f.surface.replace(" ", ""): figure_quantity(f, page.repaired.clean) for f in page.figures}


def test_an_age_and_a_span_of_years_are_told_apart():
    q = quantities("她今年59岁，照顾婆婆30多年。")
    assert q == {"59岁": "age", "30多年": "duration"}


def test_years_after_an_age_word_are_an_age():
    q = quantities("参保人员年满60年可以领取，缴费满15年。")
    assert q["60年"] == "age" and q["15年"] == "duration"


@pytest.mark.parametrize(
    "text, surface, quantity",
    [
        ("全区城镇登记失业率为3.2%。", "3.2%", "rate"),
        ("带动就业30人，其中脱贫户10人，占33.3%。", "33.3%", "share"),
        ("全年接待游客同比增长12.5%。", "12.5%", "change"),
        ("就业率比上年提高2个百分点。", "2个百分点", "change"),
        # the nearer word decides: a share that rose is a change
        ("女性占比提高5%。", "5%", "change"),
    ],
)
def test_a_percentage_is_a_rate_a_share_or_a_change(text, surface, quantity):
    assert quantities(text)[surface] == quantity


def test_counts_and_amounts_follow_the_unit():
    q = quantities("走访困难群众120户、356人，发放慰问金8.6万元，举办招聘会6场，新增耕地300亩。")
    assert q == {"120户": "households", "356人": "people", "8.6万元": "money", "6场": "events", "300亩": "area"}


def test_every_figure_unit_has_a_quantity_in_the_vocabulary():
    """Every unit a figure may have (all but rate bases and anniversaries)
    names its quantity in schemas/vocab/units.csv, from the declared list."""
    for rule in rules.units():
        if rule.kind in ("per_basis", "anniversary"):
            assert rule.quantity == "", rule
        else:
            assert rule.quantity in rules.QUANTITIES, rule
            assert unit_quantity(rule.unit_raw, rule.unit) == rule.quantity


def test_the_schema_enumerates_the_quantities():
    from etl.package import schema

    field = next(f for f in schema.load("figures")["fields"] if f["name"] == "quantity")
    assert field["constraints"]["enum"] == list(rules.QUANTITIES)
