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


def test_uyghur_transliteration_characters_make_a_dotted_name():
    # 山, 吐, 地, 江, 汗 … are transliteration characters (艾山, 吐尔逊, 买买提江).
    assert "吐山·阿力江" in names("走访了五保户吐山·阿力江的家中，送去米面油。")


def test_dotted_name_ends_before_the_words_after_it():
    # the tail of a dotted name stops at its first character of no transliteration
    # when the whole run reads as no name (X·Y今年78岁).
    assert "艾买·塔皮孜" in names("接着来到他家。艾买·塔皮孜今年78岁，身体不好。")


def test_dotted_name_read_with_a_neighbour_yields_to_the_shorter_reading():
    # 员艾买·塔皮孜 and 艾买·塔皮孜禁 are the same name with a neighbour: the
    # shorter reading the page also shows is the name.
    found = names("四老人员艾买·塔皮孜看到我们。艾买·塔皮孜的家中很整洁，艾买·塔皮孜禁不住流泪。")
    assert "艾买·塔皮孜" in found
    assert not {"员艾买·塔皮孜", "艾买·塔皮孜禁"} & found


def test_full_name_with_its_age_in_brackets_after_a_role_word_is_read_whole():
    # no village or word is followed by a person's age: 百岁老人X(103岁), though X ends with 村.
    assert "邹外村" in names("县领导慰问百岁老人邹外村(103岁)，送上慰问金。")


def test_village_with_an_age_in_brackets_without_a_role_word_is_no_name():
    assert not any("家村" in n for n in names("他住在吕家村(2019年搬迁)，今年60岁。"))
