"""A stress test of the names rule (issue 16): every form of a private
person's name, in the many places real stories put it, is masked, and the
ordinary text around names is not.  Names, places and sentences are invented
for the test (none is copied from an evaluation page); each sentence states
the form it checks, its oracle is the plain rule: the name is gone, the
non-name text stays.

The grid crosses invented full names (common, rare, compound and
traditional-character surnames, one- and two-character given names, given
names that are ordinary words) with the contexts a careful reader knows to
hold a person: after a verb of visiting, opening a sentence, after a
household category word, in brackets after a role or a count, in a roster
after a colon, before a form of address.
"""

from __future__ import annotations

import pytest

from etl.extract.textrepair import repair
from etl.semantic import name_masking, privacy


def _masked(text: str) -> str:
    out = name_masking.mask(text, privacy.find_private_names(repair(text)))
    assert out is not None
    return out


#: Invented full names: common surnames, rare ones (郇, 寇, 甄, 延 is an
#: everyday word), compound ones, traditional characters, given names of one
#: character and given names that are ordinary words (文明, 建国).
NAMES = ["郇晓琳", "寇志强", "甄桂芝", "欧阳明轩", "司马文静", "上官雨婷", "诸葛晓峰", "龐繡華", "栾乐",
         "蒯影", "邬建国", "鄢海燕", "訾胜利", "陈文明", "覃秀英", "牟德贵", "冼振华", "卜凤兰", "佘玉珍"]

#: Contexts that make the string a person's name for a careful reader (the
#: second and third names of a list are other names of NAMES).
CONTEXTS = [
    # after verbs of visiting
    "志愿者们看望了{N}，为她送去一床新棉被。",
    "街道干部走访了{N}，仔细询问了他的身体情况。",
    "工会干部慰问了{N}，送上慰问金。",
    "社工上门探望{N}并送去米面油。",
    "随后，大家来到{N}家，帮忙清扫院子。",
    "志愿者们又到{N}家中帮忙。",
    "志愿者们先后来到{N}和{M}家中。",
    # opening a sentence
    "{N}今年72岁，一直独自生活。",
    "{N}告诉记者，现在日子好过多了。",
    "{N}买了一箱牛奶送到老人家里。",
    "拿到第一个月工资，{N}倍感欣慰。",
    "{N}和老伴住在两间平房里。",
    "{N}和女儿{M}一起包了饺子。",
    "{N}动情地说，感谢大家的帮助。",
    "“{N}，我们来看您了！”",
    "石桥村{N}就到厂里上班了。",
    # in brackets, rosters and forms
    "带队志愿者（{N}）向老人问好。",
    "【带队人】：{N}",
    "【报名人数】：3（{N}，{M}，{O}）",
    "共3人（{N}、{M}、{O}）参加了这次活动。",
    "参加人员：{N}、{M}、{O}（队长）。",
    "参加人员：{N}（组长）、{M}、{O}。",
    "本次参与志愿者：{N}、{M}、{O}。",
    "联系人：{N}，电话：13900000000",
    "本帖最后由 {N} 于 2019-05-03 21:14 编辑",
    "{N}——\n这次活动让我明白了很多。",
    # before forms of address, after role words
    "{N}同学说，这次活动收获很大。",
    "在{N}老师的带领下，同学们来到福利院。",
    "{N}师傅修好了漏水的水管。",
    "{N}阿姨每天都来帮忙。",
    "志愿者{N}说，以后还会再来。",
    "志愿者{N}、{M}和{O}一起为老人包饺子。",
    "一位名叫{N}的老人拉着志愿者的手。",
    "她叫{N}，是一名护士。",
    "{N}（右）在为老人理发。",
]

#: Household category words before a name (低保户X, 孤寡老人X …).
HOUSEHOLD_WORDS = ["低保户", "五保户", "贫困户", "孤寡老人", "独居老人", "空巢老人", "残疾人", "困难职工",
                   "留守儿童", "特困人员", "退役军人", "脱贫户", "监测户", "困难党员", "老党员", "村民"]
HOUSEHOLD_CONTEXTS = ["看望了{H}{N}，送去慰问金。", "{H}{N}今年65岁。", "走访{H}{N}家，", "在{H}{N}家中，"]

#: Contexts whose cue is weak: an everyday-word surname (延: 延长, 延期) is
#: not read as a name on one of them alone; a two-character name after a
#: village (石桥村X就…) is no name without another cue either.
_WEAK_ONLY = {
    "{N}告诉记者，现在日子好过多了。", "{N}买了一箱牛奶送到老人家里。", "拿到第一个月工资，{N}倍感欣慰。",
    "{N}和老伴住在两间平房里。", "{N}和女儿{M}一起包了饺子。", "{N}动情地说，感谢大家的帮助。",
    "“{N}，我们来看您了！”", "{N}——\n这次活动让我明白了很多。", "{N}同学说，这次活动收获很大。",
    "在{N}老师的带领下，同学们来到福利院。", "{N}师傅修好了漏水的水管。", "{N}阿姨每天都来帮忙。",
    "{N}（右）在为老人理发。", "随后，大家来到{N}家，帮忙清扫院子。", "志愿者们又到{N}家中帮忙。",
    "志愿者们先后来到{N}和{M}家中。", "带队志愿者（{N}）向老人问好。",
}


def _cases():
    for ctx in CONTEXTS:
        for i, name in enumerate(NAMES):
            others = NAMES[(i + 1) % len(NAMES)], NAMES[(i + 2) % len(NAMES)]
            if ctx.startswith("石桥村") and len(name) == 2:
                continue  # (see _WEAK_ONLY)
            yield pytest.param(ctx.format(N=name, M=others[0], O=others[1]), name, id=f"{ctx[:12]}-{name}")


@pytest.mark.parametrize("text, name", list(_cases()))
def test_every_form_in_every_context_is_masked(text, name):
    assert name not in _masked(text)


@pytest.mark.parametrize("household", HOUSEHOLD_WORDS)
@pytest.mark.parametrize("ctx", HOUSEHOLD_CONTEXTS)
def test_a_name_after_a_household_category_word_is_masked(household, ctx):
    for name in NAMES:
        assert name not in _masked(ctx.format(H=household, N=name)), name


@pytest.mark.parametrize("ctx", sorted(_WEAK_ONLY - {"“{N}，我们来看您了！”", "{N}——\n这次活动让我明白了很多。"}))
def test_an_everyday_word_surname_is_masked_everywhere_once_a_strong_cue_names_it(ctx):
    """延 (延长, 延期) is an everyday word: a weak cue alone does not make
    延某某 a name, but once a role word names it, it is masked everywhere."""
    text = ctx.format(N="延春花", M="寇志强")
    assert "延春花" not in _masked("志愿者延春花。" + text)


@pytest.mark.parametrize("text, gone", [
    # surname + kinship or address term, with compound surnames too
    ("“甄奶奶，我们来看您啦！”志愿者说。", "甄奶奶"),
    ("欧阳大爷的老伴去年去世了。", "欧阳大爷"),
    ("诸葛师傅是小区的老住户。", "诸葛师傅"),
    ("上官阿姨每天都去公园锻炼。", "上官阿姨"),
    ("司马大姐是社区的热心人。", "司马大姐"),
    # 老/小 + surname, a compound one too
    ("志愿者小寇说，这是她第三次来。", "小寇"),
    ("“老郇，身体还好吧？”", "老郇"),
    ("“小欧阳，快进来坐！”", "小欧阳"),
    # given names alone after the first mention
    ("低保户寇志强今年62岁。志强说，现在日子好过多了。", "志强说"),
    ("留守儿童欧阳明轩今年8岁。明轩在奶奶身边长大。", "明轩在"),
    ("老人叫邬建国，今年八十岁，建国说，孩子们都在外地。", "建国说"),
    # names after 叫 / 名叫 / 姓
    ("一位名叫欧阳丽华的志愿者每周都来。", "欧阳丽华"),
    ("一位姓郇的阿姨说，大家都很感动。", "姓郇"),
    # Latin letters and transliterated names
    ("来自外地的志愿者Tom Miller也来了。", "Miller"),
    ("志愿者Lucy和Jack也参加了活动。", "Jack"),
    ("外籍志愿者玛丽亚·冈萨雷斯说，活动很有意义。", "玛丽亚·冈萨雷斯"),
    ("社区居民阿依古丽·买买提说，日子越过越好。", "阿依古丽·买买提"),
    # names of minority nationalities without a Chinese surname
    ("牧民巴特尔说，今年的收入比去年高。", "巴特尔"),
    ("群众代表卓玛央金告诉记者，家里新盖了房子。", "卓玛央金"),
    # traditional characters
    ("孤寡老人龐繡華今年八十歲。", "龐繡華"),
    ("監測戶鮑文傑今年70歲。", "鮑文傑"),
    # the given name inside the name of a group named after the person
    ("芮思琪爱心小组成立以来帮助了很多家庭。组长、志愿者芮思琪说，思琪爱心小组还会继续。", "思琪爱心"),
])
def test_every_other_form_is_masked(text, gone):
    assert gone not in _masked(text)


@pytest.mark.parametrize("text", [
    "志愿者们看望了辖区内的孤寡老人，为他们送去米面油。",
    "工作人员走访了解困难群众的生活情况，并送上慰问金。",
    "市领导慰问了全市环卫工人，并向他们致以节日问候。",
    "县总工会看望慰问了一线职工，送去防暑降温物资。",
    "送去节日的慰问和祝福，老人们很高兴。",
    "走访全覆盖，不漏一户。",
    "走访了万余户，发放宣传单。",
    "负责人：社区党委",
    "联系人：王科长，电话12345678901",
    "程序说明：",
    "活动主题：关爱老人",
    "实际参加人数：12人（含社区干部）",
    "参加人员：社区干部、网格员、志愿者",
    "志愿者（大学生）",
    "老人多次表示感谢。",
    "牧民们说，今年草场长势好。",
    "群众代表说，政策很好。",
    "学雷锋志愿服务队为老人理发。",
    "阳光志愿服务队、爱心志愿服务队共30人参加。",
    "在老师的带领下，同学们来到敬老院。",
    "小然然在和奶奶说话。",
    "见到了许多老人，大家都很高兴。",
    "高考生一家都很高兴。",
    "高中生说，活动很有意义。",
    "安置房说建就建。",
    "高温下老人独自在家。",
    "看望了高龄老人，送去蛋糕。",
    "社区王书记和李主任一起看望了困难户。",
    "The China Daily reported on the event.",
    "张家港市、江阴市和常熟市共同举办。",
])
def test_ordinary_text_is_not_masked(text):
    assert _masked(text) == text


def test_an_official_named_in_office_keeps_the_name():
    text = "县委书记鲍文杰一行看望了困难群众。"
    assert _masked(text) == text


# --- one test per rule added for the stress cases (invented text) -------------


def test_a_roster_item_may_carry_its_part_in_brackets():
    out = _masked("参加人员：栾乐（队长）、蒯影、邬建国（记录）。")
    assert not [w for w in ("栾乐", "蒯影", "邬建国") if w in out]
    assert "（队长）" in out


def test_a_labelled_person_is_a_name_but_a_surname_with_a_title_is_not():
    assert "鄢海燕" not in _masked("【联系人】：鄢海燕  电话：13900000000")
    assert "指导老师：某某 某某" in _masked("指导老师：寇志强 卜凤兰\n")
    assert _masked("联系人：鄢科长，电话13900000000") == "联系人：鄢科长，电话13900000000"


def test_names_in_brackets_after_a_count_of_people_or_a_role_word():
    assert "某某，某某，某某" in _masked("实到人数：3（栾乐，蒯影，邬建国）")
    assert "带队社工（某某）" in _masked("带队社工（佘玉珍）说明了注意事项。")
    # not a bracket of other things after a count
    assert _masked("共3个村（东坪村、西坪村、南坪村）") == "共3个村（东坪村、西坪村、南坪村）"


def test_a_signed_part_names_its_writer():
    assert "卜凤兰" not in _masked("心得体会\n卜凤兰——\n第一次去敬老院，我很紧张。")
    assert "覃秀英" not in _masked("覃秀英：\n这次活动让我学会了耐心。")
    assert _masked("工作要求：\n按时到岗。") == "工作要求：\n按时到岗。"


def test_a_forum_edit_note_names_its_editor():
    assert "佘玉珍" not in _masked("本帖最后由 佘玉珍 于 2018-7-9 09:30 编辑")


def test_a_visit_to_a_person_before_a_pause_names_them():
    assert "冼振华" not in _masked("社区干部看望了冼振华，询问他的身体情况。")
    assert "牟德贵" not in _masked("网格员上门探望牟德贵并送去药品。")
    assert _masked("送去节日的慰问和祝福，大家都很高兴。") == "送去节日的慰问和祝福，大家都很高兴。"


def test_a_village_before_a_full_name_and_what_a_person_does():
    assert "牟德贵" not in _masked("河口村牟德贵今年78岁。")
    assert "牟德贵" not in _masked("河口村牟德贵就在合作社上班。")


def test_what_only_a_person_does_after_a_name_at_a_boundary():
    for text in ("对此，冼振华倍感欣慰。", "冼振华和老伴住在村口。", "冼振华买了两袋大米。", "“冼振华，我们来看您了！”"):
        assert "冼振华" not in _masked(text), text


def test_a_group_named_after_a_person_loses_the_given_name():
    out = _masked("志愿者蔺梓萱说，梓萱志愿服务队已有20人。")
    assert "梓萱" not in out and "志愿服务队" in out
    # an ordinary word is no given name there (阳光 of 邬阳光)
    assert "阳光志愿服务队" in _masked("志愿者邬阳光说，阳光志愿服务队已有20人。")


def test_latin_words_after_a_latin_name_are_names():
    out = _masked("留学生Anna Berg和Tom也来了。Anna说很开心。")
    assert "Anna" not in out and "Berg" not in out and "Tom" not in out


def test_a_name_without_a_chinese_surname_after_a_role_word():
    assert "巴特尔" not in _masked("牧民巴特尔说，草场今年长得好。")
    assert _masked("牧民们说，今年草场长得好。") == "牧民们说，今年草场长得好。"


def test_lao_xiao_with_a_compound_surname():
    assert "小司马" not in _masked("“小司马，快进来！”")
    assert "老欧阳" not in _masked("老欧阳说，他每天都来。")


def test_an_age_or_a_visit_confirms_an_everyday_word_surname():
    assert "关德山" not in _masked("退役军人关德山今年90岁。")
    assert "金秀英" not in _masked("志愿者们看望了金秀英，送去新棉衣。")
    assert "金秀英" not in _masked("，金秀英今年83岁，")
    assert _masked("高中生说，活动很有意义。") == "高中生说，活动很有意义。"


def test_an_ordinary_word_after_a_surname_is_a_given_name():
    assert "陈文明" not in _masked("志愿者陈文明说，大家都很开心。")
    assert "邬建国" not in _masked("“邬建国，我们来看您了！”")


def test_a_full_name_and_a_form_of_address_after_a_preposition():
    assert "鄢海燕" not in _masked("在鄢海燕老师的带领下，同学们来到敬老院。")
    assert "金老师" not in _masked("同学们在金老师的带领下来到敬老院。")
    assert _masked("孩子在和奶奶说话。") == "孩子在和奶奶说话。"


def test_a_listed_name_stops_before_a_word_that_follows_names():
    out = _masked("志愿者佘玉珍和儿子冼翔给老人买了棉衣。")
    assert "冼翔" not in out and "给老人" in out


def test_name_role_words_introduce_names_but_are_no_recipients_of_visits():
    from etl.semantic import care_visits

    assert "付春梅" not in _masked("监测户付春梅今年66岁。")
    assert "监测户" not in care_visits.vocab().roles


def test_who_leads_or_helps_and_for_whom_volunteers_act_are_names():
    for text, name in (("本次活动由冼振华带队。", "冼振华"), ("在牟德贵的帮助下，老人学会了用手机。", "牟德贵"),
                       ("志愿者给佘玉珍送去了米面油。", "佘玉珍"), ("大家陪卜凤兰聊天。", "卜凤兰"),
                       ("社工与覃秀英亲切交谈。", "覃秀英")):
        assert name not in _masked(text), text
    # a surname and a title, or a body, is no name there
    for text in ("由鄢局长带队，一行人来到村里。", "在各级党委的帮助下，村里通了路。", "为全体职工送去慰问品。"):
        assert _masked(text) == text, text


def test_names_listed_before_a_count_and_a_role_word():
    out = _masked("冼振华、牟德贵两名志愿者来到敬老院。")
    assert "冼振华" not in out and "牟德贵" not in out and "两名志愿者" in out


def test_an_age_in_brackets_or_between_pauses_after_a_name():
    assert "冼振华" not in _masked("冼振华（75岁）是村里的五保户。")
    assert "冼振华" not in _masked("冼振华，75岁，独居。")


def test_labels_of_a_teller_or_a_writer_are_labels_of_a_person():
    out = _masked("口述：冼振华 整理：牟德贵")
    assert "冼振华" not in out and "牟德贵" not in out


def test_a_name_before_a_count_of_those_with_it():
    assert "冼振华" not in _masked("冼振华等5名志愿者来到敬老院。")
    assert "冼振华" not in _masked("冼振华等人为老人表演了节目。")


def test_a_listed_name_may_carry_a_short_note_in_brackets():
    out = _masked("慰问对象：冼振华（低保户）、牟德贵（五保户）、佘玉珍（残疾人）")
    assert not [n for n in ("冼振华", "牟德贵", "佘玉珍") if n in out]
    out = _masked("冼振华（左）与牟德贵（右）在交流。")
    assert "冼振华" not in out and "牟德贵" not in out


def test_visited_names_before_a_qualified_role():
    out = _masked("看望慰问了冼振华、牟德贵等困难老党员。")
    assert "冼振华" not in out and "牟德贵" not in out and "等困难老党员" in out


def test_names_that_make_up_a_group():
    out = _masked("由冼振华、牟德贵组成的志愿服务队成立了。")
    assert "冼振华" not in out and "牟德贵" not in out


def test_words_for_a_person_before_a_name():
    assert "冼秀英" not in _masked("保洁阿姨冼秀英每天早上六点上班。")
    assert "冼子涵" not in _masked("幼儿园小朋友冼子涵给老人唱了歌。")


def test_a_two_character_transliterated_name_after_a_word_for_a_foreigner():
    assert "约翰" not in _masked("外籍教师约翰说，他喜欢这里。")
    assert _masked("留学生多次表示感谢。") == "留学生多次表示感谢。"


@pytest.mark.parametrize("after", ["子琪家住在山脚下。", "子琪的梦想是当老师。", "志愿者和子琪一起做游戏。",
                                   "志愿者给子琪带来了书包。", "看到子琪开心的样子，大家都笑了。", "“子琪真棒！”",
                                   "子琪高兴地说。", "子琪很懂事。", "为子琪过生日。"])
def test_a_given_name_alone_after_the_first_mention(after):
    """The given name of a full name found (郇子琪), no ordinary word, is the
    person after a preposition or before what a person does or has."""
    assert "子琪" not in _masked("留守儿童郇子琪今年9岁。" + after)


@pytest.mark.parametrize("text", ["同学们的意志强大。", "这里春花烂漫。"])
def test_a_given_name_inside_an_ordinary_word_stays(text):
    """(寇志强, 甄春花 found on the page: 志强 and 春花 inside words stay.)"""
    assert _masked("志愿者寇志强和甄春花来了。" + text).endswith(text)


def test_verbs_whose_object_is_a_person_before_a_pause():
    assert "冼振华" not in _masked("记者见到了冼振华，他正在院子里晒太阳。")
    assert "冼振华" not in _masked("志愿者们帮助了冼振华，他很感激。")
    for text in ("找到了工作，生活有了着落。", "见到了成效，群众很满意。", "见到了王庄，一片新景象。"):
        assert _masked(text) == text, text
