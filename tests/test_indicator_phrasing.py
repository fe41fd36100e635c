"""Indicator matching on the phrasings real pages use (issue 16, round 3).
Every text here is invented (invented places, people and figures); each test
is named by the rule it checks and its oracle states that rule."""

from __future__ import annotations

import datetime as dt

from etl import semantic
from etl.extract import extract_text

ISSUE = dt.date(2024, 12, 20)


def _rows(text: str) -> list[dict]:
    return semantic.derive("t", extract_text(text, ISSUE)).indicators


def _indicators(text: str) -> set[tuple[str, float]]:
    return {(r["indicator_id"], r["value"]) for r in _rows(text)}


def test_pinyin_glosses_do_not_break_the_phrases():
    # Rule: a pinyin gloss printed after a character (就業(yè)) is a reading
    # aid, not part of the words: the phrases match as if it were absent.
    glossed = "今年,青禾縣新增城鎮(zhèn)就業(yè)3210人,城鎮(zhèn)調(diào)查失業(yè)率控制在5.1%。"
    assert _indicators(glossed) == {("urban_new_jobs", 3210), ("unemployment_rate_surveyed", 5.1)}


def test_a_bracketed_list_label_is_no_gloss():
    # Rule: only a syllable with a tone mark is a gloss; "(a)" is a label.
    assert _indicators("今年新增(a)就业3210人。") == set()


def test_words_between_two_figures_of_a_clause_name_the_second():
    # Rule: in "A 51 人 B 58 人" with no punctuation between, the words B
    # name the second figure; the first keeps the words A before it.
    text = "2023年,青禾县城镇新增就业5140人农村劳动力转移就业5860人。"
    assert _indicators(text) == {("urban_new_jobs", 5140), ("people_helped_into_jobs", 5860)}


def test_a_figure_with_nothing_before_it_may_take_the_words_after_it():
    # Rule: the words after a figure name it when nothing before it does.
    assert _indicators("青禾县共有5900人参加职业技能培训。") == {("skills_training", 5900)}


def test_hard_to_employ_people_reemployed_is_their_own_statistic():
    # Rule: 就业困难人员再就业 N 人 counts hard-to-employ people placed, not
    # the re-employment of the unemployed in general.
    text = "截至10月底,白石区失业人员再就业3650人,就业困难人员再就业1291人。"
    assert _indicators(text) == {("reemployment", 3650), ("hard_to_employ_employed", 1291)}


def test_jobseekers_registered_at_a_job_fair_are_its_attendees():
    # Rule: 登记求职 N 人 at a fair counts the jobseekers who came.
    text = "当天的招聘会上,共登记求职860余人。"
    assert _indicators(text) == {("job_fair_attendees", 860)}


def test_serving_a_group_of_people_counts_the_people_served():
    # Rule: 服务 + whom (市民, 村民 …) + N 人次 counts the people served.
    assert _indicators("三年来,志愿者累计服务市民2万多人次。") == {("care_people_served", 20000)}
    assert _indicators("青禾志愿队全年服务村民3100人次。") == {("care_people_served", 3100)}


def test_the_members_of_a_volunteer_team_are_its_volunteers():
    # Rule: the headcount of a volunteer or service team is its volunteers,
    # when the sentence speaks of volunteering.
    assert _indicators("来自青禾学院支教小分队的12名大学生来到村里。") == {("care_volunteers", 12)}
    assert _indicators("这支志愿服务队已发展到拥有58名成员。") == {("care_volunteers", 58)}
    # ... and a committee's members are no volunteers.
    assert _indicators("村两委班子共有7名成员。") == set()


def test_a_change_from_a_to_b_gives_the_new_value():
    # Rule: in "从 A 增加到 B" the statistic is B, named by the words before
    # A; A, the former value, gives no row.
    text = "白石镇志愿服务队成员已从12人壮大到现在的140多人。"
    assert _indicators(text) == {("care_volunteers", 140)}


def _measures(text: str) -> set[tuple[str, float, str]]:
    return {(r["indicator_id"], r["value"], r["measure"]) for r in _rows(text)}


def test_a_target_stated_beside_a_statistic_is_that_statistics_target():
    # Rule: a figure the words call a target (完成年目标任务 N 的 P%, 比年目标
    # 任务 N 低, 低于 N 的控制目标) and with no indicator of its own is the
    # target of the nearest earlier figure of its sentence with its unit.
    text = ("截至10月底,白石区城镇登记失业率控制在2.9%,比年目标任务4%低1.1个百分点,"
            "失业人员再就业3650人,完成年目标任务3600人的101.4%,"
            "发放创业担保贷款2100万元,完成年目标任务2500万元的84%。")
    assert _measures(text) == {
        ("unemployment_rate_registered", 2.9, "outcome"), ("unemployment_rate_registered", 4, "target"),
        ("reemployment", 3650, "outcome"), ("reemployment", 3600, "target"),
        ("startup_guarantee_loans", 21000000, "outcome"), ("startup_guarantee_loans", 25000000, "target"),
    }
    text = "青禾县城镇登记失业率3.1%,低于年初确定的4.5%的控制目标。"
    assert _measures(text) == {("unemployment_rate_registered", 3.1, "outcome"),
                               ("unemployment_rate_registered", 4.5, "target")}


def test_the_target_of_new_urban_jobs_is_the_target_indicator():
    # Rule: the target of urban_new_jobs is urban_new_jobs_target.
    text = "白石区城镇新增就业2842人,完成4600人年计划的61.8%。"
    assert ("urban_new_jobs_target", 4600, "target") in _measures(text)


def test_a_figure_no_target_word_names_is_no_target():
    # Rule: without a target word beside it, a figure after a statistic is
    # not its target (nor anything else).
    # (The part after 其中 is a statistic of its own, an outcome like its total.)
    text = "白石区失业人员再就业3650人,其中女性1600人。"
    assert _measures(text) == {("reemployment", 3650, "outcome"), ("reemployment", 1600, "outcome")}


def test_a_verb_object_phrase_around_the_figure_names_it():
    # Rule: a codebook phrase written verb … object (提供…岗位, 帮助…就业)
    # matches with the figure inside it: 提供了 N 个岗位 counts vacancies.
    assert _indicators("当天参会的企业共提供了2160个岗位。") == {("job_vacancies_offered", 2160)}
    assert _indicators("今年共帮助430名脱贫人口就业。") == {("people_helped_into_jobs", 430)}


def test_the_unemployed_who_found_work_are_reemployed():
    # Rule: 失业人员 N 人实现就业 counts re-employment, not people helped
    # into jobs in general.
    assert _indicators("上半年,白石区城镇登记失业人员912人实现就业。") == {("reemployment", 912)}


def test_a_count_with_a_classifier_counts_the_noun_after_it():
    # Rule: in "verb + N 名/位/户 + noun" the noun after the classifier is what
    # the figure counts: 7 名留守儿童 are children cared for, whatever the verb.
    text = "7月20日,青禾镇妇联走访慰问了9名贫困留守儿童。"
    assert _indicators(text) == {("children_care", 9)}


def test_a_noun_followed_by_a_home_or_family_word_is_a_modifier():
    # Rule: a phrase right before 家 (家庭, 家长, 家里) only modifies the noun
    # that follows: 5 个留守儿童家 are households, not children.
    text = "志愿者们到白石小学附近4个留守儿童家进行入户探访。"
    assert _indicators(text) == {("care_households_visited", 4)}


def test_the_recipients_of_a_visit_are_counted_after_wei_gei_dui():
    # Rule: 为/给/向/对 + N 位/名/户 + who + a giving or visiting verb counts
    # the people (households) visited; the object may be a list (和, 、)
    # sharing the verb after it.
    assert _indicators("志愿者们给80多位老人送上了鲜花。") == {("care_people_visited", 80)}
    text = "青禾县红十字会为21位孤寡老人和95户脱贫户捐赠了大米和食用油。"
    assert _indicators(text) == {("care_people_visited", 21), ("care_households_visited", 95)}
    text = "慰问组对近百名快递员、外卖骑手、保洁员等新就业形态劳动者进行慰问。"
    assert _indicators(text) == {("care_people_visited", 100)}


def test_givers_are_not_recipients():
    # Rule: without 为/给/向/对 before it, a count before a giving verb counts
    # who gave, not who was visited.
    assert _indicators("白石社区12名党员送去了米面油。") == set()


def test_a_count_of_places_is_not_of_the_people_visited():
    # Rule: "对全县 12 个乡镇的…进行慰问" counts townships: the recipients'
    # verb only names counts of people or households.
    assert _indicators("民政局对全县12个乡镇低保对象、五保对象进行慰问。") == set()


def test_a_visiting_party_is_not_what_it_does():
    # Rule: a count right after 一行 is the visiting party: the phrases after
    # it say what the party did, not what it counts.
    text = "6月4日,区总工会副主席一行8人来到白石小学开展关爱留守儿童活动。"
    assert _indicators(text) == set()


def test_new_urban_jobs_may_be_counted_as_posts():
    # Rule: 城镇新增就业岗位 N 个 is the new-urban-jobs statistic counted in
    # posts; a bare 就业岗位 N 个 stays a vacancy count.
    assert _indicators("2023年全区城镇新增就业岗位5120个。") == {("urban_new_jobs", 5120)}
    assert _indicators("招聘会提供就业岗位1300个。") == {("job_vacancies_offered", 1300)}


def test_a_list_after_fenbie_pairs_with_the_objects_before_it():
    # Rule: "A、B、C 分别达到 X、Y、Z": each figure is the statistic at its
    # place in the list before 分别.
    text = "今年白石区城镇新增就业、失业人员再就业、就业困难人员就业分别达到1.3万人、2900人、760人。"
    assert _indicators(text) == {("urban_new_jobs", 13000), ("reemployment", 2900),
                                 ("hard_to_employ_employed", 760)}
    text = "全县城镇新增就业和农村劳动力转移就业分别为1.1万人和2.6万人。"
    assert _indicators(text) == {("urban_new_jobs", 11000), ("people_helped_into_jobs", 26000)}


def test_new_urban_jobs_in_either_word_order():
    # Rule: 城镇就业新增 N 人 is 城镇新增就业 N 人.
    assert _indicators("今年青禾县城镇就业新增4300人。") == {("urban_new_jobs", 4300)}


def test_the_workers_recovered_wages_concern():
    # Rule: 追发工资 X 元，涉及农民工 N 人: N counts the workers whose wages
    # were recovered; without wages in the sentence 涉及农民工 names nothing.
    text = "劳动监察大队追发农民工工资860万元,涉及农民工410人。"
    assert _indicators(text) == {("unpaid_wages_recovered_amount", 8600000),
                                 ("unpaid_wages_recovered_workers", 410)}
    assert _indicators("该项目涉及农民工410人。") == set()


def test_workers_owed_wages_are_not_workers_paid():
    # Rule: the workers of unpaid_wages_recovered_workers are those whose
    # wages were recovered (追发, 追回 …): workers owed wages are not.
    text = "共查处拖欠工资的用人单位65户,涉及农民工2100人。"
    assert ("unpaid_wages_recovered_workers", 2100) not in _indicators(text)


def test_a_phrase_naming_the_actor_before_wei_gei_does_not_name_the_object():
    # Rule: in "志愿者们为 N 位老人…" the phrase names who acts and the figure
    # whom they act for: the phrase does not name the figure.
    assert ("care_volunteers", 80) not in _indicators("志愿者们为80位老人免费理发。")
    # ... while a copula 为 joins a phrase to its figure.
    assert _indicators("本次参与志愿者人数为176名。") == {("care_volunteers", 176)}


def test_a_wildcard_phrase_is_as_specific_as_its_written_words():
    # Rule: a … phrase ranks by its written characters, not by the stretch
    # it spans: in 帮扶车间吸纳就业 N 人, 吸纳…就业 (with its required
    # 帮扶车间) is as specific as the 帮扶…就业 around it and wins.
    assert _indicators("全县帮扶车间吸纳就业2300人。") == {("assistance_workshop_jobs", 2300)}


def test_a_verb_object_phrase_may_hold_a_long_object():
    # Rule: … covers up to 12 characters (the figure and its noun).
    assert _indicators("全年共帮扶1.2万名脱贫劳动力稳定就业。") == {("people_helped_into_jobs", 12000)}


def test_jobs_created_near_home_by_workshops():
    # Rule: 带动 N 人…就业 in a sentence about assistance workshops counts the
    # people those workshops employ.
    text = "新建就业帮扶车间8个,带动1200人就近就业。"
    assert _indicators(text) == {("assistance_workshops", 8), ("assistance_workshop_jobs", 1200)}


def test_a_yearly_average_stated_beside_a_statistic_is_its_average():
    # Rule: "累计 X，年均 Y": Y, with no indicator of its own, is the yearly
    # average of the statistic before it.
    text = "过去五年,青禾县累计新增城镇就业4.5万人,年均9000人。"
    assert _measures(text) == {("urban_new_jobs", 45000, "cumulative"),
                               ("urban_new_jobs", 9000, "annual_average")}


def test_internship_trainees_counted_after_jiuye_jianxi():
    # Rule: 就业见习 N 人 counts the people placed in internships.
    assert _indicators("今年组织就业见习1200人。") == {("internship_trainees", 1200)}


def test_a_longer_phrase_after_the_figure_beats_a_verb_object_around_it():
    # Rule: a phrase around the figure ranks as a phrase next to it; a
    # longer one after it (就业困难人员实现就业) is the more specific: the
    # hard-to-employ placed are their own statistic whatever the channel.
    assert _indicators("全年帮助1200名就业困难人员实现就业。") == {("hard_to_employ_employed", 1200)}


def test_a_label_before_a_colon_names_the_figure_after_it():
    # Rule: "label：figure" (a list or table line) reads as "label figure".
    text = "白石区2023年就业数据\n城镇新增就业：8120人\n城镇登记失业率：2.9%\n"
    assert _indicators(text) == {("urban_new_jobs", 8120), ("unemployment_rate_registered", 2.9)}
    # ... but a colon with words after it before the figure is no label.
    assert _indicators("主要数据：12000人。") == set()


def test_labour_sent_out_counts_workers_away():
    # Rule: 输送 + workers (劳动力, 农民工, 摘棉工 …) N 人 counts the workers
    # sent out to work away from home: a flow the services organised, one of
    # 转移就业's other names (SPEC round 10), not the stock working away.
    assert _indicators("今年全州向外省输送劳动力2.1万人。") == {("people_helped_into_jobs", 21000)}
    assert _indicators("全县输送采茶工1.2万人。") == {("people_helped_into_jobs", 12000)}


def test_reaching_people_in_hardship_counts_people_served():
    # Rule: 惠及困难群众 N 人 counts the people served.
    assert _indicators("此次活动共惠及困难群众230余人。") == {("care_people_served", 230)}


def test_a_count_of_goods_is_no_count_of_households_or_people():
    # Rule: a count written with a goods classifier (册, 本, 件, 箱, 袋, 份 …)
    # counts goods or documents: it is only an indicator that counts goods
    # (gift packages, meals), never households visited, visits or events.
    assert _indicators("志愿者们为青禾小学送去图书600余册。") == set()
    assert _indicators("慰问组走访困难群众45户,送去衣物300多件。") == {("care_households_visited", 45)}
    assert _indicators("招聘会现场发放政策宣传资料6000余份。") == set()
    # ... while gift packages and meals are counted in 份.
    assert _indicators("为老人们送去慰问礼包150份。") == {("care_gift_packages", 150)}
    assert _indicators("白石长者食堂全年供餐4.1万份。") == {("elderly_meals_served", 41000)}


def test_commas_inside_a_short_quotation_end_no_clause():
    # Rule: a title or slogan in quotation marks is one noun of its clause:
    # its commas do not cut the clause, so a verb after it still names the
    # figure before it.
    text = "青禾公司的20余名志愿者为白石镇敬老院50多位老人举办了主题为“情暖重阳,爱在身边”的慰问活动。"
    assert _indicators(text) == {("care_volunteers", 20), ("care_people_visited", 50)}
    # ... while a comma outside quotation marks still ends the clause.
    assert _indicators("白石镇敬老院住着50多位老人,志愿者举办了慰问活动。") == set()


def test_wei_with_words_before_the_figure_is_for_whom_not_a_copula():
    # Rule: "志愿者为 <place or words> N 位老人…": after a care actor (志愿者,
    # 服务队), 为 followed by words before the figure is a preposition (for
    # whom): the phrase names who acts, not the figure; 为 right before the
    # figure is a copula.
    assert ("care_volunteers", 40) not in _indicators("青禾社区志愿者为白石镇敬老院40位老人理发。")
    assert _indicators("本次参与志愿者人数为176名。") == {("care_volunteers", 176)}
    # ... and after a statistic's name 为 + words is a copula all the same.
    assert _indicators("全县城镇新增就业为历年最高的5120人。") == {("urban_new_jobs", 5120)}


def test_a_rate_of_a_target_in_parentheses_shares_its_words():
    # Rule: "完成年度计划(N)的 P%": the rate is "of" the figure in
    # parentheses and shares the words before it, as with "N 人的 P%".
    text = "全县城镇新增就业完成年度计划(5000人)的98%。"
    assert _indicators(text) == {("urban_new_jobs_target", 5000), ("urban_new_jobs_target_completion", 98)}


def test_consultations_about_jobs_are_career_guidance():
    # Rule: 咨询 N 人次 counts career guidance when the sentence speaks of
    # jobs (招聘, 就业, 求职 …); other consultations are not.
    assert _indicators("招聘会现场共接受群众咨询2100人次。") == {("career_guidance_given", 2100)}
    assert _indicators("志愿者为老人提供法律咨询300人次。") == set()


def test_objects_of_a_list_named_before_their_counts_share_the_verb():
    # Rule: "verb 甲 N1 户、乙 N2 人" (each object's noun before its count):
    # every count of people or households in the list shares the verb
    # before the first, and the first the verb after the last; the words
    # between the counts name the next object, not the first.
    text = "春节前,白石镇走访慰问困难职工320户、困难农民工150人。"
    assert _indicators(text) == {("care_households_visited", 320), ("care_people_visited", 150)}
    text = "青禾县工会为困难职工86户、环卫工人40人送去慰问金。"
    assert _indicators(text) == {("care_households_visited", 86), ("care_people_visited", 40)}
    # ... a count of events is no object of such a list.
    assert _indicators("举办招聘会12场、宣讲活动30场。") == {("recruitment_events", 12)}


def test_a_rate_kept_within_a_bound_beside_a_rate_is_its_target():
    # Rule: "失业率 R1，控制在 R2 以内": R2, with no indicator of its own, is
    # the control target of the rate before it (measure target).
    text = "全年白石区城镇登记失业率2.7%,控制在4%以内。"
    assert _measures(text) == {("unemployment_rate_registered", 2.7, "outcome"),
                               ("unemployment_rate_registered", 4, "target")}


def test_a_relative_clause_before_a_noun_names_the_count():
    # Rule: "P1 的 P2 N" (达成就业意向的求职者 320 人): the relative clause P1
    # restricts the noun P2, and when P1 names an indicator for the figure's
    # unit, P1 does; otherwise the noun P2 does (参加招聘会的企业 36 家).
    assert _indicators("现场达成就业意向的求职者320人。") == {("job_offers_reached", 320)}
    assert _indicators("参加招聘会的企业有36家。") == {("job_fair_employers", 36)}


def test_a_part_after_qizhong_is_a_statistic_of_its_own():
    # Rule: "A，其中 B": a figure after 其中 is a part of the total A and a
    # statistic of its own (SPEC.md): its own words name it, else the words
    # that name the total; a part of another group or indicator stays too.
    assert _indicators("白石镇走访慰问困难群众320户,其中慰问低保户120户。") == {
        ("care_households_visited", 320), ("care_households_visited", 120)}
    assert _indicators("全年开展职业技能培训3200人次,其中农民工培训1800人次。") == {
        ("skills_training", 3200), ("skills_training", 1800)}
    assert _indicators("培训农民17.5万人,其中有4.3万人实现了转移就业。") == {
        ("skills_training", 175000), ("people_helped_into_jobs", 43000)}
