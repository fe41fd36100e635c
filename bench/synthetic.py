"""Synthetic seed-like pages for tests and benchmarks.

Each page is the seed page with its figures varied: every run of digits that
is not part of a date gets a random number of the same length (a seeded RNG,
so the archive is reproducible).  Dates are kept valid by leaving digits that
are followed by 年, 月 or 日 (after optional OCR spaces) untouched.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "sources" / "000_e1c532de56ee5a29.txt"

_DIGITS = re.compile(r"\d+(?![\d\s]*[年月日号])")


def vary(text: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        n = len(m.group())
        return str(rng.randint(10 ** (n - 1) if n > 1 else 1, 10**n - 1))

    return _DIGITS.sub(repl, text)


def write_archive(folder: Path, pages: int, seed: int = 0, encoding: str = "utf-8") -> list[Path]:
    """Write ``pages`` varied seed pages into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    base = SEED.read_text(encoding="utf-8")
    rng = random.Random(seed)
    paths = []
    for i in range(pages):
        path = folder / f"synthetic_{seed:03d}_{i:06d}.txt"
        path.write_bytes(vary(base, rng).encode(encoding))
        paths.append(path)
    return paths
