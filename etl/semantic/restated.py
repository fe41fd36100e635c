"""Indicator rows that restate or pair figures: a statistic a page states
twice (its title and its body, or two body sentences) gives one row, and a
list of rates after 分别 pairs with the objects before it.  Used by
``etl.semantic.indicators.derive_indicators``."""

from __future__ import annotations

from etl.semantic.page_index import PageIndex

#: A line longer than this, or with a full stop, is body text, not a title.
TITLE_MAX = 40


def drop_restated(rows: list[dict], raw: str) -> list[dict]:
    """One row per statistic a page states more than once (in its title and
    its body, or twice in the body): the same indicator, value, unit and
    region.  The row kept is the first in body text (a line of the raw page
    with a full stop or longer than a title: the repair may join a title
    to the lines after it), else the first.  A title's row that states a
    body row of its indicator in round figures is that statistic too
    (:func:`_rounds_a_body_value`)."""
    def in_body(at: int) -> bool:
        start = raw.rfind("\n", 0, at) + 1
        end = raw.find("\n", at)
        line = raw[start : end if end >= 0 else len(raw)]
        return "。" in line or len(line.strip()) > TITLE_MAX

    keep: dict[tuple, int] = {}
    body: dict[str, list[float]] = {}  # indicator -> the values stated in body text
    for i, r in enumerate(rows):
        key = (r["indicator_id"], r["value"], r["value_max"], r["unit"], r["region_code"])
        if key not in keep or (not in_body(rows[keep[key]]["char_start"]) and in_body(r["char_start"])):
            keep[key] = i
        if in_body(r["char_start"]):
            body.setdefault(r["indicator_id"], []).append(r["value"])
    chosen = {i for i in keep.values()
              if in_body(rows[i]["char_start"]) or not _rounds_a_body_value(rows[i], body)}
    return [r for i, r in enumerate(rows) if i in chosen]


def _rounds_a_body_value(row: dict, body: dict[str, list[float]]) -> bool:
    """Whether a title's row states a body value of its indicator in round
    figures ("转移就业超 26 万人" over "转移就业 26.2 万人"; "公益岗 3 万多个"
    over "上岗 3 万余人", "11 家车间" over "11 个车间"): the two differ by
    less than one unit of the title's last non-zero digit.  The place is
    not compared: a headline's place may be read otherwise than the body's."""
    values = body.get(row["indicator_id"])
    if not values:
        return False
    v = row["value"]
    step = 1.0
    if v >= 10 and v == int(v):
        n = int(v)
        while n % 10 == 0 and n:
            n //= 10
            step *= 10
    return any(abs(b - v) < step for b in values)


#: The word that pairs a list of figures with the objects before it.
RESPECTIVELY = "分别"


def respectively_before(idx: PageIndex, cs: int) -> tuple[int, int]:
    """(where the sentence of the figure at ``cs`` starts, where 分别 stands
    in it before the figure, or -1): the list the figure may pair in."""
    sent = idx.back(cs, idx.sentence_breaks)
    return sent, idx.clean.rfind(RESPECTIVELY, sent, cs)


def respective_object_fits(idx: PageIndex, figs: list, k: int, requires: tuple[str, ...]) -> bool:
    """For figure ``k`` in a list after 分别 (贷款 8.02 亿元，新增就业 3.02 万人，
    转移就业 1.02 万人，分别完成年度目标的 134.8%、84.32%、107.5%): whether the
    object it pairs with (the same place in the list of figures of the sentence
    before 分别) names one of ``requires`` in its own clause.  True when the
    figure is in no such list or the lists do not pair up."""
    cs = figs[k][0]
    sent, at = respectively_before(idx, cs)
    if at < 0:
        return True
    unit = figs[k][2].unit
    listed = [i for i, (c, _, f) in enumerate(figs) if at < c < idx.forward(cs, idx.sentence_breaks) and f.unit == unit]
    objects = [i for i, (c, _, _) in enumerate(figs) if sent <= c < at]
    if len(listed) < 2 or len(listed) != len(objects) or k not in listed:
        # (20 多名志愿者分别走访了 16 户: one figure after 分别 is no list; 分别 says each went)
        return True
    obj = objects[listed.index(k)]
    start = idx.back(figs[obj][0], idx.clause_breaks)
    return any(w in idx.words(start, figs[obj][1]) for w in requires)
