from secondtrack.core.track import MeetingSetting, Seat, classify

SCHOLAR = Seat("private", 0.0, False)
ADVISER = Seat("private", 0.6, False)  # professor advising a defence ministry
OFFICIAL_PRIVATE = Seat("private", 1.0, True)
OFFICIAL = Seat("official", 1.0, True)
FUNDED = Seat("private", 0.8, False)  # staff of a ministry's research arm
INDEPENDENT = MeetingSetting()


def test_officials_in_private_capacity_below_a_fifth_stay_track_two():
    result = classify([OFFICIAL_PRIVATE] * 2 + [SCHOLAR] * 10, INDEPENDENT)
    assert result.track == "2"
    assert "2 of 12 participants are serving officials" in result.explanation


def test_a_fifth_serving_officials_in_private_capacity_makes_track_one_and_a_half():
    result = classify([OFFICIAL_PRIVATE] * 9 + [SCHOLAR] * 29, INDEPENDENT)
    assert result.track == "1.5"
    assert result.explanation.startswith(
        "Track 1.5: 9 of 38 participants are serving officials (9 attending in a private capacity)"
    )


def test_advisers_do_not_count_as_officials_but_prevent_track_three():
    result = classify([ADVISER] * 5 + [SCHOLAR] * 5, INDEPENDENT)
    assert result.track == "2"
    assert result.serving_officials == 0


def test_staff_of_ministry_funded_institutes_count_toward_one_and_a_half():
    result = classify([FUNDED] * 3 + [OFFICIAL_PRIVATE] * 1 + [SCHOLAR] * 8, INDEPENDENT)
    assert result.track == "1.5"
    assert "3 more work for government-mandated or -funded bodies" in result.explanation


def test_a_ministry_setting_the_agenda_makes_track_one_and_a_half():
    result = classify([SCHOLAR] * 10, MeetingSetting(agenda_set_by="government"))
    assert result.track == "1.5"
    assert "officials set the agenda" in result.explanation


def test_invitations_routed_through_governments_make_track_one_and_a_half():
    result = classify([SCHOLAR] * 10, MeetingSetting(invitations_routed="governments"))
    assert result.track == "1.5"


def test_half_in_official_capacity_is_track_one():
    result = classify([OFFICIAL] * 5 + [SCHOLAR] * 5, INDEPENDENT)
    assert result.track == "1"


def test_nobody_linked_to_government_is_track_three():
    result = classify([SCHOLAR] * 12, INDEPENDENT)
    assert result.track == "3"


def test_civil_society_meeting_reporting_to_officials_is_track_two():
    result = classify([SCHOLAR] * 12, MeetingSetting(outputs_to_track_one=True))
    assert result.track == "2"


def test_an_empty_room_follows_the_setting():
    assert classify([], INDEPENDENT).track == "2"
    result = classify([], MeetingSetting(agenda_set_by="government"))
    assert result.track == "1.5"
    assert "nobody has accepted yet; officials set the agenda" in result.explanation
