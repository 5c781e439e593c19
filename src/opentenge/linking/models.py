"""What linking keeps: judgments about pairs, the editors' audit log, and the derived clusters.

Linking never edits a source record. It stores *judgments* about pairs of organisation keys
(``Organisation.key``: ``BIN:…``, ``IIN:<fingerprint>``, ``GZPID:…``) in their own table, the way
nomenklatura's resolver does:

* ``Judgment`` is append-only. A newer judgment on the same pair supersedes the older one, which
  stays as history; the *current* judgment of a pair is the one with the highest id. Automatic
  judgments never supersede an editor's (see ``opentenge.linking.judgments``).
* ``ReviewAction`` is the editors' audit log: one row per accept / reject / split, with who, when
  and why, pointing at the judgments the action wrote.
* ``CanonicalMembership`` is derived: the cluster ("canonical entity") of every organisation,
  rebuilt from the current judgments (``opentenge.linking.canonical``). Pages and later analyses
  group by ``canonical_key``; it can be dropped and rebuilt at any time.
* ``LinkedRecord`` and ``LinkRun`` are the incremental watermark: the fingerprint of each
  organisation's linking fields at the last run, and what each run did.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    POSITIVE = "positive", "same entity"
    NEGATIVE = "negative", "different entities"
    UNSURE = "unsure", "unsure (awaiting review)"


class JudgmentSource(models.TextChoices):
    AUTO = "auto", "automatic"
    EDITOR = "editor", "editor"


class AppendOnly(models.Model):
    """Rows are written once: saving an existing row or deleting one raises."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise PermissionError(f"{type(self).__name__} is append-only: write a new row instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{type(self).__name__} is append-only: rows are never deleted")


class ReviewAction(AppendOnly):
    """One editor decision (accept, reject, split), with who, when and why."""

    class Kind(models.TextChoices):
        ACCEPT = "accept", "accept: same entity"
        REJECT = "reject", "reject: different entities"
        SPLIT = "split", "split a cluster"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    user = models.CharField(max_length=150, help_text="Username of the editor (kept even if the account goes).")
    created_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    left_key = models.CharField(max_length=64, blank=True, help_text="Accept/reject: the pair; split: one side.")
    right_key = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True, help_text="Split: the keys on each side.")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("review decision (audit log)")
        verbose_name_plural = _("review decisions (audit log)")

    def __str__(self) -> str:
        return f"{self.kind} by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"


class Judgment(AppendOnly):
    """A decision about one ordered pair of organisation keys (``left_key < right_key``)."""

    left_key = models.CharField(max_length=64)
    right_key = models.CharField(max_length=64, db_index=True)
    decision = models.CharField(max_length=16, choices=Decision.choices)
    score = models.FloatField(null=True, blank=True, help_text="Name score 0..1 when the pair was scored.")
    source = models.CharField(max_length=16, choices=JudgmentSource.choices)
    user = models.CharField(max_length=150, blank=True, help_text="Editor's username; empty for automatic.")
    created_at = models.DateTimeField()
    reason = models.TextField(blank=True, help_text="Why: the scorer's reasons or the editor's note.")
    action = models.ForeignKey(ReviewAction, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="judgments")

    class Meta:
        verbose_name = _("judgment")
        verbose_name_plural = _("judgments (all, with history)")
        # The order of a pair is Python's (``judgments.ordered``), not a CHECK constraint: string
        # comparison in PostgreSQL follows the database collation, which may order keys differently.
        indexes = [models.Index(fields=["left_key", "right_key", "id"], name="judgment_pair_latest")]

    def __str__(self) -> str:
        return f"{self.left_key} ~ {self.right_key}: {self.decision} ({self.source})"


class CanonicalMembership(models.Model):
    """The canonical entity (cluster) an organisation belongs to, rebuilt from judgments.

    ``canonical_key`` is the key of the cluster's representative: its member with a BIN or IIN
    when it has one (a cluster never holds two), otherwise its smallest key. A singleton's
    canonical key is its own key.
    """

    org_key = models.CharField(max_length=64, unique=True)
    canonical_key = models.CharField(max_length=64, db_index=True)
    size = models.IntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.org_key} → {self.canonical_key}"


class LinkedRecord(models.Model):
    """An organisation as the last run saw it: the incremental mode's watermark."""

    org_key = models.CharField(max_length=64, unique=True)
    fingerprint = models.CharField(max_length=32, help_text="Hash of the fields linking reads.")
    run = models.ForeignKey("LinkRun", null=True, on_delete=models.SET_NULL, related_name="+")


class LinkRun(models.Model):
    """One ``opentenge link`` run and its counts."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    full = models.BooleanField(default=False)
    records = models.IntegerField(default=0)
    changed = models.IntegerField(default=0)
    candidates = models.BigIntegerField(default=0)
    auto_match = models.IntegerField(default=0)
    review = models.IntegerField(default=0)
    no_match = models.BigIntegerField(default=0)
    clusters = models.IntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-id"]


# -- admin views over the same tables -----------------------------------------------------------

class ReviewPair(Judgment):
    """The review queue: pairs whose current judgment is ``unsure`` (see ``judgments.review_queue``)."""

    class Meta:
        proxy = True
        verbose_name = _("pair awaiting review")
        verbose_name_plural = _("review queue")


class Cluster(CanonicalMembership):
    """A canonical entity with more than one record, shown by its representative's row."""

    class Meta:
        proxy = True
        verbose_name = _("cluster (canonical entity)")
        verbose_name_plural = _("clusters (canonical entities)")
