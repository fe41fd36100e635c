"""Round 11 name rules, each on invented text (invented names and places)."""

from etl.extract.textrepair import repair
from etl.semantic.privacy import find_private_names


def names(text: str) -> frozenset[str]:
    return find_private_names(repair(text))


def test_given_name_opening_with_wei_or_zai_is_read_whole_before_a_pause():
    # 为/在 start given names (为民, 在林); read whole where the name stands before a pause.
    assert "沈为萍" in names("老人今年80岁，名字叫沈为萍(音)，但是家住哪里说不清。")
    assert "窦在松" in names("县工会分别对窦在松、吕清禾等困难劳模进行了慰问，送去慰问金。")


def test_function_word_after_surname_without_a_pause_is_no_name():
    # 在 after a surname and before a word is the verb "at", not a given name.
    assert not any(n.startswith("李在") for n in names("居民李在家门前种了菜，他说很满意。"))


def test_visit_with_dui_before_a_list_and_a_role():
    # 对 + names + 等 + a role of those visited: the names are private.
    assert "邬成岭" in names("分别对邬成岭、单怀远等困难职工进行了走访。")


def test_role_word_de_name_home_is_a_visited_person():
    # a role word + 的 + name + 家里/家中: the person whose home is visited.
    assert "甄宏远" in names("年三十，住在花园小区的空巢老人的甄宏远家里多了几位客人。")
