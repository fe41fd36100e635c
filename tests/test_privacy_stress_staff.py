"""The stress test of the names rule (issue 16), third part: the staff of a
private body listed after a count of them, the roles of donors and hospital
staff, a person met and taken up by a pronoun, and a transliterated name
with a family member.  Names, places and sentences are invented; each
oracle is the plain rule: the name is gone, the ordinary text (and an
official's name in office) stays.
"""

from __future__ import annotations

import pytest

from etl.extract.textrepair import repair
from etl.semantic import name_masking, privacy


def _masked(text: str) -> str:
    out = name_masking.mask(text, privacy.find_private_names(repair(text)))
    assert out is not None
    return out


#: A count of private persons (a role word) + 分别是/分别为 + title + name
#: items: every name listed is one of those private persons.
STAFF = [
    ("卫生院派出了5名医生，分别是院长郇晓琳、副院长寇志强、主治医师甄桂芝、护士长覃秀英以及后勤保障人员卜凤兰。",
     ["郇晓琳", "寇志强", "甄桂芝", "覃秀英", "卜凤兰"]),
    ("协会组织了3名志愿者，分别为队长牟德贵、队员冼振华和佘玉珍。", ["牟德贵", "冼振华", "佘玉珍"]),
    ("诊所来了两位医生,分别是住院医师邬建国、护士鄢海燕。", ["邬建国", "鄢海燕"]),
]


@pytest.mark.parametrize("text,names", STAFF, ids=[t[:12] for t, _ in STAFF])
def test_names_of_a_staff_list_after_a_count_of_private_persons_are_masked(text, names):
    out = _masked(text)
    assert not [n for n in names if n in out], out
    assert "分别" in out  # (the sentence stays)


def test_a_staff_list_item_with_a_state_office_is_an_official_and_stays():
    # (a title naming a state body: an official in office, not staff)
    text = "活动共有3名党员参加，分别是副县长郇晓琳、镇党委书记寇志强和护士甄桂芝。"
    out = _masked(text)
    assert "郇晓琳" in out and "寇志强" in out, out
    assert "甄桂芝" not in out, out


def test_a_list_after_a_count_of_things_is_no_staff_list():
    # (分别是 after a count of villages or figures: no people listed)
    text = "全镇共有3个村，分别是郇家村、寇庄村和甄河村；两项指标分别为百分之八十和百分之九十。"
    assert _masked(text) == text


#: Donors, physicians and head nurses are private persons (a role word
#: before a name: 器官捐献者X, 主治医师X, 护士长X).
ROLES = [
    "工作人员来到器官捐献者郇晓琳、遗体捐献者寇志强家中慰问。",
    "主治医师甄桂芝为老人量了血压。",
    "护士长覃秀英耐心讲解用药知识。",
    "造血干细胞捐献者牟德贵分享了自己的故事。",
]


@pytest.mark.parametrize("text", ROLES, ids=[t[:10] for t in ROLES])
def test_a_donor_physician_or_head_nurse_before_a_name_is_a_private_person(text):
    out = _masked(text)
    assert not [n for n in ("郇晓琳", "寇志强", "甄桂芝", "覃秀英", "牟德贵") if n in out], out


def test_the_role_words_alone_stay():
    text = "医院的医师和护士长都到了，捐献者家属表示感谢。"
    assert _masked(text) == text


#: A verb of meeting a person + name + 时, taken up by a pronoun: a person,
#: even when the given name is also a place's (延平, 永昌).
MEET = [
    "记者见到郇延平时，她正在车间里做工。",
    "采访寇永昌的时候，他说起了这些年的变化。",
    "遇到甄建国时他刚下班。",
]


@pytest.mark.parametrize("text", MEET, ids=[t[:8] for t in MEET])
def test_a_person_met_and_taken_up_by_a_pronoun_is_masked(text):
    out = _masked(text)
    assert not [n for n in ("郇延平", "寇永昌", "甄建国") if n in out], out


def test_a_place_met_without_a_pronoun_stays():
    # (见到+a place+时 with no pronoun taking it up: a place, not a person)
    text = "车队见到延平时已是傍晚，大家在路边休息。"
    assert _masked(text) == text


#: A name of transliteration characters (a minority nationality's name with
#: no Chinese surname) opening a sentence or after its village, then 和/与 +
#: a family member.
FAMILY = [
    ("某某县某某村阿依古丽和妈妈在新房里合影。", "阿依古丽"),
    ("\n热娜古丽与女儿一起打扫院子。", "热娜古丽"),
    ("大家都来了。帕提古丽和丈夫在门口迎接。", "帕提古丽"),
]


@pytest.mark.parametrize("text,name", FAMILY, ids=[n for _, n in FAMILY])
def test_a_transliterated_name_with_a_family_member_is_masked(text, name):
    out = _masked(text)
    assert name not in out, out


def test_a_transliterated_place_or_word_without_a_family_member_stays():
    # (the same characters before 和 + no family member: a place or a word)
    text = "阿克苏地区和喀什地区的干部来到巴楚县。\n库尔勒和阿拉尔的天气晴。"
    assert _masked(text) == text
