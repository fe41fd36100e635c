"""The figure patterns: the regular expressions that find figures, compiled
once from the unit and qualifier vocabularies (``schemas/vocab``, see
``etl.extract.rules``).  ``etl.extract.figures`` scans a page with them,
``etl.extract.figure_candidates`` interprets each candidate and
``etl.extract.figure_bare`` adds the figures with no unit word of their own."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from etl.extract import rules

CN_DIGITS = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖兩陸貳"
_CN_START = CN_DIGITS.replace("零", "").replace("〇", "") + "十拾廿卅零〇"
_CN_BODY = CN_DIGITS + "十拾廿卅百千万亿佰仟萬億"
MULTIPLIERS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
         "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

#: A decimal's fraction: whole, or leaving one digit to a decimal that
#: follows (4.39|8.03公里, see ``_NUM``).  Never any other split: a regex
#: that may give a run of digits back one at a time, retrying the rest of
#: the run after each, costs the square of the run's length (a page that is
#: one run of 200,000 digits took minutes).
_FRACTION = r"\.(?:(?>[0-9]+)|[0-9]+(?=[0-9]\.[0-9]))"
# (The integer digits are taken whole for the same reason: nothing after a
# number starts with a digit, so giving digits back never makes a match.)
_ARABIC = rf"[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:{_FRACTION})?|(?>[0-9]+)(?:{_FRACTION})?"
_K = r"(?:\s?[kK](?![A-Za-z]))?"
_NUM = (
    rf"(?:(?:{_ARABIC}){_K}|(?<![几数若])[{_CN_START}]|(?<![几数若上])[百千万](?=[余多])|(?(pre)[百千万亿](?![0-9{CN_DIGITS}])|(?!))|半(?=成))"
    # The body's digits, read in one way only.  A run of digits and numerals
    # that is no figure (OCR'd tables, lines joined by the repair) was retried
    # in every way of splitting its digit runs between loop turns:
    # exponential, minutes for one line.  A split changes no match (the
    # regex has no group inside a number, and the unsplit reading is tried
    # first), so the integer digits are taken whole (atomic), a part may
    # start right after a digit only as a decimal (4.39|8.03公里) or after a
    # thousands group (1,234|567), and a decimal's fraction is either whole
    # or leaves one digit to such a decimal.
    rf"(?:(?:(?<![0-9])|(?<=,[0-9]{{3}}))(?>[0-9]+)(?:{_FRACTION})?|(?<=[0-9])(?>[0-9]+){_FRACTION}|[{_CN_BODY}]|兆(?=[{CN_DIGITS}])|[点點](?=[0-9{CN_DIGITS}]))*"
)
@functools.cache
def _num_chars() -> str:
    """Every character ``_NUM`` can match but a line break (the whitespace
    of ``_K``'s ``\\s`` spelt out, ``\\n`` left out), escaped for a class.
    (Built on first use: the walk over the BMP costs ~2 ms.)"""
    spaces = "".join(c for c in map(chr, range(0x10000)) if c.isspace() and c != "\n")
    return re.escape("0123456789,.kK兆点點半" + _CN_BODY + spaces)


_SEP = r"(?:—{1,2}|[-–~〜至到])"
#: Where ``_SEP`` can start: a lookahead for "a separator within n
#: characters" tests this one class instead of backtracking into ``_SEP``'s
#: alternation at each of the n positions.
_SEP_FIRST = r"[—\-–~〜至到]"
_SIGN = r"(?:(?<![0-9])-|负)"
#: Where a figure may not start: inside a number, a word code, after 第/几/数.
_START_NOT = rf"[0-9.第{_CN_BODY}]"
#: After a Latin letter a figure starts only with an ordinary Chinese
#: numeral (Steve四位同学): a digit there belongs to a code (G20, H7N9).
_AFTER_LATIN = "一二两三四五六七八九十"
_START = rf"(?<!{_START_NOT})(?:(?<![A-Za-z])|(?=[{_AFTER_LATIN}]))"


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _unit_alternation(rows: Iterable[rules.UnitRule]) -> str:
    rows = list(rows)
    # One set lookup before trying the alternation.
    firsts = "".join(sorted({re.escape(u.unit_raw[0]) for u in rows}))
    return f"(?=[{firsts}])(?:{_unit_alternatives(rows)})"


def _unit_alternatives(rows: Iterable[rules.UnitRule]) -> str:
    """The units as a trie-shaped regex (``人(?:口|次)?|元(?:整|钱|…)?|…``):
    the engine tries one branch per distinct first character, in the order of
    ``units.csv`` (common units first), and a longer unit before its prefix,
    so the longest unit still wins.  ``个`` + unit may take 多/余 between
    (两个多月, 一个半小时 stay whole)."""
    trie: dict = {}
    for u in rows:
        node = trie
        for ch in u.unit_raw:
            node = node.setdefault(ch, {})
        node[""] = {}  # a unit ends here

    def emit(node: dict, after_ge: bool) -> str:
        alts = []
        for ch, child in node.items():
            if ch == "":
                continue
            rest = {k: v for k, v in child.items() if k != ""}
            body = re.escape(ch)
            if rest:
                sub = emit(rest, ch == "个" and node is trie)
                if "" in child:
                    body += f"(?:{sub})?"
                else:
                    body += f"(?:{sub})"
            alts.append(body)
        inner = "|".join(alts)
        return f"[多余]?(?:{inner})" if after_ge else inner

    return emit(trie, False)


#: The longest figure, prefix to unit, in characters; a longer match is no
#: figure.  It also bounds the work done at one position of a page: a page
#: may hold a run of 200,000 digits or numerals, and any step that reads the
#: rest of such a run from each of its positions costs the square of it.
MAX_FIGURE_CHARS = 64


@dataclass(frozen=True)
class _Compiled:
    full: re.Pattern[str]
    simple: re.Pattern[str]  # the same without ranges (fallback)
    anchor: re.Pattern[str]  # where a figure may start (see _build_anchor)
    #: Runs of MAX_FIGURE_CHARS or more number characters (no space): no
    #: figure starts inside one (a run that long is a table or noise).
    long_run: re.Pattern[str]


def _build_long_run() -> re.Pattern[str]:
    chars = re.escape("0123456789,.kK兆点點半" + _CN_BODY)
    return re.compile(rf"[{chars}]{{{MAX_FIGURE_CHARS},}}")


def _prefix_alternation() -> str:
    """Prefix qualifier words; a ``magnitude`` word (上) only before a bare
    百/千/万/亿 (上千人)."""
    parts = []
    for q in sorted(
        (q for q in rules.qualifiers() if q.position in ("prefix", "magnitude")),
        key=lambda q: len(q.word),
        reverse=True,
    ):
        word = re.escape(q.word)
        # the word first (a literal: the engine skips it at one test), then
        # the character before it
        guard = f"(?<![{re.escape(q.not_after)}]{word})" if q.not_after else ""
        ahead = "(?=[百千万亿])" if q.position == "magnitude" else ""
        parts.append(word + guard + ahead)
    return "|".join(parts)


def _build(with_range: bool) -> re.Pattern[str]:
    all_units = rules.units()
    main_units = [u for u in all_units if u.kind not in
                  ("per_basis", "money_prefix", "money_minor", "percent_prefix")]
    units = _unit_alternation(main_units)
    longest_unit = max(len(u.unit_raw) for u in main_units)
    pct_prefix = _alt(u.unit_raw for u in all_units if u.kind == "percent_prefix")
    pct_first = "".join(sorted({u.unit_raw[0] for u in all_units if u.kind == "percent_prefix"}))
    money_prefix = "".join(re.escape(u.unit_raw) for u in all_units if u.kind == "money_prefix")
    minor = _alt(u.unit_raw for u in all_units if u.kind == "money_minor")
    per = _alt(u.unit_raw for u in all_units if u.kind == "per_basis")
    pre = _prefix_alternation()
    infix = _alt(q.word for q in rules.qualifiers() if q.position == "infix")
    suffix = _alt(q.word for q in rules.qualifiers() if q.position == "suffix")
    mult = "[十百千万亿萬億]+"
    rng = (lambda s: s) if with_range else (lambda s: "")

    pct = (
        rf"(?=[{pct_first}])(?P<pp>{pct_prefix})(?P<pn1>{_NUM}|百(?![0-9{_CN_BODY}]))"
        + rng(rf"(?:(?P<psep>{_SEP})(?:{pct_prefix})?(?P<pn2>{_NUM}))?")
    )
    cur = (
        rf"(?P<cp>[{money_prefix}])(?P<cn1>{_ARABIC})(?P<cm1>[万亿]+)?"
        + rng(rf"(?:(?P<csep>{_SEP})[{money_prefix}]?(?P<cn2>{_ARABIC})(?P<cm2>[万亿]+)?)?")
    )
    # (a fraction's 分之 comes right after a short number: test that first;
    # the number's characters, not any character, so the test stops at the
    # first one that cannot be in a number, not 24 characters on)
    frac = rf"(?=[{_num_chars()}]{{1,24}}分之)(?P<fd>{_NUM})分之(?P<fn>{_NUM})"
    main = (
        rf"(?P<sign>{_SIGN})?(?P<n1>{_NUM})(?:(?P<q1>{infix})?(?P<m1>{mult}))?"
        + rng(
            rf"(?:(?=[^\n]{{0,{longest_unit + 1}}}{_SEP_FIRST})(?P<u1>{units})?(?P<sep>{_SEP})(?P<sign2>{_SIGN})?(?P<n2>{_NUM})"
            rf"(?:(?P<q2>{infix})?(?P<m2>{mult}))?)?"
        )
        + rf"(?P<iq>{infix})?(?P<unit>{units})"
        rf"(?P<ct>(?<=成)[一二三四五六七八九半](?=$|[^0-9\u4e00-\u9fff]|[的以左]))?"
        rf"(?P<minor>(?:又|零)?(?P<mn1>[0-9]{{1,2}}|[一二两三四五六七八九壹贰叁肆伍陆柒捌玖])(?P<mu1>{minor})(?![钟析工配别期数布])"
        rf"(?:(?P<mn2>[0-9]|[一二三四五六七八九壹贰叁肆伍陆柒捌玖])(?P<mu2>分)(?![钟析工配别期数布]))?)?"
    )
    # A cheap first-character test (one set lookup) in front of everything:
    # most positions of a page fail here instead of walking the alternation.
    firsts = set(_CN_START + "0123456789百千万半-负" + money_prefix)
    firsts |= {q.word[0] for q in rules.qualifiers() if q.position in ("prefix", "magnitude")}
    firsts |= {w[0] for w in pct_prefix.replace("\\", "").split("|") if w}
    first = "".join(sorted(re.escape(c) for c in firsts))
    pattern = (
        rf"(?=[{first}]){_START}(?P<pre>{pre})?(?:{pct}|{cur}|{frac}|{main})"
        rf"(?P<post>{suffix})?(?:(?P<per>{per})(?P<post2>{suffix})?)?"
    )
    return re.compile(pattern)


def _build_anchor() -> re.Pattern[str]:
    """Every position where a figure may start, and few others: a character
    that starts a number, or the first character of a prefix qualifier with
    a number-starting character within the word's length after it.  It
    begins with a character class, so ``re`` skips the rest of the page at C
    speed (a pattern that begins with a lookahead is run at every position)."""
    all_units = rules.units()
    money_prefix = "".join(u.unit_raw for u in all_units if u.kind == "money_prefix")
    pct_prefix = {u.unit_raw[0] for u in all_units if u.kind == "percent_prefix"}
    words = [q.word for q in rules.qualifiers() if q.position in ("prefix", "magnitude")]
    num_first = set(_CN_START + "0123456789百千万亿半-负" + money_prefix) | pct_prefix
    pre_only = {w[0] for w in words} - num_first
    nums = "".join(sorted(re.escape(c) for c in num_first))
    pres = "".join(sorted(re.escape(c) for c in pre_only))
    longest = max(map(len, words))
    return re.compile(
        rf"[{nums}{pres}](?<![{pres}](?!.{{0,{longest - 1}}}[{nums}]))(?<!{_START_NOT}.)"
        rf"(?:(?<![A-Za-z].)|(?<=[{_AFTER_LATIN}]))"
        + _no_follower_after_number(),
        re.S,
    )


def _no_follower_after_number() -> str:
    """A lookahead dropping the number starts that cannot begin a figure
    (一直, 三江, 1月: about a third of the positions tried on a page): a run
    of number characters followed by a character that nothing after a
    number starts with.

    Where the first character is a number character (and no prefix
    qualifier, money or percent prefix, or sign starts with it), a figure
    starting there begins with a number (``_NUM``, made of number
    characters, or a fraction's) or a percent prefix (百分之: its first
    character that is no number character follows the run); after the
    number comes a unit, an infix qualifier, a multiplier, a separator, 分
    (分之), 成 (半成) or 余/多 (百余), or, within the number, a line break
    (``_K``'s space).  So the run of number characters from there is
    followed by the first character of one of those, or, when one starts
    inside the run (3千克), by its first character that is no number
    character, or by the end of the text.  (Were a unit or qualifier made
    of number characters only, a match could end inside the run: then no
    lookahead.)"""
    all_units = rules.units()
    number_chars = set("0123456789,.kK兆点點半" + _CN_BODY)
    number_chars |= {c for c in map(chr, range(0x10000)) if c.isspace() and c != "\n"}
    follower_words = [u.unit_raw for u in all_units] + [q.word for q in rules.qualifiers()]
    if any(set(w) <= number_chars for w in follower_words):
        return ""
    other_starts = {q.word[0] for q in rules.qualifiers() if q.position in ("prefix", "magnitude")}
    other_starts |= {u.unit_raw[0] for u in all_units if u.kind == "money_prefix"}
    other_starts |= {"-", "负"}
    followers = number_chars | set("\n分成余多") | {w[0] for w in follower_words}
    followers |= set("十百千万亿萬億—-–~〜至到")  # multipliers, separators (_SEP)
    followers |= {next(c for c in w if c not in number_chars) for w in follower_words}
    filtered = number_chars - other_starts

    def cls(chars: set[str]) -> str:
        return "".join(sorted(re.escape(c) for c in chars))

    # (tested after the anchor's character, which is the run's first; only
    # so far: a longer run keeps the position, see MAX_FIGURE_CHARS)
    return (
        rf"(?!(?<=[{cls(filtered)}])[{cls(number_chars)}]{{0,{MAX_FIGURE_CHARS}}}[^{cls(followers)}])"
    )


#: Characters that may not stand between a bare 万/亿 number and the noun it
#: counts: function words (5万字的老人: the number counts 字) and unit
#: characters (a unit there makes a figure of the usual form, or none).
_BARE_GAP_NOT = "的之与和及或在是为有把被将给向对从名人位户元个、"


@functools.cache
def bare_magnitude() -> re.Pattern[str]:
    """A number ending in 万/亿 with no measure word, followed (after at most
    three modifier characters) by a noun of ``counted_nouns.csv``:
    3.1万新生代农民工, 15万农民, 近3万余群众 (a number: not 千万农民工, 上万群众,
    whose bare magnitudes are words or vague).  Groups: ``pre`` (prefix
    qualifier), ``n`` (the number with its 万/亿), ``q`` (余/多), ``noun``."""
    nouns = _alt(rules.counted_nouns())
    gap = rf"[^\W\d_A-Za-z{_BARE_GAP_NOT}]"
    return re.compile(
        rf"{_START}(?P<pre>{_prefix_alternation()})?"
        rf"(?P<n>(?:{_ARABIC})[万亿萬億]+|(?<![{_CN_BODY}])[{CN_DIGITS}十拾][{_CN_BODY}]{{0,16}}[万亿萬億][{_CN_BODY}]{{0,16}})"
        rf"(?![0-9{_CN_BODY}])(?P<q>[余多])?"
        rf"(?={gap}{{0,3}}?(?P<noun>{nouns}))"
    )


@functools.cache
def bare_magnitude_trigger() -> re.Pattern[str]:
    """The 万/亿 of a possible :func:`bare_magnitude` figure: a multiplier
    with a counted noun a few characters after it.  It starts with a
    character class, so ``re`` skips to the (few) multipliers at C speed;
    :func:`bare_magnitude` is then tried only around them.  (Every run of
    numerals is read to a bounded length, here and in the patterns below:
    a page may be one run of them, and reading the rest of it from each of
    its multipliers costs the square of its length.)"""
    nouns = _alt(rules.counted_nouns())
    gap = rf"[^\W\d_A-Za-z{_BARE_GAP_NOT}]"
    return re.compile(rf"[万亿萬億](?=[{_CN_BODY}]{{0,16}}+[余多]?{gap}{{0,3}}?(?:{nouns}))")


@functools.cache
def bracketed_magnitude() -> re.Pattern[str]:
    """A number ending in 万/亿 alone in round brackets (完成年度计划(120万)
    的95.8%): its unit is left out because the sentence gave it before.
    Group ``n``: the number with its 万/亿; ``q``: 余/多 (the match starts at
    the bracket: a pattern starting with a character skips at C speed)."""
    return re.compile(
        rf"\((?P<n>(?:{_ARABIC})[万亿萬億]+|[{CN_DIGITS}十拾][{_CN_BODY}]{{0,16}}[万亿萬億][{_CN_BODY}]{{0,16}})"
        rf"(?P<q>[余多])?(?=\))"
    )


@functools.cache
def compiled() -> _Compiled:
    return _Compiled(
        full=_build(True), simple=_build(False), anchor=_build_anchor(), long_run=_build_long_run()
    )
