"""Trial balloons: proposals floated without an author, and the room's reactions to them.

- The author is never stored. They receive a receipt, a secret whose hash is kept as a
  commitment, with which they alone can later prove they floated the balloon.
- Reactions are recorded under a per-balloon pseudonym. The pseudonym's tag is a keyed
  hash of the person under a key kept outside the database (as for Chatham House
  sessions); closing the balloon drops the tags and destroys the key.
- No time finer than the day is stored, and ids are random.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Balloon(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Outcome(models.TextChoices):
        WITHDRAWN = "withdrawn", _("withdrawn")
        PARKED = "parked", _("parked")
        CONSENSUS = "consensus", _("consensus reached")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    series = models.ForeignKey(
        "dialogues.Series", on_delete=models.CASCADE, related_name="balloons"
    )
    meeting = models.ForeignKey(
        "dialogues.Meeting",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="balloons",
        help_text=_("Empty for a balloon floated across the series."),
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_version"
    )
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default="open")
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    receipt_hash = models.CharField(max_length=64)
    floated_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0, help_text=_("Bumped by every reaction."))
    final_map = models.JSONField(null=True, blank=True, help_text=_("Aggregates kept at close."))

    class Meta:
        ordering = ["floated_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def version(self) -> int:
        n, node = 1, self
        while node.previous_id is not None:
            n, node = n + 1, node.previous
        return n


class Statement(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("proposal")
        AMENDMENT = "amendment", _("amendment")
        CONDITION = "condition", _("condition")
        OBJECTION = "objection", _("objection")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    balloon = models.ForeignKey(Balloon, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]


class Pseudonym(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    balloon = models.ForeignKey(Balloon, on_delete=models.CASCADE, related_name="pseudonyms")
    tag = models.CharField(max_length=64, null=True, blank=True, unique=True)  # noqa: DJ001

    def __str__(self) -> str:
        return f"pseudonym {self.id}"


class Reaction(models.Model):
    class Vote(models.IntegerChoices):
        AGREE = 1, _("agree")
        PASS = 0, _("pass")
        DISAGREE = -1, _("disagree")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pseudonym = models.ForeignKey(Pseudonym, on_delete=models.CASCADE, related_name="reactions")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="reactions")
    vote = models.SmallIntegerField(choices=Vote.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pseudonym", "statement"], name="one_reaction_each")
        ]

    def __str__(self) -> str:
        return f"reaction {self.id}"


class Endorsement(models.Model):
    """A member's named endorsement of a statement that reached consensus (design §5, §7).

    Opt-in and separate from authorship: the author of a balloon or statement is never
    stored, so an endorsement says nothing about who floated or amended; it names only
    the endorser, who may withdraw it until a memorandum carrying the balloon is sent.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="endorsements")
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="endorsements"
    )
    endorsed_on = models.DateField()

    class Meta:
        ordering = ["statement", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "person"], name="one_endorsement_each")
        ]

    def __str__(self) -> str:
        return f"endorsement {self.id}"


class OpinionSnapshot(models.Model):
    """The last opinion map computed in the background for a large room (balloons/opinion.py).

    Pages show it while a newer one is computed. It names no one: groups and positions are
    keyed by pseudonym, and it is deleted when the balloon closes (its pseudonyms are then
    rewritten, and this must not keep the old ones).
    """

    balloon = models.OneToOneField(
        Balloon, primary_key=True, on_delete=models.CASCADE, related_name="opinion_snapshot"
    )
    revision = models.IntegerField(default=-1)  # the balloon's revision it shows
    requested = models.IntegerField(default=-1)  # the revision last asked for
    result = models.JSONField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"opinion snapshot of {self.balloon_id}"
