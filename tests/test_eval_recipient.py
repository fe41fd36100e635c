"""The scorer's recipient rule (tests/data/realpages/SPEC.md, "Scoring the
recipient"): a published role or place names the annotated recipient when it
shares the head of one part of the annotated role.  Roles are invented."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.eval_realpages import recipient_matches  # noqa: E402


def test_a_role_sharing_the_head_noun_is_right():
    """困难户 ~ 贫困户, 老人 ~ 敬老院老人, 职工 ~ 困难职工: the head's last character and one before it."""
    assert recipient_matches("贫困户", "困难户", None)
    assert recipient_matches("敬老院老人", "老人", None)
    assert recipient_matches("困难职工", "职工", None)


def test_a_role_with_another_head_is_wrong():
    """军人 !~ 烈属; 困难群众 !~ a list of other kinds; nothing published is wrong."""
    assert not recipient_matches("烈属", "军人", None)
    assert not recipient_matches("低保户、五保户、残疾人", "困难群众", None)
    assert not recipient_matches("留守儿童", None, None)


def test_the_place_may_name_the_recipient():
    """A bracketed place or a place word in the role is matched by the published place."""
    assert recipient_matches("贫困户(青石乡柳湾村)", None, "柳湾村")
    assert recipient_matches("敬老院老人", None, "东山敬老院")


def test_a_short_item_borrows_the_head_and_a_household_word_may_go():
    """困难、留守儿童 = 困难儿童、留守儿童 (困难职工 is not one); 留守儿童 ~ 留守儿童家庭;
    traditional characters count as simplified."""
    assert not recipient_matches("困难、留守儿童", "困难职工", None)
    assert recipient_matches("困难、留守儿童", "困难儿童", None)
    assert recipient_matches("留守儿童家庭", "留守儿童", None)
    assert recipient_matches("特困留守兒童", "留守儿童", None)
