"""Without EMAIL_HOST, e-mails are files in the data folder's outbox/: readable by the
platform's user only, and never holding the secret of a single-use link."""

import stat

from django.core import mail

from secondtrack.dialogues.models import Invitation
from secondtrack.dialogues.services import invite_participant
from secondtrack.notifications.filemail import WITHHELD, withhold_links


def test_an_invitation_file_is_private_and_withholds_the_link(
    world, settings, tmp_path, django_capture_on_commit_callbacks
):
    outbox = tmp_path / "outbox"
    settings.EMAIL_BACKEND = "secondtrack.notifications.filemail.EmailBackend"
    settings.EMAIL_FILE_PATH = outbox
    with django_capture_on_commit_callbacks(execute=True):
        invite_participant(
            meeting=world.alpha,
            invited_by=world.convenor,
            name="Dao Minh",
            email="dao@example.org",
            base_url="http://127.0.0.1:8000",
        )
    (written,) = outbox.iterdir()
    text = written.read_text()
    assert "To: dao@example.org" in text
    assert WITHHELD in text
    assert "/invitation/" not in text  # not even a fragment of the link
    assert Invitation.objects.filter(email="dao@example.org").count() == 1
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(outbox.stat().st_mode) == 0o700


def test_every_kind_of_single_use_link_is_withheld_and_other_links_kept():
    text = (
        "Join: https://d.example.org/invitation/AbC_dEf-123456789/ "
        "Read: http://127.0.0.1:8000/t1/Zz9_yY8-xXwWvV/ "
        "Subscribe: https://d.example.org/me/calendar/QwErTy123456.ics "
        "Settings: https://d.example.org/me/notifications/"
    )
    out = withhold_links(text)
    assert out.count(WITHHELD) == 3
    assert "AbC_dEf" not in out and "Zz9_yY8" not in out and "QwErTy" not in out
    assert "https://d.example.org/me/notifications/" in out


def test_any_mail_written_to_a_file_has_its_link_withheld(settings, tmp_path):
    settings.EMAIL_BACKEND = "secondtrack.notifications.filemail.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    mail.send_mail("s", "https://x.example/invitation/abcdefghijk/", "a@x.example", ["b@x.example"])
    (written,) = (tmp_path / "outbox").iterdir()
    assert "abcdefghijk" not in written.read_text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
