"""Marking CJK runs of mixed-script text with their language."""

from secondtrack.core.scripts import script_language, split_by_script


def test_kana_hangul_and_han_name_their_language():
    assert script_language("もりかわ") == "ja"
    assert script_language("김민준") == "ko"
    assert script_language("李伟") == "zh"
    assert script_language("Kenji") is None


def test_it_splits_a_mixed_name_into_marked_runs():
    assert split_by_script("森川 けんじ (Kenji Morikawa)") == [
        ("森川 けんじ", "ja"),
        (" (Kenji Morikawa)", None),
    ]
    assert split_by_script("Kim 김민준, Li 李伟") == [
        ("Kim ", None),
        ("김민준", "ko"),
        (", Li ", None),
        ("李伟", "zh"),
    ]
    assert split_by_script("Plain English") == [("Plain English", None)]
