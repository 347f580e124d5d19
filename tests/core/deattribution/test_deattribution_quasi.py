from deattribution_support import small_registry

from secondtrack.core.deattribution import Scanner


def quasi(text, k=3):
    scanner = Scanner(small_registry(), k=k)
    return [text[f.start : f.end] for f in scanner.scan(text) if f.category == "quasi_identifier"]


def test_finds_description_fitting_one_participant():
    assert quasi("A retired Japanese admiral warned us.") == ["A retired Japanese admiral"]


def test_finds_description_by_nationality_and_sector():
    assert quasi("A Korean journalist asked a question.") == ["A Korean journalist"]


def test_finds_stated_small_group():
    assert quasi("One of the two legislators objected.") == ["One of the two legislators"]


def test_finds_the_only_woman_from_an_institution():
    assert quasi("The only woman from the ministry spoke.") == []  # Kim is the only one: a man
    assert quasi("The only woman from the media spoke.") == ["The only woman from the media"]


def test_description_fitting_k_or_more_participants_is_not_a_finding():
    assert quasi("A Japanese participant asked a question.") == []  # three Japanese


def test_k_is_configurable():
    assert quasi("A Japanese participant asked a question.", k=4) == ["A Japanese participant"]
    assert quasi("A Korean journalist asked a question.", k=1) == []


def test_description_fitting_nobody_is_not_a_finding():
    assert quasi("A Mongolian general described the steppe.") == []


def test_adjective_use_of_a_role_word_is_not_a_description():
    assert quasi("He gave a general overview of the talks.") == []


def test_finds_description_in_cjk_script():
    assert quasi("一位日本退役海军上将警告说。") == ["日本退役海军上将"]
