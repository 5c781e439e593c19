"""Legislation tables of a bulk export: draft acts and bills, and the steps of their timelines.

An act's timeline on the site is its status events, public-council opinions and NGO proposals
(with the body's answer); each is a table here, joined to ``legislative_acts`` by ``act_id``.
Lobbying steps of a timeline are in the ``lobbying_*`` tables. Who follows a bill is private and
never exported.
"""
from __future__ import annotations

from opentenge.export.tables import Column, Table, org_column, sourced_columns
from opentenge.legislation import models as lm

SOURCES = ("draft_acts", "bills", "public_councils")

ACTS = Table(
    "legislative_acts", "Draft acts and bills",
    "Draft legal acts put up for public discussion (kind draft) and bills before Parliament (kind bill).",
    lambda: lm.LegislativeAct.objects.order_by("key"),
    (
        Column("id", "string", "key", "npa:<portal id> or bill:<Mazhilis id>."),
        Column("kind", "string", "kind", "draft or bill."),
        Column("title_ru", "string", "title_ru"),
        Column("title_kk", "string", "title_kk"),
        Column("developer_name", "string", "developer_name", "Developing body as published."),
        org_column("developer", "developing body"),
        Column("act_type", "string", "act_type"),
        Column("discussion_start", "date", "discussion_start"),
        Column("discussion_end", "date", "discussion_end"),
        Column("status", "string", "status"),
        Column("comments", "integer", "comments"),
        Column("url", "string", "url"),
        Column("draft_id", "string", "draft__key", "The draft act this bill grew out of (legislative_acts.id)."),
        *sourced_columns(),
    ),
    sources=SOURCES,
)

EVENTS = Table(
    "legislative_events", "Timeline steps of acts",
    "One step of an act's life: publication, a reading, adoption, signature …",
    lambda: lm.StatusEvent.objects.order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("act_id", "string", "act__key", "legislative_acts.id"),
        Column("stage", "string", "stage"),
        Column("date", "date", "date"),
        Column("note", "string", "note"),
        *sourced_columns(),
    ),
    sources=SOURCES,
)

OPINIONS = Table(
    "council_opinions", "Public-council opinions",
    "Opinions of public councils on acts: supports, supports with remarks, opposes.",
    lambda: lm.CouncilOpinion.objects.order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("act_id", "string", "act__key", "legislative_acts.id"),
        Column("council_id", "string", "council__key"),
        Column("council_name_ru", "string", "council__name_ru"),
        Column("council_name_kk", "string", "council__name_kk"),
        Column("council_body_name", "string", "council__body_name", "The state body the council advises."),
        Column("date", "date", "date"),
        Column("position", "string", "position", "supports, remarks or opposes."),
        Column("summary", "string", "summary"),
        *sourced_columns(),
    ),
    sources=SOURCES,
)

PROPOSALS = Table(
    "ngo_proposals", "NGO proposals on acts",
    "Proposals of NGOs on acts, with the outcome and the developing body's answer as published.",
    lambda: lm.NgoProposal.objects.order_by("id"),
    (
        Column("id", "integer", "id"),
        Column("act_id", "string", "act__key", "legislative_acts.id"),
        Column("ngo_name", "string", "ngo_name"),
        Column("ngo_bin", "string", "ngo_bin"),
        org_column("ngo", "NGO"),
        Column("date", "date", "date"),
        Column("proposal", "string", "proposal"),
        Column("outcome", "string", "outcome", "accepted, partly, rejected or pending."),
        Column("reply", "string", "reply"),
        Column("reply_date", "date", "reply_date"),
        *sourced_columns(),
    ),
    sources=SOURCES,
)

LEGISLATION_TABLES: tuple[Table, ...] = (ACTS, EVENTS, OPINIONS, PROPOSALS)
