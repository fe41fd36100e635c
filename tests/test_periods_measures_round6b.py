"""Periods and measures of indicator rows, round 6 (second pass, issue 15):
general causes of the period and measure misses of fresh, fresh2 and fresh3,
on invented text (real region names, invented towns, bodies and figures).
Each test states the rule it checks in its name and docstring; the traps
are tests of their own."""

from __future__ import annotations

import datetime as dt

from tests.test_regions_periods import dates, row_of, rows

D = dt.date


# --- a breakdown paragraph (其中，…) ----------------------------------------------------


def test_a_paragraph_opening_with_qizhong_takes_the_frame_of_the_total_before_it():
    """2019年，…转移就业30万人。 / 其中，转移到省外10万人；省内12万人；…: the
    parts of a total count over the total's period."""
    text = ("某某调查队调查：2019年，临汾市农村劳动力转移就业30万人。\n"
            "其中，转移到省外10万人，占33%；转移到县外省内12万人，占40%；在县内就地就近就业8万人，占27%。\n")
    rs = rows(text, "2020-01-20")
    for v in (100000, 120000, 80000):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2019, 1, 1), D(2019, 12, 31)), v


def test_a_paragraph_not_opening_with_qizhong_takes_no_frame_from_the_one_before():
    """Trap: a later paragraph of its own (no 其中, no date) borrows no year
    from the paragraph before."""
    text = ("某某调查队调查：2019年，临汾市农村劳动力转移就业30万人。\n"
            "临汾市有关部门表示，将为返乡农民工提供岗位5000个。\n")
    r = row_of(rows(text, "2020-01-20"), 5000)
    assert r["period_start"] != D(2019, 1, 1)


# --- a span of several years up to now ------------------------------------------------


def test_a_span_of_several_years_up_to_now_ends_on_the_articles_date_and_is_a_total():
    """从1990年到2022年，…累计…/现在已组建…/受益…达…: a total across those
    years up to now: cumulative, from the span's start to the article's
    date (the year it runs into is not over)."""
    text = ("3月5日，青禾公司志愿者来到合肥市瑶海区一家敬老院看望老人。\n"
            "从1990年到2022年，这支志愿服务队已经接力了32年，现在已组建各类志愿服务小队150余个。"
            "直接受益孤寡老人达8000余人，参加的志愿者累计达9000余人次。\n")
    rs = rows(text, "2022-03-20")
    for v in (150, 8000, 9000):
        r = row_of(rs, v)
        assert r["measure"] == "cumulative", v
        assert (r["period_start"], r["period_end"]) == (D(1990, 1, 1), D(2022, 3, 20)), v


def test_a_campaign_across_a_new_year_stays_an_outcome_of_its_span():
    """Trap: a span of months across a new year (2021年11月至2022年1月) is no
    total across years: an outcome of that span."""
    text = "2021年11月至2022年1月，某县开展专项行动，为农民工追回工资300万元。\n"
    r = row_of(rows(text, "2022-02-20"), 3000000)
    assert r["measure"] == "outcome"
    assert (r["period_start"], r["period_end"]) == (D(2021, 11, 1), D(2022, 1, 31))


def test_a_past_span_of_several_years_keeps_its_end():
    """Trap: 2016年至2020年 in an article of 2021 is over: its end stays."""
    text = "2016年至2020年，某市城镇新增就业25万人。\n"
    r = row_of(rows(text, "2021-03-01", "420100"), 250000)
    assert (r["period_start"], r["period_end"]) == (D(2016, 1, 1), D(2020, 12, 31))


# --- a running total under a cut-off ---------------------------------------------------


def test_a_running_total_under_a_cut_off_of_this_year_has_no_start():
    """截至今年6月底，全省返乡创业农民工累计达50万人: a total across years up
    to the cut-off: cumulative, no start, ending at the cut-off (至今 in
    截至今年 is 截至 + 今年, not "up to now")."""
    text = "来自省人社厅的数据表明，截至今年6月底，四川全省返乡创业农民工累计达50万人，带动就业150余万人。\n"
    rs = rows(text, "2019-08-07")
    for v in (500000, 1500000):
        r = row_of(rs, v)
        assert r["measure"] == "cumulative", v
        assert (r["period_start"], r["period_end"]) == (None, D(2019, 6, 30)), v


def test_a_flow_under_a_cut_off_of_this_year_counts_from_the_years_start():
    """Trap: 截至今年6月底，全省城镇新增就业… (no running-total word): a flow
    of the year so far, from 1 January to the cut-off (SPEC)."""
    text = "来自省人社厅的数据表明，截至今年6月底，四川全省城镇新增就业52万人。\n"
    r = row_of(rows(text, "2019-08-07"), 520000)
    assert r["measure"] == "outcome"
    assert (r["period_start"], r["period_end"]) == (D(2019, 1, 1), D(2019, 6, 30))


# --- a total across recent years (近年来) ----------------------------------------------


def test_figures_of_a_paragraph_opening_with_recent_years_and_no_date_are_totals_across_years():
    """近年来，我市…。据统计，全市返乡下乡创业3万人，带动就业8万人: totals
    across those years: cumulative, no period."""
    text = ("返乡创业助振兴\n"
            "近年来，广元市坚持把推动返乡下乡创业作为促进乡村振兴的动能来抓。据统计，全市返乡下乡创业3万人，"
            "创办企业1.2万户，带动就业8万人。\n")
    rs = rows(text, "2021-05-10")
    for v in (30000, 80000):
        r = row_of(rs, v)
        assert r["measure"] == "cumulative", v
        assert (r["period_start"], r["period_end"]) == (None, None), v


def test_a_date_or_up_to_now_word_after_recent_years_takes_the_figure_back():
    """Trap: 近年来，…。截至目前，全县城镇新增就业… counts the year so far (an
    outcome, SPEC); 近年来，…。2021年，全市共扶持… that year's flow."""
    text = ("近年来，某县坚持以人民为中心抓就业。截至目前，同心县城镇新增就业2093人。\n"
            "近年来，禄丰市鼓励创业。2021年，禄丰市共扶持534人创业。\n")
    rs = rows(text, "2021-11-05")
    assert row_of(rs, 2093)["measure"] == "outcome"
    r = row_of(rs, 534)
    assert r["measure"] == "outcome"
    assert (r["period_start"], r["period_end"]) == (D(2021, 1, 1), D(2021, 12, 31))


# --- the new-year holiday season -------------------------------------------------------


def test_this_years_new_year_holiday_season_runs_from_1_january_to_the_day_the_article_tells_of():
    """9日，记者从省总工会了解到，今年元旦和春节期间，…。 / 据统计，“两节”期间
    全省工会共筹集款物… : the season from 1 January to the day told (9日,
    not the later issue day), and “两节”期间 after it speaks of that season."""
    text = ("某某日报讯（记者 林某）9日，记者从福建省总工会了解到，今年元旦和春节期间，全省各级工会开展“两节”送温暖活动。\n"
            "据统计，“两节”期间全省工会共筹集款物5000万元，慰问困难职工家庭1.2万户。\n")
    rs = rows(text, "2022-02-11")
    for v in (50000000, 12000):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2022, 1, 1), D(2022, 2, 9)), v


def test_a_holiday_span_no_text_dates_stays_empty():
    """Trap: “两节”期间 on a page that dates no holiday season: no period."""
    text = "据统计，“两节”期间福建全省工会共筹集款物5000万元，慰问困难职工家庭1.2万户。\n"
    r = row_of(rows(text, "2022-02-11"), 12000)
    assert (r["period_start"], r["period_end"]) == (None, None)


def test_a_holiday_season_of_a_year_other_than_the_articles_keeps_its_year():
    """Trap: 2020年元旦春节期间 in an article of 2021 is not this year's
    season: the text gives no end, the year stays (no season span made)."""
    text = "2020年元旦春节期间，某市工会慰问困难职工3000人。\n"
    r = row_of(rows(text, "2021-03-01", "350100"), 3000)
    assert r["period_end"] != D(2021, 3, 1)


# --- a campaign up to the Spring Festival ----------------------------------------------


def test_a_span_up_to_the_spring_festival_ends_on_its_eve():
    """从2020年12月份至2021年春节前: from 1 December to the eve of the 2021
    Spring Festival (12 February 2021: schemas/vocab/spring_festival.csv)."""
    ds = dates("某县开展专项行动，从2020年12月份至2021年春节前对用人单位进行排查。", D(2021, 3, 1))
    assert ds["2020年12月份至2021年春节前"] == (D(2020, 12, 1), D(2021, 2, 11))


def test_a_span_up_to_the_spring_festival_without_its_year_ends_before_the_next_festival():
    """自11月1日起至春节前夕 (no year written): the first festival after 1
    November: the next year's."""
    ds = dates("自今年11月1日起至春节前夕，某省开展根治欠薪冬季行动。", D(2021, 11, 20))
    assert ds["今年11月1日起至春节前夕"] == (D(2021, 11, 1), D(2022, 1, 31))


def test_a_campaign_paragraph_after_its_dated_span_counts_up_to_the_articles_date():
    """…开展专项行动，从2019年12月份至2020年春节前… / 专项行动共…追讨工资150万元:
    the paragraph speaking again of the campaign takes its span, which ends
    at the article's date while the campaign is not over."""
    text = ("某某新闻网讯 年终岁末，华安县人社局开展节前根治欠薪专项行动，从2019年12月份至2020年春节前对用人单位"
            "工资支付情况进行排查。\n"
            "专项行动共查办欠薪案件9起，为劳动者追讨被拖欠工资150万元，涉及人数80余人。\n")
    rs = rows(text, "2020-01-15")
    for v in (1500000, 80):
        r = row_of(rs, v)
        assert (r["period_start"], r["period_end"]) == (D(2019, 12, 1), D(2020, 1, 15)), v


def test_a_paragraph_not_speaking_of_the_campaign_takes_no_span_from_the_one_before():
    """Trap: a paragraph of its own after the campaign's (no 行动/活动 opening
    it) borrows no span."""
    text = ("华安县人社局开展专项行动，从2019年12月份至2020年春节前对用人单位进行排查。\n"
            "该县还为返乡农民工提供岗位600个。\n")
    r = row_of(rows(text, "2020-01-15"), 600)
    assert r["period_start"] != D(2019, 12, 1)


# --- a common word that is a district's short form -------------------------------------


def test_gongnong_inside_wugong_nongmin_is_no_district():
    """务工农民 holds 工农 (工农区, 鹤岗): a common word, no region; the
    province the page names stays the figure's."""
    text = "今年春节期间，黑龙江省有50万务工农民返乡，其中外省返乡20万人。\n"
    rs = rows(text, "2021-03-10")
    assert {r["region_code"] for r in rs} == {"230000"}


def test_the_holiday_season_named_in_a_late_years_article_is_no_season_so_far():
    """Trap: 今年元旦春节期间 in an article of December (a plan for the coming
    season) is no span from 1 January to December."""
    text = "今年元旦春节期间，福建全省工会慰问困难职工家庭1.2万户。\n"
    r = row_of(rows(text, "2021-12-20"), 12000)
    assert r["period_end"] != D(2021, 12, 20)
