"""Chinese, Arabic and mixed numerals to numbers.

``parse_number(text, mode)`` follows the semantics of the cn2an modes (the
project's conformance tables come from cn2an's own tests), written from the
grammar of Chinese numerals rather than from cn2an's code:

* ``strict``: canonical numerals only.  Digits 零一二…九 and the financial
  (大写) forms 壹贰叁…玖; units 十百千万亿 and 拾佰仟.  A skipped position must
  be marked by exactly one 零 (一千零一, 一万零一百), no 零 where nothing is
  skipped (十万一千, not 十万零一千), a bare 十 only at the very start (十五,
  十万; 一百一十一 rather than 一百十一).  Decimals after 点 end in a non-zero
  digit.  Money forms 壹拾壹元整 / 壹拾壹元壹角壹分 are accepted.
* ``normal``: adds colloquial forms: 两, 〇, 幺; optional or superfluous 零
  (十万零一千, 一千一十); bare 十 anywhere (一百十一); the "speaking" short
  forms (三万五 = 35000, 一百二 = 120, 两千六 = 2600); digit-by-digit strings
  (一七二零 = 1720); a trailing 元/圆.
* ``smart``: adds Arabic digits, alone or mixed with Chinese
  (10.1万, 100万三千, 200亿零四千230, 1百01, -10.1).

``parse_direct`` reads a numeral digit by digit and keeps leading zeros
(零零三 -> "003"), as cn2an's ``direct`` mode.

Traditional forms (萬 億 兩 點 陸 貳 …) and full-width digits are accepted in
every mode.  ``廿`` (20) and ``卅`` (30) are read as 二十 and 三十.
Malformed input raises ``ValueError``.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = [
    "parse_number",
    "parse_direct",
    "CN_DIGIT_CHARS",
    "CN_UNIT_CHARS",
    "CN_NUMERAL_CHARS",
    "normalize_numeral",
]

MODES = ("strict", "normal", "smart")

_DIGIT_VALUES = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "两": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
#: Digits allowed in strict mode (两 〇 幺 are colloquial).
_STRICT_DIGITS = frozenset("零一二三四五六七八九壹贰叁肆伍陆柒捌玖")
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8, "兆": 10**12}
#: Big units known to strict mode (兆 as 10^12 is regional; accepted from normal on).
_STRICT_BIG = frozenset("万亿")

# Traditional / variant characters -> the simplified form used here.
_VARIANTS = str.maketrans(
    {
        "萬": "万", "億": "亿", "兩": "两", "點": "点", "陸": "陆", "貳": "贰",
        "貮": "贰", "參": "叁", "叄": "叁", "負": "负", "柒": "柒", "圓": "圆",
        "元": "元", "弍": "贰", "弌": "壹", "仨": "三",
    }
)

CN_DIGIT_CHARS = "".join(_DIGIT_VALUES) + "廿卅萬億兩陸貳參"
CN_UNIT_CHARS = "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
CN_NUMERAL_CHARS = CN_DIGIT_CHARS + CN_UNIT_CHARS

_ARABIC_SHORT = re.compile(r"-?\d+(?:\.\d+)?[十拾百佰千仟万亿兆]*")
_LEADING_ARABIC = re.compile(r"-?\d+(?:\.\d+)?")
_MONEY = re.compile(r"^(.+?)[元圆](.)角(?:(.)分)?$")
_MONEY_FEN = re.compile(r"^(.+?)[元圆](?:零)?(.)分$")


def normalize_numeral(text: str) -> str:
    """Full-width to half-width, traditional to simplified, 廿/卅 expanded."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            ch = chr(code - 0xFEE0)
        out.append(ch)
    s = "".join(out).translate(_VARIANTS)
    if "廿" in s or "卅" in s:
        s = s.replace("廿", "二十").replace("卅", "三十")
    return s


class _Tok:
    """One token of a numeral: a digit (Chinese or an Arabic run), a zero
    marker, a small unit (十百千) or a big unit (万亿兆)."""

    __slots__ = ("kind", "value", "arabic")

    def __init__(self, kind: str, value: int, arabic: bool = False) -> None:
        self.kind = kind  # "d" digit, "z" zero, "u" small unit, "b" big unit
        self.value = value
        self.arabic = arabic

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.kind}{self.value}"


def _tokenize(s: str, mode: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch in _DIGIT_VALUES:
            if mode == "strict" and ch not in _STRICT_DIGITS:
                raise ValueError(f"{ch!r} is not allowed in strict mode")
            v = _DIGIT_VALUES[ch]
            toks.append(_Tok("z", 0) if v == 0 else _Tok("d", v))
            i += 1
        elif ch in _SMALL_UNITS:
            toks.append(_Tok("u", _SMALL_UNITS[ch]))
            i += 1
        elif ch in _BIG_UNITS:
            if mode == "strict" and ch not in _STRICT_BIG:
                raise ValueError(f"{ch!r} is not allowed in strict mode")
            toks.append(_Tok("b", _BIG_UNITS[ch]))
            i += 1
        elif "0" <= ch <= "9" and mode == "smart":
            j = i
            while j < n and "0" <= s[j] <= "9":
                j += 1
            run = s[i:j]
            stripped = run.lstrip("0")
            if stripped != run:  # "01" reads 零一
                toks.append(_Tok("z", 0, arabic=True))
            if stripped:
                toks.append(_Tok("d", int(stripped), arabic=True))
            i = j
        else:
            raise ValueError(f"unexpected character {ch!r} in numeral")
    return toks


def _only_digits(toks: list[_Tok]) -> bool:
    return all(t.kind in "dz" for t in toks)


def _digits_value(toks: list[_Tok], strict: bool, whole: bool) -> int:
    """A numeral without any unit: one digit, or digit by digit (normal)."""
    if len(toks) == 1:
        t = toks[0]
        if t.kind == "z" and strict and not whole:
            raise ValueError("a lone 零 here is malformed")
        return t.value
    if strict:
        raise ValueError("digit-by-digit numerals are not strict")
    return int("".join(str(t.value) for t in toks))


def _parse_section(toks: list[_Tok], strict: bool, first: bool, after_zero: bool) -> int:
    """A numeral below 10000 (千百十 and a last digit)."""
    if not toks:
        return 0
    if not any(t.kind == "u" for t in toks):
        if len(toks) > 1:
            # 一二三 is read digit by digit only as a whole numeral (see
            # _parse_plain); next to a unit (五六万) it is not a number.
            raise ValueError("digit-by-digit run inside a positional numeral")
        return _digits_value(toks, strict, whole=first and not after_zero)
    total = 0
    prev_unit: int | None = None
    zero = after_zero
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "z":
            if zero and strict:
                raise ValueError("double 零")
            if prev_unit is None and not after_zero and strict:
                raise ValueError("leading 零")
            zero = True
            i += 1
            continue
        if t.kind == "d":
            nxt = toks[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.kind == "u":
                u = nxt.value
                digit = t.value
                i += 2
            elif nxt is None:
                # The last digit: units place, or a "speaking" short form.
                if prev_unit is None:
                    total += t.value
                elif prev_unit == 10 or t.arabic:
                    if t.arabic and t.value >= prev_unit:
                        raise ValueError("Arabic tail too large")
                    if strict and zero:
                        raise ValueError("superfluous 零")
                    total += t.value
                elif zero:
                    total += t.value
                elif strict:
                    raise ValueError("missing 零")
                else:
                    total += t.value * prev_unit // 10
                return total
            else:
                raise ValueError("two digits in a row inside a positional numeral")
        elif t.kind == "u":
            u = t.value
            # A bare unit: only 十 (十五, 一百十一) or 百 right after 零 (零百).
            bare_ok = (u == 10 and (not strict or (first and prev_unit is None) or zero)) or (
                u == 100 and zero
            )
            if not bare_ok:
                raise ValueError("unit without a digit")
            digit = 1
            i += 1
        else:  # pragma: no cover - big units never reach a section
            raise ValueError("unexpected big unit")
        if prev_unit is not None and u >= prev_unit:
            raise ValueError("units out of order")
        gap = (prev_unit // u > 10) if prev_unit is not None else False
        if prev_unit is not None and not gap and zero:
            raise ValueError("superfluous 零")  # 一千零一百, in every mode
        if strict:
            if prev_unit is not None:
                if gap and not zero:
                    raise ValueError("missing 零")
            elif zero and not after_zero:
                raise ValueError("leading 零")
        total += digit * u
        prev_unit = u
        zero = False
    if zero and strict:
        raise ValueError("trailing 零")
    return total


def _parse_int(toks: list[_Tok], strict: bool, first: bool = True, after_zero: bool = False) -> int:
    for unit in (10**12, 10**8, 10**4):
        idx = -1
        for k in range(len(toks) - 1, -1, -1):
            if toks[k].kind == "b" and toks[k].value == unit:
                idx = k
                break
        if idx < 0:
            continue
        head, tail = toks[:idx], toks[idx + 1 :]
        if not head:
            raise ValueError("big unit without a multiplier")
        head_val = _parse_int(head, strict, first, after_zero)
        if head_val == 0:
            raise ValueError("zero multiplier")
        zeros = 0
        while zeros < len(tail) and tail[zeros].kind == "z" and not tail[zeros].arabic:
            zeros += 1
        if zeros > 1 and strict:
            raise ValueError("double 零")
        rest = tail[zeros:]
        if not rest:
            if zeros and strict:
                raise ValueError("trailing 零")
            return head_val * unit
        if (
            not strict
            and not zeros
            and len(rest) == 1
            and rest[0].kind == "d"
            and not rest[0].arabic
        ):  # 三万五 = 35000
            return head_val * unit + rest[0].value * unit // 10
        tail_val = _parse_int(rest, strict, first=False, after_zero=bool(zeros))
        if strict:
            if unit == 10**4:
                need, forbid = tail_val < 1000, tail_val >= 1000
            else:  # 一亿零一万 and 一亿一万 are both in use; 一亿零五 needs it
                need, forbid = tail_val < 1000, tail_val >= unit // 10
            if need and not zeros:
                raise ValueError("missing 零")
            if forbid and zeros:
                raise ValueError("superfluous 零")
        elif tail_val >= unit:
            raise ValueError("tail larger than its unit")
        return head_val * unit + tail_val
    return _parse_section(toks, strict, first, after_zero)


def _parse_plain(s: str, mode: str) -> Decimal:
    """Parse without sign or money suffixes."""
    if not s:
        raise ValueError("empty numeral")
    if mode == "smart" and _ARABIC_SHORT.fullmatch(s):
        m = _LEADING_ARABIC.match(s)
        assert m is not None
        value = Decimal(m.group())
        for ch in s[m.end() :]:
            value *= _SMALL_UNITS.get(ch) or _BIG_UNITS[ch]
        return value
    strict = mode == "strict"
    if s.count("点") > 1:
        raise ValueError("more than one 点")
    if "点" in s:
        int_part, dec_part = s.split("点")
        if not int_part or not dec_part:
            raise ValueError("点 needs digits on both sides")
        dec_digits = _decimal_digits(dec_part, mode)
        if strict and (len(dec_digits) > 16 or dec_digits[-1] == "0"):
            raise ValueError("strict decimals end in a non-zero digit")
        int_toks = _tokenize(int_part, mode)
        if _only_digits(int_toks):
            int_val = _digits_value(int_toks, strict, whole=True)
        else:
            int_val = _parse_int(int_toks, strict)
        return Decimal(int_val) + Decimal("0." + dec_digits)
    toks = _tokenize(s, mode)
    if not toks:
        raise ValueError("empty numeral")
    if _only_digits(toks):
        return Decimal(_digits_value(toks, strict, whole=True))
    return Decimal(_parse_int(toks, strict))


def _decimal_digits(dec_part: str, mode: str) -> str:
    out = []
    for ch in dec_part:
        if ch in _DIGIT_VALUES:
            if mode == "strict" and ch not in _STRICT_DIGITS:
                raise ValueError(f"{ch!r} is not allowed in strict mode")
            out.append(str(_DIGIT_VALUES[ch]))
        elif "0" <= ch <= "9" and mode == "smart":
            out.append(ch)
        else:
            raise ValueError(f"unexpected character {ch!r} after 点")
    return "".join(out)


#: Arabic digits and units only (``8402万``), as the figures extractor
#: mostly asks for: read with ints, no Decimal (see ``_fast_value``).
_ARABIC_INT_UNITS = re.compile(r"([0-9]+)([十拾百佰千仟万亿兆]*)")


def _fast_value(text: str, mode: str) -> float | None:
    """``parse_number(text, mode)`` for the two commonest forms, or None
    for the general path: a lone digit (一, 两) and, in smart mode, an ASCII
    integer with units (8402万).  The general path gives the same: it reads
    the first as ``_DIGIT_VALUES``, the second as a Decimal that is exact
    below 10**28 (the Decimal context's 28 digits), which ``float`` rounds as
    it rounds the int."""
    if len(text) == 1:
        v = _DIGIT_VALUES.get(text)
        if v is not None and (mode != "strict" or text in _STRICT_DIGITS):
            return float(v)
        return None
    if mode != "smart":
        return None
    m = _ARABIC_INT_UNITS.fullmatch(text)
    if m is None:
        return None
    value = int(m.group(1))
    for ch in m.group(2):
        value *= _SMALL_UNITS.get(ch) or _BIG_UNITS[ch]
    return float(value) if value < 10**28 else None


def parse_number(text: str, mode: str = "smart") -> float:
    """The value of a numeral (see the module docstring for the modes)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if not isinstance(text, str):
        text = str(text)
    fast = _fast_value(text, mode)
    if fast is not None:
        return fast
    return _parse_number(text, mode)


def _parse_number(text: str, mode: str) -> float:
    """``parse_number`` by the general path."""
    s = normalize_numeral(text).strip()
    if not s:
        raise ValueError("empty numeral")
    for suffix in ("元整", "圆整", "元正", "圆正"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
            break
    else:
        if mode != "strict" and s[-1] in "元圆":
            s = s[:-1]
    if not s:
        raise ValueError("no digits")
    sign = 1
    if s[0] == "负" or (s[0] == "-" and mode == "smart"):
        sign, s = -1, s[1:]
        if not s:
            raise ValueError("a sign without digits")
    m = _MONEY.match(s)
    if m:
        yuan = _parse_plain(m.group(1), mode)
        jiao = _DIGIT_VALUES.get(m.group(2))
        fen = _DIGIT_VALUES.get(m.group(3)) if m.group(3) else 0
        if jiao is None or fen is None:
            raise ValueError("malformed 角/分")
        value = yuan + Decimal(jiao) / 10 + Decimal(fen) / 100
    else:
        value = _parse_plain(s, mode)
    return float(sign * value)


def parse_direct(text: str) -> str:
    """Digit-by-digit reading, leading zeros kept: 零零三 -> "003"."""
    s = normalize_numeral(text).strip()
    if not s:
        raise ValueError("empty numeral")
    out = []
    for i, ch in enumerate(s):
        if ch in _DIGIT_VALUES:
            out.append(str(_DIGIT_VALUES[ch]))
        elif "0" <= ch <= "9" or ch == ".":
            out.append(ch)
        elif ch == "点":
            out.append(".")
        elif ch in "负-" and i == 0:
            out.append("-")
        else:
            raise ValueError(f"unexpected character {ch!r} in a digit string")
    return "".join(out)
