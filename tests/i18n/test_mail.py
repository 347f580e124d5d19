"""A notice is written in its recipient's language, whoever's request sends it."""

from django.utils import translation

from secondtrack.notifications import services


def test_an_invitation_to_a_person_who_reads_japanese_is_in_japanese(cjk):
    cjk.member.language = "ja"
    cjk.member.time_zone = "Asia/Tokyo"
    cjk.member.save()
    with translation.override("en-gb"):  # the convenor's request
        notice = services.notify_invitation(
            email=cjk.member.email,
            meeting=cjk.meeting,
            person=cjk.member_person,
            link="https://example.org/invitation/x/",
            days=14,
        )
    assert notice.subject == f"招待：{cjk.meeting.title}"
    assert f"{cjk.member_person.name} 様" in notice.body
    assert "3月10日（水） 10:30 Asia/Tokyo" in notice.body  # the session, in their zone
    assert "チャタムハウス・ルール" in notice.body


def test_an_invitation_to_someone_without_an_account_stays_in_english_and_utc(cjk):
    with translation.override("ja"):
        notice = services.notify_invitation(
            email="new@example.org",
            meeting=cjk.meeting,
            person=cjk.member_person,
            link="https://example.org/invitation/y/",
            days=14,
        )
    assert notice.subject.startswith("Invitation: ")
    assert "(Wed 10 Mar, 01:30 UTC)" in notice.body
