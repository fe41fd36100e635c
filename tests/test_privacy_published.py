"""Nothing in a published package carries a private person's name (issue 4),
checked on the package itself: every CSV byte and every Parquet string."""

from __future__ import annotations

import csv

import polars as pl

from etl.batch.pipeline import EXIT_OK, RunOptions, run

from conftest import PROJECT, data_file

# A story the rules have never seen, with invented names, in the way local
# papers introduce people: a dated lead, a role before the name, quotes.
NEW_STORY = """本报讯（记者 欧阳晓岚 实习生 龚子墨）3月8日，“青山志愿服务队”的志愿者来到
城南街道幸福社区，看望退休教师单于静怡。单于静怡今年78岁，独自生活已有20多年。
“谢谢你们！”单于静怡说。志愿者还走访了社区居民钟离浩然家中，钟离浩然是一名环卫工人，
去年共清扫街道3200多公里。当天，志愿者们共送出慰问品30份，价值约1.5万元。
"""
NEW_NAMES = ["欧阳晓岚", "龚子墨", "单于静怡", "钟离浩然"]


def published_text(package) -> str:
    parts = [p.read_text(encoding="utf-8") for p in package.rglob("*") if p.suffix in {".csv", ".json", ".md"}]
    for path in (package / "data").glob("*.parquet"):
        df = pl.read_parquet(path)
        for name, dtype in df.schema.items():
            if dtype == pl.String:
                parts.extend(v for v in df[name].to_list() if v)
    return "\n".join(parts)


def test_a_page_with_new_names_publishes_none_of_them(tmp_path):
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "new_story.txt").write_text(NEW_STORY, encoding="utf-8")
    result = run(RunOptions(sources_dir=sources, out=tmp_path / "dist", state_dir=tmp_path / "st"))
    assert result.exit_code == EXIT_OK, result.error
    assert result.counts["figures"] >= 3  # the page's figures are published…
    text = published_text(tmp_path / "dist")
    assert "3200多公里" in text
    for name in NEW_NAMES:  # …its people are not
        assert name not in text, name


def test_the_seed_package_publishes_no_private_name(tmp_path):
    gold = data_file("gold", "seed_care_visits.csv")
    with gold.open(encoding="utf-8") as f:
        names = {n for row in csv.DictReader(f) for n in row["private_names_in_text"].split(";") if n}
    assert names
    text = published_text(PROJECT / "dist")
    for name in names:
        assert name not in text, name
