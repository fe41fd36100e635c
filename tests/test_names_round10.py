"""Round 10 name rules, each with invented names and places."""

from etl.extract.textrepair import repair
from etl.semantic import visit_stops
from etl.semantic.privacy import find_private_names


def _names(text: str) -> frozenset[str]:
    return find_private_names(repair(text))


def test_private_title_after_a_full_name_marks_a_private_person():
    # A bank's 行长, a company's 董事长 or 副总经理 after a full name: bank and company staff are private.
    assert "邬思臻" in _names("下午，员工们在邬思臻行长的组织下集合出发，来到敬老院。")
    assert "祁宛琮" in _names("活动当天，祁宛琮董事长向老人们赠送了礼品。")
    assert "柏蕴玳" in _names("随后，柏蕴玳副总经理讲话。")


def test_private_title_of_a_state_bank_keeps_the_name():
    # The central bank is a state body: its 行长 is an official.
    assert "邬思臻" not in _names("人民银行某某中心支行邬思臻行长出席会议。")


def test_private_title_after_a_dictionary_word_is_no_name():
    # 农行行长: 农行 is a word, not surname + given name.
    found = _names("农行行长出席了活动，并看望了老人。")
    assert not any(n.startswith("农行") for n in found)


def test_age_introduction_and_the_dictionary_confirm_an_everyday_word_surname():
    # 于 is also a preposition: after an age introduction a three-character name
    # that no dictionary word touches is a name, whatever follows it.
    assert "于蕴琮" in _names("在车间里，56岁的于蕴琮正熟练操作着设备。")
    # (由 is a preposition too: a form issue 16 listed as still missed)
    assert "由光震" in _names("78岁的由光震老人，志愿者们送去了米面。")


def test_age_introduction_does_not_confirm_an_everyday_word_surname_before_a_word():
    # 和 + 困难: 困难 is a dictionary word, so 和困难 stays words.
    assert "和困难" not in _names("看望了85岁的和困难群众。")


def test_assisted_household_and_salesperson_introduce_a_private_name():
    # 帮扶户 (the household a cadre is assigned to help) and 业务员 are role words.
    assert "邬思臻" in _names("我第一次来到了我的帮扶户邬思臻的家里。")
    assert "祁宛琮" in _names("某某食品有限公司业务员祁宛琮坦言，待遇不错。")


def test_the_visitors_leader_is_no_visited_person():
    # 在X行长的组织下…来到敬老院: X leads the visitors; only a person named otherwise is one visited.
    sentence = "员工们在邬思臻行长的组织下集合出发，来到了敬老院。"
    assert not visit_stops.names_a_visited_person(sentence, frozenset({"邬思臻"}))
    assert visit_stops.names_a_visited_person("员工们来到了邬思臻老人家中。", frozenset({"邬思臻"}))
