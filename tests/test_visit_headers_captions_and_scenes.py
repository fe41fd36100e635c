"""Care-visit shapes settled in round 4 (issue 16): each test states its rule
and checks it on invented text (invented names and places)."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 3, 6)


def _visits(text: str, issue: dt.date | None = ISSUE) -> list[dict]:
    return semantic.derive("t", extract_text(text, issue)).care_visits


def test_header_before_the_lead_tells_no_visit():
    """Rule: the short lines before an article's lead (a photo caption, the
    site's name and day) are its header: they tell no visit, even when a
    caption reads like one; the article after the lead still does."""
    text = ("志愿者为独居老人送去米面油。\n青川网3月5日讯(记者 某某 通讯员 某某)在松岭村一户独居老人家里,"
            "远航公司的志愿者们一边送上米面油,一边拉起了家常。\n"
            "志愿者们还为老人打扫了房间,老人们十分高兴。")
    rows = _visits(text)
    assert len(rows) == 1
    assert text[rows[0]["article_char_start"]:].startswith("讯")
    # (a short story of two sentences before the next article's lead is a story, no header)
    brief = "3月4日,县妇联来到溪口小学看望留守儿童。\n孩子们十分高兴。\n"
    assert len(_visits(brief + text[text.index("青川网"):])) == 2
    # (the same caption as a page's only text is a story: it is not before a lead)
    assert len(_visits("3月5日,远航公司志愿者为独居老人送去米面油。")) == 1


def test_visit_verb_before_a_gift_noun_is_a_thing():
    """Rule: a visit verb followed by a thing it names (慰问物资, 慰问品,
    慰问金, 关爱的…) is no visit verb: a sentence whose only visit word is
    such a thing tells no visit."""
    dated = "3月2日上午,青禾公益团队走进石桥村开展慰问孤寡老人活动。\n"
    gather = "活动当天,十余名爱心队员一大早便带着一批慰问物资在石桥村委会集合。在村干部带领下,队员们逐户上门。\n"
    rows = _visits(dated + gather)
    assert len(rows) == 1 and rows[0]["visit_date"] == dt.date(2024, 3, 2)
    # (the same paragraph with a visit verb of its own is a visit told on: still one)
    assert _visits("十余名爱心队员带着慰问品在石桥村委会集合。") == []


def test_service_report_tells_no_visit():
    """Rule: a report of a service provided at a venue (午餐服务, 提供…关爱的
    …服务) tells no visit: no one goes to anyone."""
    text = ("在街道和社区党委的支持下,完成第一季度青松社区长者午餐服务。日均用餐人数30人,共计服务820人次。"
            "进一步运用社工机构的专业优势,为社区长者提供有保障和关爱的生活服务。")
    assert _visits(text) == []


def test_round_up_of_bureaus_split_by_semicolons():
    """Rule: in a round-up, each part after a semicolon that opens with its
    own organiser (a bureau, its 负责人) and tells a visit is a visit of its
    own, as a paragraph would be; a part that goes on with the same
    visitors (还…了解…) or holds a meeting is none."""
    text = ("春节临近,各区县陆续开展慰问活动。\n"
            "青山区人社局为辖区企业留岗职工送上新春礼包,慰问一线工人;"
            "石门区人社局相关负责人则到区内企业,逐一对困难农民工开展新春慰问。\n"
            "柳河区人社局召开返乡农民工座谈会;还为企业送上惠企政策。")
    rows = _visits(text)
    assert len(rows) == 2
    starts = [text[r["article_char_start"]:] for r in rows]
    assert starts[1].startswith("石门区")  # (the first visit's story is the article's opening)


def test_workers_at_their_posts_are_no_recruitment_story():
    """Rule: 坚守岗位 (the people visited at their posts) is no recruitment
    word: the visit stands, with its list of workplaces (a courier's 站点 is
    one); 提供岗位 still marks a recruitment story."""
    visit = ("市人社局相关负责人分别走进青川快递航空站点、柳岸社区、远航汽车有限公司等,"
             "看望慰问坚守岗位的一线农民工代表,送上新春礼包。")
    assert len(_visits(visit)) == 3
    assert _visits("市人社局相关负责人走进远航汽车有限公司,看望企业职工,提供岗位300个。") == []


def test_paragraphs_opening_at_a_named_home_are_stops():
    """Rule: after a visit told in the article, a paragraph that opens at one
    named home (走进…留守儿童某某（化名）家，; 在…某某家，) is one more stop
    of those visitors, on the day of the visit before when the text fixed it;
    the homes of the group told before (在困难群众家中，) are no new stop, and
    without a visit told before such a paragraph tells none."""
    lead = "近日,记者随青河区妇联工作人员看望慰问了几个留守儿童。\n"
    homes = ("走进石桥镇柳湾村二组留守儿童韩小禾(化名)家,小禾正在和奶奶说话。\n"
             "在石桥镇河口村五组朵朵(化名)家,10岁的朵朵看上去非常懂事。\n")
    rows = _visits(lead + homes)
    assert len(rows) == 2 and {r["visit_date"] for r in rows} == {None}
    assert _visits(homes) == []
    dated = "3月2日,县总工会一行来到石桥村,对困难群众进行走访慰问。\n"
    rows = _visits(dated + "在困难职工郑秋林家中,一行人详细了解了生活情况。\n")
    assert [r["visit_date"] for r in rows] == [D(2024, 3, 2)] * 2
    rows = _visits(dated + "在困难群众家中,一行人详细了解了生活情况。\n")
    assert len(rows) == 1
    # (a lead naming a vague part of a group, 部分困难职工, introduces the homes: they are its stops)
    vague = "3月2日,县总工会一行对部分困难职工进行走访慰问。\n"
    rows = _visits(vague + "在困难职工郑秋林、罗晓梅的家中,一行人详细了解了生活情况。\n")
    assert [r["visit_date"] for r in rows] == [D(2024, 3, 2)] * 2


D = dt.date


def test_a_habit_this_year_too_is_this_years_visit():
    """Rule: a habit (每年春节前夕…都会来看望…) that the sentence says held
    this time too (今年也不例外) tells this year's visit; the habit alone
    tells none."""
    habit = "每年春节前夕,柳叶和志愿者们都会来看望青松小区的高龄老人常守义"
    assert len(_visits(habit + ",今年也不例外。老人十分高兴。")) == 1
    assert _visits(habit + "。老人十分高兴。") == []


def test_named_homes_listed_before_deng_open_a_paragraph():
    """Rule: a paragraph opening at the homes of persons named before 等
    (在A、B和C等年逾八旬的独居老人家里，) opens at named homes: after a visit
    told before, they are its stops, one each."""
    text = ("每年春节前夕,柳叶和志愿者们都会来看望青松小区的高龄老人常守义,今年也不例外。\n"
            "在郑秋林、罗晓梅和韩守田等年逾八旬的独居老人家里,志愿者们将编织的手套送到老人手中。\n")
    assert len(_visits(text)) == 4


def test_a_photo_caption_tells_no_visit():
    """Rule: a sentence opening as a photo's caption (图为…, 上图：…) tells no
    visit, within an article or alone; the article's own visit stands."""
    visit = "2月3日,县民政局工作人员来到青石镇敬老院,看望慰问五保老人。\n"
    assert len(_visits(visit + "图为志愿者为老人送上慰问品。\n老人们十分高兴。")) == 1
    assert _visits("图为志愿者为老人送上慰问品。") == []
    assert _visits("上图:县妇联工作人员走进溪口小学看望留守儿童。") == []


def test_a_home_after_a_summary_is_no_stop():
    """Rule: a paragraph opening at a named home follows a visit only when a
    visit was told before it, not a summary (今年以来…走访…120户) nor a
    habit: an employment story's scene at a villager's home is no visit."""
    text = ("今年以来,县人社局干部累计走访慰问困难群众120户。\n"
            "在村民郑秋林家,记者看到新建的扶贫车间已经投产。\n")
    assert _visits(text) == []


def test_a_dated_scene_at_a_named_home_is_a_visit_on_that_day():
    """Rule: a paragraph whose date's clause is followed by a clause at one
    named home (2月4日立春这天，空巢老人某某的家里，…) tells a visit on that
    day when the article told a visit before it (the lead's visit stays a
    visit of its own); without a visit before, or at the homes of a group,
    it tells none."""
    lead = ("过年前,家家户户都要扫尘。今年70岁的韩大娘是一位空巢老人,"
            "社区志愿者得知她家的情况,主动来到老人家里,扫地、擦玻璃,老人很受感动。\n")
    scene = "2月4日立春这天,空巢老人郑秋林的家里,欢声笑语充满了年味儿,几个姐妹分工合作,一直忙到中午。\n"
    rows = _visits(lead + scene, D(2024, 2, 8))
    assert [r["visit_date"] for r in rows] == [None, D(2024, 2, 4)]
    assert _visits(scene, D(2024, 2, 8)) == []
    group = "2月4日立春这天,空巢老人的家里,欢声笑语充满了年味儿,几个姐妹分工合作,一直忙到中午。\n"
    assert len(_visits(lead + group, D(2024, 2, 8))) == 1
