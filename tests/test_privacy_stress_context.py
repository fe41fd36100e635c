"""The stress test of the names rule (issue 16), second part: names read
from the people around them (``etl.semantic.name_context``) and the forms
with an everyday-word surname.  Names, places and sentences are invented;
each oracle is the plain rule: the name is gone, the ordinary text stays.

The grid crosses invented names (common, rare and everyday-word surnames)
with the contexts of each class: a list of people counted after it, a
surname and a title after a private body, a foreigner's name after a
nationality and a role, a given name starting with 月/日, 由 as a surname.
Forms a careful reader knows but the rules still miss are listed at the end
as strict expected failures (they fail the suite once fixed, so that the
list is kept true).
"""

from __future__ import annotations

import pytest

from etl.extract.textrepair import repair
from etl.semantic import name_masking, privacy


def _masked(text: str) -> str:
    out = name_masking.mask(text, privacy.find_private_names(repair(text)))
    assert out is not None
    return out


#: Invented full names of three characters with surnames that are no
#: everyday word, and two with one (成, 由: function words).
PLAIN = ["郇晓琳", "寇志强", "甄桂芝", "覃秀英", "牟德贵", "冼振华", "卜凤兰", "佘玉珍", "邬建国", "鄢海燕"]

#: A list of people counted after it: the list starts after a pause, 的 or
#: 了; 等 may stand before the count; the word for people may follow the
#: count later in the clause.
COUNTED = [
    "慰问了城西、城东街道的{A}、{B}、{C}3位90岁以上的高龄老人。",
    "看望了{A}、{B}两位八旬老人。",
    "晨曦志愿者协会的{A}、{B}和{C}等5名队员来到老人家中。",
    "爱心团队的{A}和{B}两名志愿者为老人理发。",
    "{A}、{B}、{C}三位年过九旬的老人笑得合不拢嘴。",
    "大家看望了{A}、{B}等4位空巢老人。",
    "青松社区的{A}、{B}2名网格员上门服务。",
]


def _counted_cases():
    for ctx in COUNTED:
        for i in range(0, len(PLAIN), 3):
            a, b, c = PLAIN[i], PLAIN[(i + 1) % len(PLAIN)], PLAIN[(i + 2) % len(PLAIN)]
            yield pytest.param(ctx.format(A=a, B=b, C=c), [n for n in (a, b, c) if "{" + "ABC"[(a, b, c).index(n)] + "}" in ctx],
                               id=f"{ctx[:10]}-{a}")


@pytest.mark.parametrize("text,names", list(_counted_cases()))
def test_names_of_a_counted_list_of_people_are_masked(text, names):
    out = _masked(text)
    assert not [n for n in names if n in out], out


@pytest.mark.parametrize("text,gone", [
    ("晨光义工队的甄桂芝、覃秀英和成黎等5名队员来到敬老院。", ["成黎"]),
    ("佘玉珍和由光亮两名志愿者为老人送去水饺。", ["由光亮"]),
])
def test_an_everyday_word_surname_in_a_counted_list_beside_a_plain_full_name(text, gone):
    out = _masked(text)
    assert not [n for n in gone if n in out], out


@pytest.mark.parametrize("text", [
    "走访了城东、城西两个村的困难群众。",
    "全镇共有高龄、失能等3类老人。",
    "城关、新华两个社区的网格员参加了培训。",
    "帮扶了张庄、李村两个村的12名贫困户。",
    "评选出高新、金山等5名先进个人的单位。",
])
def test_places_or_words_before_a_count_of_people_stay(text):
    assert _masked(text) == text


@pytest.mark.parametrize("org", ["福利院", "敬老院", "养老院", "某某物流公司", "爱心协会", "阳光幼儿园", "益民超市"])
@pytest.mark.parametrize("title", ["院长", "经理", "会长", "园长", "店长"])
@pytest.mark.parametrize("sur", ["王", "冼", "江", "欧阳"])
def test_a_surname_and_a_title_after_a_private_body(org, title, sur):
    text = f"在{org}{sur}{title}的引导下，志愿者们来到活动室。"
    assert f"{sur}{title}" not in _masked(text)


@pytest.mark.parametrize("text", [
    "在福利院原院长的带领下，大家来到活动室。",
    "敬老院副院长介绍了老人们的情况。",
    "某某物流公司总经理出席了活动。",
    "县民政局王局长一行看望了老人。",
    "镇政府李镇长介绍了情况。",
    "协会会长致辞。",
])
def test_a_title_without_a_surname_or_of_a_state_body_stays(text):
    assert _masked(text) == text


@pytest.mark.parametrize("nation", ["加拿大", "委内瑞拉", "意大利", "肯尼亚", "哈萨克斯坦"])
@pytest.mark.parametrize("role", ["学生", "留学生", "志愿者", "教师"])
@pytest.mark.parametrize("name,after", [("丽贝卡", "和老人交流折纸"), ("文森特", "学书法"), ("安德烈", "唱了一首歌"),
                                        ("玛丽娜", "，")])
def test_a_transliterated_name_after_a_nationality_and_a_role(nation, role, name, after):
    assert name not in _masked(f"{nation}{role}{name}{after}。")


@pytest.mark.parametrize("text", ["加拿大学生代表发言。", "意大利留学生都说喜欢中国菜。", "肯尼亚志愿者们表演了节目。",
                                  "外籍志愿者多次表示感谢。"])
def test_a_nationality_and_a_role_without_a_name_stay(text):
    assert _masked(text) == text


@pytest.mark.parametrize("name", ["郇月华", "寇日升", "甄月英", "卜日新"])
@pytest.mark.parametrize("ctx", ["84岁的{N}老人一边试穿新衣，一边说。", "志愿者{N}说，还会再来。", "看望了独居老人{N}，送去慰问金。"])
def test_a_given_name_may_start_with_month_or_day(name, ctx):
    assert name not in _masked(ctx.format(N=name))


@pytest.mark.parametrize("text", ["志愿者王某日前来到敬老院。", "老人张某月底出院。", "今年3月份以来，共走访120户。",
                                  "志愿者每月初都来。", "他的月收入不到两千元。"])
def test_day_and_month_words_after_a_name_are_no_given_name(text):
    out = _masked(text)
    for w in ("日前", "月底", "月份", "月初", "月收入"):
        if w in text:
            assert w in out, out


@pytest.mark.parametrize("ctx", ["空巢老人{N}家中", "村民{N}说", "看望了佘玉珍、{N}两位老人"])
def test_you_is_a_surname(ctx):
    assert "由光震" not in _masked(ctx.format(N="由光震") + "，志愿者们送去了米面。")


@pytest.mark.parametrize("text", ["78岁的空巢老人家中很冷。", "活动由志愿者协会主办。", "老人由子女照顾。",
                                  "空巢老人由社区网格员定期探望。"])
def test_empty_nest_and_you_as_words_stay(text):
    assert _masked(text) == text


@pytest.mark.parametrize("role", ["音乐人", "村社会事务员"])
def test_more_words_for_a_person_before_a_name(role):
    assert "冼振华" not in _masked(f"来自外地的{role}冼振华表示，会继续捐助。")


@pytest.mark.parametrize("name", ["冼振华", "牟德贵", "郇晓琳"])
@pytest.mark.parametrize("ctx", ["感谢{N}对敬老院的帮助。", "谢谢{N}多年来的照顾。", "我们感谢{N}的付出。", "感谢{N}，让我们过了个暖冬。"])
def test_thanks_to_a_full_name(name, ctx):
    assert name not in _masked(ctx.format(N=name))


@pytest.mark.parametrize("ctx", ["谢谢{S}阿姨！", "感谢{S}大爷的帮助。", "多谢{S}叔叔。"])
@pytest.mark.parametrize("sur", ["冼", "王", "欧阳"])
def test_thanks_to_a_surname_and_a_form_of_address(ctx, sur):
    assert "某某" in _masked(ctx.format(S=sur))


@pytest.mark.parametrize("text", ["感谢党和政府对我们的关心。", "感谢单位对我的帮助。", "感谢社会各界的支持。",
                                  "感谢高新区对企业的支持。", "谢谢大家多年来的照顾。"])
def test_thanks_to_no_person_stay(text):
    assert _masked(text) == text


@pytest.mark.parametrize("ctx", ["{A}带领{B}、{C}走访了困难户。", "社工{A}带领{B}和{C}来到老人家中。",
                                 "{A}带领{B}、{C}一起为老人打扫卫生。"])
def test_the_people_someone_leads(ctx):
    out = _masked(ctx.format(A="冼振华", B="牟德贵", C="佘玉珍"))
    assert "牟德贵" not in out and "佘玉珍" not in out, out


@pytest.mark.parametrize("text", ["书记带领党员、群众走访了困难户。", "村支书带领张庄、李村群众来到现场。",
                                  "带领全村群众一起致富。"])
def test_groups_someone_leads_stay(text):
    assert _masked(text) == text


@pytest.mark.parametrize("sur", ["冼", "王", "刘", "孙"])
@pytest.mark.parametrize("after", ["每天都来帮忙。", "说，日子好了。", "，今年七十多了。"])
def test_lao_surname_tou(sur, after):
    assert f"老{sur}头" not in _masked(f"老{sur}头{after}")


@pytest.mark.parametrize("text", ["老山头上的树绿了。", "老街头巷尾都贴了通知。", "老码头改造完成。"])
def test_lao_word_tou_stays(text):
    assert _masked(text) == text


#: Forms a careful reader knows that the rules still miss (see the report of
#: issue 16): each is a strict expected failure.
STILL_MISSED = [
    ("高明亮说，这次活动很有意义。", "高明亮"),
    ("金秀兰说，她很感激。", "金秀兰"),
    ("石德才表示，以后还要来。", "石德才"),
    ("万春生告诉记者，日子好过了。", "万春生"),
    ("方桂英说，谢谢大家。", "方桂英"),
    ("白玉兰说，她每天都来。", "白玉兰"),
    ("江海涛说，他很高兴。", "江海涛"),
    ("夏德明说，明年还会来。", "夏德明"),
    ("延红梅说，这里很温暖。", "延红梅"),
    ("村里的冼振华开始给老人送饭。", "冼振华"),
    ("石桥村冼华就出门了。", "冼华"),
    ("冼振华爱心团队为老人送去了年货。", "冼振华"),
    ("冼振华同志为老人送去了棉被。", "冼振华"),
]


@pytest.mark.parametrize("text,name", [pytest.param(t, n, marks=pytest.mark.xfail(strict=True, reason="still missed"))
                                       for t, n in STILL_MISSED])
def test_forms_still_missed(text, name):
    assert name not in _masked(text)
