"""This app's part of ``/api/v1`` (mounted by opentenge.api.routes at ``/api/v1/linking``).

The same data as the "Same organisation in other records" section of an organisation's page
(``opentenge.linking.panel.links_for``), and the counts of the latest ``opentenge link`` run.
"""
from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from opentenge.linking.models import LinkRun
from opentenge.linking.panel import links_for
from opentenge.store.queries import NotFound, get_organisation

router = Router(tags=["linking"])


class LinkedOrganisation(Schema):
    id: str = Field(description="the organisation's id in /api/v1/organisations/{id}")
    key: str
    bin: str | None
    name_ru: str
    name_kk: str
    is_person: bool
    state: str = Field(description="linked | cluster (joined through another record) | awaiting_review | rejected")
    source: str | None = Field(description="auto | editor: who made the judgment between the two")
    score: float | None = Field(description="name score 0..1 of the pair, when it was scored")


class Links(Schema):
    canonical_key: str = Field(description="key of the canonical entity (cluster) the organisation belongs to")
    linked: list[LinkedOrganisation]
    awaiting_review: list[LinkedOrganisation]
    rejected: list[LinkedOrganisation]


class Run(Schema):
    started_at: datetime
    finished_at: datetime | None
    full: bool
    records: int
    changed: int
    candidates: int
    auto_match: int
    review: int
    no_match: int
    clusters: int
    seconds: float


@router.get("/organisations/{org_id}", response=Links,
            summary="Records judged to be the same organisation, awaiting review, or rejected by an editor")
def organisation_links(request: HttpRequest, org_id: str):
    try:
        org = get_organisation(org_id)
    except NotFound as exc:
        raise HttpError(404, str(exc)) from None
    return links_for(org.key) or {"canonical_key": org.key, "linked": [], "awaiting_review": [], "rejected": []}


@router.get("/runs/latest", response={200: Run, 404: dict}, summary="Counts of the latest `opentenge link` run")
def latest_run(request: HttpRequest):
    run = LinkRun.objects.filter(finished_at__isnull=False).order_by("-id").first()
    if run is None:
        return 404, {"detail": "opentenge link has not run yet"}
    return run
