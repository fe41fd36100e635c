"""Every form of a private person's name is masked (issue 16); public
officials named in their office keep their names.  Names and texts are
invented for the test; each case states the form it checks."""

from __future__ import annotations

import pytest

from etl.extract.textrepair import repair
from etl.semantic import privacy


def _masked(text: str) -> str:
    names = privacy.find_private_names(repair(text))
    out = privacy.mask(text, names)
    assert out is not None
    return out


@pytest.mark.parametrize("text, name", [
    # full name after a role word
    ("志愿者看望了独居老人柴文博。", "柴文博"),
    # full names listed after a role word, without role words of their own
    ("在困难职工甘振宇、牛丽娜和宫晓东的家中，工会干部详细询问了生活情况。", "牛丽娜"),
    ("在困难职工甘振宇、牛丽娜和宫晓东的家中，工会干部详细询问了生活情况。", "宫晓东"),
    # full name before a form of address
    ("志愿者正和今年90岁高龄的鄢秋菊婆婆聊天。", "鄢秋菊"),
    # surname + kinship or address term
    ("“蒲阿姨，过年好！”志愿者说。", "蒲阿姨"),
    ("志愿者来到蒯大爷家中，帮他打扫卫生。", "蒯大爷"),
    ("阚奶奶今年九十一岁，一直一个人居住。", "阚奶奶"),
    ("被关爱的孤寡老人滑老汉说。", "滑老汉"),
    # 老/小 + surname
    ("“小滕来了啊，快进来坐坐！”老人说。", "小滕"),
    ("老人们起初唤她小滕，后来叫她闺女。", "小滕"),
    ("“老邝，身体还好吧？”", "老邝"),
    # names after 名叫 / 叫 / 姓
    ("一位名叫宓晓岚的志愿者每周都来。", "宓晓岚"),
    ("一位叫郜一鸣的老人拉着志愿者的手。", "郜一鸣"),
    ("一位姓訾的师傅说，大家都很感动。", "姓訾"),
    # Latin-letter names written after a Chinese name, and alone elsewhere
    ("暑假期间，柏思远Kevin和郏雨桐Lily两位同学组成支教团队。Kevin said it was a great trip.", "Kevin"),
    ("暑假期间，柏思远Kevin和郏雨桐Lily两位同学组成支教团队。", "Lily"),
    ("暑假期间，柏思远Kevin和郏雨桐Lily两位同学组成支教团队。", "郏雨桐"),
    ("The volunteers visited Mr. Hobbs at home.", "Hobbs"),
    # transliterated foreign names
    ("来自英国的志愿者彼得·沃森也加入了队伍。", "彼得·沃森"),
    # volunteers, association and company staff are private persons
    ("据志愿者栾志航介绍，团队已有四十多名成员。", "栾志航"),
    ("爱心协会会长阎小川说，今年还将继续开展活动。", "阎小川"),
])
def test_every_form_of_a_private_name_is_masked(text, name):
    assert name not in _masked(text)


def test_a_bare_given_name_after_first_mention_is_masked():
    text = "志愿者为农业服务中心的工作人员詹云鹏送去年货。“云鹏，过年好！”"
    assert "云鹏" not in _masked(text)


def test_a_kinship_word_alone_is_no_name():
    """爷爷奶奶 and 小区, 小康, 老年 are ordinary words, not names."""
    text = "他跟着爷爷奶奶生活。“小康”路上，小区里的老年人都说，蒲阿姨真好。"
    out = _masked(text)
    assert "爷爷奶奶" in out and "小康" in out and "小区" in out and "老年人" in out


def test_a_latin_name_is_masked_as_a_whole_word_only():
    text = "暑假期间，甄子墨Chine同学来到村小。Chinese students and Chine played."
    out = _masked(text)
    assert "Chinese" in out and " Chine " not in out


def test_public_officials_named_in_office_keep_their_names():
    """A county head named in office is not a private person; the resident is."""
    text = "县委常委、县总工会主席鲍立新带领工会干部走访慰问困难职工。在居民甘振宇家中，鲍立新详细了解了生活情况。"
    names = privacy.find_private_names(repair(text))
    assert "鲍立新" not in names and "甘振宇" in names
