"""The codebook (``schemas/codebook.yaml``), compiled once: indicators with
the phrases that signal them, population groups and consistency checks (see
the file's header for its rules).  All phrases go into one regular
expression, so a page is scanned for them once (``etl.semantic.indicators``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from etl import SCHEMAS_DIR
from etl.extract.rules import read_yaml

CODEBOOK = Path(SCHEMAS_DIR) / "codebook.yaml"

#: What ``…`` in a phrase stands for: at most WILDCARD_MAX characters.
WILDCARD_MAX = 12
WILDCARD = "[^,，;；:：!！?？。、\n]{0,%d}?" % WILDCARD_MAX


@dataclass(frozen=True)
class Indicator:
    id: str
    topic: str
    label_zh: str
    label_en: str
    definition: str
    units: tuple[str, ...]
    phrases: tuple[str, ...]
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()  # words that, in the clause before the figure, disqualify it
    population_group: str | None = None
    order: int = 0
    measures: tuple[str, ...] = ()  # the kinds of number it may be (codebook `measures`)
    as_target: str | None = None  # the indicator a row of this one is when it is a target
    after_needs: tuple[str, ...] = ()  # a phrase after the figure counts only with one of these before it
    counts_goods: bool = False  # a count written with a goods classifier (册, 袋, 份 …) may be this indicator
    count_classifiers: tuple[str, ...] = ()  # when given, the only classifiers a count (unit count) may have
    predicate: bool = False  # its phrases tell what the counted people did (N 名求职者达成就业意向)


@dataclass(frozen=True)
class Codebook:
    indicators: dict[str, Indicator]
    groups: dict[str, dict]
    checks: tuple[dict, ...]
    signal_rx: re.Pattern[str]  # all indicator phrases (see _overlapped)
    group_rx: re.Pattern[str]  # all group phrases (see _overlapped)
    phrase_owner: dict[str, tuple[str, ...]]  # literal phrase -> indicator ids
    wild: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]  # wildcard phrases
    group_owner: dict[str, str]
    words: frozenset[str] = field(default=frozenset())
    full_year_words: tuple[str, ...] = ()  # paragraph openers meaning "the whole year"
    signal_max_len: int = 0  # the longest text signal_rx can match
    group_max_len: int = 0  # the longest text group_rx can match
    recipient_words: tuple[str, ...] = ()  # every indicator's after_needs words
    target_words_before: tuple[str, ...] = ()  # words calling the figure after them a target (codebook `targets`)
    target_words_after: tuple[str, ...] = ()  # words calling the figure before them a target
    average_words: tuple[str, ...] = ()  # words calling the figure after them a yearly average
    goods_classifiers: frozenset[str] = frozenset()  # classifiers of a count of goods (图书 500 册)
    package_words: tuple[str, ...] = ()  # words of a gift package proper (礼包): no item of an inventory
    other_nouns: tuple[str, ...] = ()  # nouns that, between a phrase and a count, are what it counts (会议)


def _phrase_rx(phrase: str) -> str:
    return WILDCARD.join(re.escape(p) for p in phrase.split("…"))


_WILD_TOKEN = "\x00…"


def _tokens(phrase: str) -> list[str]:
    """A phrase as regex tokens: its characters, ``…`` as one wildcard token."""
    out: list[str] = []
    for k, part in enumerate(phrase.split("…")):
        if k:
            out.append(_WILD_TOKEN)
        out.extend(part)
    return out


def _token_rx(tokens: list[str]) -> str:
    return "".join(WILDCARD if t == _WILD_TOKEN else re.escape(t) for t in tokens)


def _ordered_trie(items: list[list[str]]) -> str:
    """The alternation ``a|b|c…`` of the token lists ``items`` (in priority
    order), factored into a trie wherever that cannot change which
    alternative matches first: two alternatives are merged under a shared
    first character only when no alternative between them may match without
    that character (one opening with the wildcard, or an empty one).  Every
    top-level alternative opens with a literal character, so ``re`` can skip
    to candidate positions in C."""
    groups: list[tuple[str | None, list[list[str]]]] = []
    for it in items:
        if not it or it[0] == _WILD_TOKEN:
            groups.append((None, [it]))
            continue
        for first, rests in reversed(groups):
            if first is None:
                break
            if first == it[0]:
                rests.append(it[1:])
                break
        else:
            first = None
        if first != it[0]:
            groups.append((it[0], [it[1:]]))
    out = []
    for first, rests in groups:
        if first is None:
            out.append(_token_rx(rests[0]))
        elif len(rests) == 1:
            out.append(re.escape(first) + _token_rx(rests[0]))
        else:
            out.append(re.escape(first) + "(?:" + _ordered_trie(rests) + ")")
    return "|".join(out)


def _overlapped(phrases: list[str]) -> re.Pattern[str]:
    """A regex that, searched from a position, finds the next position where
    a phrase starts and there the longest literal phrase (a ``…`` phrase
    first); :func:`overlapped_matches` collects every such position."""
    literal = sorted({p for p in phrases if "…" not in p}, key=len, reverse=True)
    wild = sorted({p for p in phrases if "…" in p}, key=len, reverse=True)
    if any(p.startswith("…") for p in wild):
        raise ValueError(f"a phrase may not start with …: {wild}")
    return re.compile(_ordered_trie([_tokens(p) for p in wild] + [_tokens(p) for p in literal]))


def _max_match_len(phrases: Iterable[str]) -> int:
    """The longest text one of ``phrases`` can match (``…`` at its longest)."""
    return max((len(p) - p.count("…") + WILDCARD_MAX * p.count("…") for p in phrases), default=0)


def overlapped_matches(
    rx: re.Pattern[str], text: str, windows: Iterable[tuple[int, int]] | None = None, max_len: int = 0
) -> list[tuple[int, int, str]]:
    """(start, end, phrase) at every position where a phrase starts (matches
    may overlap), in text order; only the positions inside ``windows``
    (sorted, disjoint (start, end) spans) when given, ``max_len`` being the
    longest text ``rx`` can match.  The match at a position does not depend
    on where the search started, nor on the end of the searched text when
    that is ``max_len`` or more away: a window's matches are those of a scan
    of the whole text, without scanning on to the next window."""
    out = []
    search = rx.search
    pos = 0
    n = len(text)
    for lo, hi in windows if windows is not None else ((0, n),):
        pos = max(pos, lo)
        end = n if windows is None else min(hi + max_len, n)
        while (m := search(text, pos, end)) is not None:
            s = m.start()
            if s >= hi:
                break
            out.append((s, m.end(), m.group()))
            pos = s + 1
    return out


#: What kind of number an indicator row is (indicators.measure): a result,
#: a target or plan, a yearly average over a span, a running total.
MEASURES = ("outcome", "target", "annual_average", "cumulative")


@functools.cache
def load_codebook(path: Path = CODEBOOK) -> Codebook:
    doc = read_yaml(path)
    indicators: dict[str, Indicator] = {}
    owner: dict[str, list[str]] = {}
    wild: dict[str, list[str]] = {}
    measures_doc = doc.get("measures") or {}
    vocabulary = tuple(measures_doc.get("vocabulary") or MEASURES)
    if set(vocabulary) != set(MEASURES):
        raise ValueError(f"{path}: measures.vocabulary must be {list(MEASURES)} (the schema's enum)")
    default_measures = tuple(measures_doc.get("default") or vocabulary)
    per_indicator = measures_doc.get("indicators") or {}
    for i, e in enumerate(doc["indicators"]):
        allowed = tuple(e.get("measures") or per_indicator.get(e["id"]) or default_measures)
        bad_measures = [m for m in allowed if m not in vocabulary]
        if bad_measures:
            raise ValueError(f"{path}: {e['id']}: measures {bad_measures} are not in {list(vocabulary)}")
        ind = Indicator(
            id=e["id"],
            topic=e["topic"],
            label_zh=e["label_zh"],
            label_en=e["label_en"],
            definition=e["definition"],
            units=tuple(e["units"]),
            phrases=tuple(e["phrases"]),
            requires=tuple(e.get("requires") or ()),
            excludes=tuple(e.get("excludes") or ()),
            population_group=e.get("population_group"),
            order=i,
            measures=allowed,
            as_target=e.get("as_target"),
            after_needs=tuple(e.get("after_needs") or ()),
            counts_goods=bool(e.get("counts_goods", False)),
            count_classifiers=tuple(e.get("count_classifiers") or ()),
            predicate=bool(e.get("predicate", False)),
        )
        if ind.id in indicators:
            raise ValueError(f"{path}: indicator {ind.id!r} is declared twice")
        indicators[ind.id] = ind
        for p in ind.phrases:
            (wild if "…" in p else owner).setdefault(p, []).append(ind.id)
    import json

    figures_schema = json.loads((path.parent / "figures.json").read_text(encoding="utf-8"))
    units = next(f for f in figures_schema["fields"] if f["name"] == "unit")["constraints"]["enum"]
    for ind in indicators.values():
        bad = [u for u in ind.units if u not in units]
        if bad:
            raise ValueError(f"{path}: {ind.id}: units {bad} are not in figures.unit (schemas/figures.json)")
    for ind in indicators.values():
        if ind.as_target and ind.as_target not in indicators:
            raise ValueError(f"{path}: {ind.id}: as_target names unknown indicator {ind.as_target!r}")
    groups = {g["id"]: g for g in doc.get("population_groups", [])}
    group_owner = {p: g["id"] for g in doc.get("population_groups", []) for p in g["phrases"]}
    for ind in indicators.values():
        if ind.population_group and ind.population_group not in groups:
            raise ValueError(f"{path}: {ind.id}: unknown population_group {ind.population_group!r}")
    unknown = sorted(set(per_indicator) - set(indicators))
    if unknown:
        raise ValueError(f"{path}: measures.indicators names unknown indicators {unknown}")
    checks = tuple(doc.get("checks", []))
    for c in checks:
        for key in ("rate", "numerator", "denominator", "achieved", "target", "indicator"):
            if key in c and c[key] not in indicators:
                raise ValueError(f"{path}: check {c['id']}: unknown indicator {c[key]!r}")
    all_phrases = [p for ind in indicators.values() for p in ind.phrases]
    words = frozenset(p for p in all_phrases if "…" not in p) | frozenset(group_owner)
    return Codebook(
        indicators=indicators,
        groups=groups,
        checks=checks,
        signal_rx=_overlapped(all_phrases),
        group_rx=_overlapped(list(group_owner)),
        signal_max_len=_max_match_len(all_phrases),
        group_max_len=_max_match_len(group_owner),
        phrase_owner={p: tuple(v) for p, v in owner.items()},
        wild=tuple((re.compile(_phrase_rx(p)), p, tuple(v)) for p, v in wild.items()),
        group_owner=group_owner,
        words=words,
        recipient_words=tuple(sorted({w for ind in indicators.values() for w in ind.after_needs})),
        full_year_words=tuple((doc.get("periods") or {}).get("full_year_words") or ()),
        # (longest first: the nearest word ends where a longer one does)
        target_words_before=tuple(sorted((doc.get("targets") or {}).get("before") or (), key=len, reverse=True)),
        target_words_after=tuple(sorted((doc.get("targets") or {}).get("after") or (), key=len, reverse=True)),
        average_words=tuple(sorted((doc.get("targets") or {}).get("averages") or (), key=len, reverse=True)),
        goods_classifiers=frozenset(doc.get("goods_classifiers") or ()),
        package_words=tuple(doc.get("package_words") or ()),
        other_nouns=tuple(doc.get("other_counted_nouns") or ()),
    )


def codebook_words() -> frozenset[str]:
    """Every literal codebook phrase (privacy: these are never names)."""
    return load_codebook().words


def codebook_rows() -> list[dict]:
    """Rows of the ``codebook`` table."""
    cb = load_codebook()
    return [
        {
            "indicator_id": ind.id,
            "label_zh": ind.label_zh,
            "label_en": ind.label_en,
            "unit": ind.units[0],
            "topic": ind.topic,
            "definition": ind.definition,
            "population_group": ind.population_group,
        }
        for ind in cb.indicators.values()
    ]


#: The kinds of ``codebook_terms`` rows: an indicator's lists in the codebook.
TERM_KINDS = ("unit", "signal_phrase", "required_word", "measure", "excluded_word")


def codebook_term_rows() -> list[dict]:
    """Rows of the ``codebook_terms`` table: every unit a figure may have to
    be the indicator, every phrase that signals it, every word one of which
    must stand in the figure's sentence, every kind of number (measure) its
    rows may be; one row each, in codebook order
    (``position`` from 1 within an indicator and kind)."""
    cb = load_codebook()
    rows: list[dict] = []
    for ind in cb.indicators.values():
        for kind, terms in zip(TERM_KINDS, (ind.units, ind.phrases, ind.requires, ind.measures, ind.excludes), strict=True):
            rows.extend(
                {"indicator_id": ind.id, "kind": kind, "position": position, "term": term}
                for position, term in enumerate(terms, start=1)
            )
    return rows
