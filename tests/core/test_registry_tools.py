"""Pure parts of the registry issue: name keys, delegation seats, the same-faces index."""

from secondtrack.core import delegation, registry_match
from secondtrack.core.same_faces import same_faces


def test_name_keys_ignore_order_case_diacritics_spaces_and_honorifics():
    key = registry_match.name_key
    assert key("Hiroshi Tanaka") == key("TANAKA Hiroshi") == key("Prof. Hiroshi  Tanaka")
    assert key("Nguyễn Văn An") == key("Nguyen Van An") == key("nguyen van an")
    assert key("Đặng Thị Lan") == key("Dang Thi Lan")
    assert key("田中 博") == key("田中博")
    assert key("徐文傑") == key("徐文杰")
    assert key("H. Tanaka") == ""  # initials identify nobody
    assert registry_match.name_keys(["Tanaka"]) == set()  # nor does a lone family name


def test_a_shared_name_needs_a_shared_organisation_to_be_a_duplicate():
    ima = registry_match.organisation_keys("Institute of Maritime Affairs", "IMA")
    bank = registry_match.organisation_keys("Osaka Bank", "OB")
    a = registry_match.record([], ["Hiroshi Tanaka"], [ima])
    b = registry_match.record([], ["Tanaka Hiroshi"], [bank])
    c = registry_match.record(
        [], ["TANAKA Hiroshi"], [registry_match.organisation_keys("X", "IMA")]
    )
    assert registry_match.duplicate_reason(a, b) == ""
    assert registry_match.duplicate_reason(a, c) != ""
    d = registry_match.record(["HT@ima.example "], ["Someone Else"], [])
    e = registry_match.record(["ht@ima.example"], ["Another Name"], [])
    assert registry_match.duplicate_reason(d, e) == "the same e-mail address"


def test_search_matches_word_prefixes_and_countries():
    text = registry_match.search_text(["Hiroshi Tanaka", "田中博"], ["JP"])
    assert registry_match.matches("tana hiro", text)
    assert registry_match.matches("田中", text)
    assert registry_match.matches("Tanaka JP", text)
    assert not registry_match.matches("Tanaka KR", text)
    assert not registry_match.matches("anaka", text)  # a prefix, not any substring
    assert registry_match.matches("徐文傑", registry_match.search_text(["徐文杰"]))


def test_each_person_fills_one_seat_the_most_specific():
    p = delegation.Post
    assert delegation.seat_of([p("armed_forces", "", ""), p("university", "", "")]) == "uniformed"
    assert delegation.seat_of([p("ministry", "defence", "government_body")]) == "defence"
    assert delegation.seat_of([p("ministry", "", "government_body")]) == "official"
    assert delegation.seat_of([p("think_tank", "", "government_affiliated")]) == "expert"
    assert delegation.seat_of([], sector="media") == "media"
    assert delegation.seat_of([]) == "other"


def test_country_targets_replace_the_general_target_and_gaps_add_up():
    targets = [
        delegation.Target("", "expert", 2),
        delegation.Target("", "foreign", 1),
        delegation.Target("KR", "expert", 1),
    ]
    seats = [("JP", "expert"), ("JP", "expert"), ("JP", "expert"), ("KR", "foreign")]
    by = {d.country: d for d in delegation.delegations(seats, targets)}
    jp = {line.category: line for line in by["JP"].lines}
    assert (jp["expert"].surplus, jp["foreign"].gap) == (1, 1)
    kr = {line.category: line for line in by["KR"].lines}
    assert (kr["expert"].target, kr["expert"].gap, kr["foreign"].status) == (1, 1, "met")


def test_same_faces_counts_returning_people_and_concentration():
    index = same_faces([("M1", {1, 2, 3, 4}), ("M2", {1, 2, 5, 6}), ("M3", {1, 2, 7, 8})])
    assert [m.returning for m in index.meetings] == [0, 2, 2]
    assert index.returning_share == 0.5
    # 8 people, the top fifth (2 people) hold 6 of 12 seats.
    assert index.top_fifth_share == 0.5
    equal = same_faces([("M1", {1, 2, 3, 4, 5}), ("M2", {6, 7, 8, 9, 10})])
    assert equal.top_fifth_share == 0.2 and equal.returning_share == 0.0


def test_same_faces_hides_counts_under_k_and_their_complement():
    index = same_faces([("M1", {1, 2, 3, 4, 5}), ("M2", {1, 6, 7, 8, 9})], k=3)
    m2 = index.meetings[1]
    assert m2.returning_shown.value is None and m2.share_shown == "—"
    assert index.meetings[0].returning_shown.value == 0  # nobody returning is not a person
