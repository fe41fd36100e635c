"""The dictionary test of etl.semantic.name_lexicon, with invented names."""

from etl.extract.textrepair import repair
from etl.semantic import name_lexicon
from etl.semantic.privacy import _patterns, _vocab, find_private_names


def _standalone(text: str) -> set[str]:
    return name_lexicon.standalone_names(text, _patterns()[0], _vocab()[2])


def test_dictionary_test_a_name_that_is_no_word_reads_as_name():
    text = "志愿者分别是：孙蕴玳、祁宛琮。"
    i = text.index("孙蕴玳")
    assert name_lexicon.reads_as_name(text, i, i + 3)


def test_dictionary_test_an_ordinary_word_with_a_surname_first_is_no_name():
    # (康复, 高中: dictionary words whose first character is also a surname)
    for word in ("康复", "高中", "黄金"):
        text = f"，{word}，"
        assert not name_lexicon.reads_as_name(text, 1, 1 + len(word)), word


def test_dictionary_test_a_candidate_inside_a_word_is_no_name():
    # 凡是: the candidate 洪凡 would end inside the word 凡是
    text = "洪凡是这样"
    assert name_lexicon.crossing_word(text, 0, 2) == "凡是"
    assert not name_lexicon.reads_as_name(text, 0, 2)


def test_dictionary_test_a_frequent_word_after_a_surname_character_is_no_name():
    # 米油: 米 is a surname but 油 a frequent noun on its own
    assert not name_lexicon.reads_as_name("，米油，", 1, 3)


def test_standalone_name_in_a_list_of_staff_is_found():
    text = "为老人服务的人员分别是：孙蕴玳、祁宛琮和邬思臻。"
    assert {"孙蕴玳", "祁宛琮", "邬思臻"} <= _standalone(text)


def test_standalone_name_before_a_home_is_found():
    text = "捐款人中，孙蕴玳家捐出了两千元。"
    assert "孙蕴玳" in _standalone(text)


def test_standalone_name_is_masked_where_no_other_cue_finds_it(monkeypatch):
    text = "这次捐款中，孙蕴玳、祁宛琮也来了，大家很感动。"
    assert {"孙蕴玳", "祁宛琮"} <= find_private_names(repair(text))
    monkeypatch.setattr(name_lexicon, "standalone_names", lambda *a: set())
    assert not {"孙蕴玳", "祁宛琮"} & find_private_names(repair(text))  # (no other cue)


def test_standalone_name_of_an_official_in_office_is_kept():
    text = "副县长孙蕴玳、祁宛琮出席活动。孙蕴玳，祁宛琮。"
    assert not _standalone(text) & {"孙蕴玳", "祁宛琮"}


def test_standalone_name_before_a_title_is_kept():
    text = "活动中，孙蕴玳书记讲话。随后孙蕴玳，看望群众。"
    assert "孙蕴玳" not in _standalone(text)


def test_standalone_surname_and_form_of_address_is_not_a_full_name():
    assert not _standalone("，邬大娘，") & {"邬大娘"}


def test_standalone_ordinary_words_are_not_masked():
    text = "，高中生，康复，黄金周，和平，米油，"
    assert _standalone(text) == set()
