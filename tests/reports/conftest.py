import pytest

from secondtrack.dialogues.models import Participation
from secondtrack.reports.models import Report


@pytest.fixture
def report(world):
    """A draft rapporteur's report of meeting alpha; carol is its rapporteur."""
    Participation.objects.filter(meeting=world.alpha, person=world.carol.person).update(
        role="rapporteur"
    )
    return Report.objects.create(
        series=world.series,
        meeting=world.alpha,
        kind="rapporteurs_report",
        title="Alpha report",
        body="## Summary\n\nParticipants discussed hotlines.\n",
    )
