"""Arrangements for discipline by vote and Loudermill (issue 9.7, 9.8), through the real services: a guide
of the tests' own (the seeded starter guide is the administrator's to confirm), a case awaiting discipline,
a proposal and the votes that adopt it."""

import datetime
from types import SimpleNamespace

from discipline.guide import discipline_panel_for, discipline_propose, proposal_vote_cast, sustained_results
from discipline.models import DisciplineDecision, DisciplineGuide, GuideFactor, MisconductCategory, SanctionLevel
from tests.arrange import case_awaiting_discipline

LEVELS = [
    ("counseling", "Command counseling", "command_counseling", True),
    ("training", "Corrective training", "corrective_training", True),
    ("reprimand", "Letter of reprimand", "letter_of_reprimand", False),
    ("suspension", "Suspension, step 1", "suspension", False),
    ("demotion", "Demotion", "demotion", False),
    ("termination", "Termination", "termination", False),
]


def guide_make(effective_on=datetime.date(2025, 7, 2)):
    """Levels in order; "force" (reprimand..demotion, presumptive suspension), "courtesy" (counseling..
    reprimand, presumptive counseling); one aggravating and one mitigating factor."""
    guide = DisciplineGuide.objects.create(title="Test guide", effective_on=effective_on)
    g = SimpleNamespace(guide=guide)
    for rank, (key, name, action, corrective) in enumerate(LEVELS, 1):
        level = SanctionLevel.objects.create(guide=guide, rank=rank, name=name, action=action, is_corrective=corrective)
        setattr(g, key, level)
    g.force = MisconductCategory.objects.create(
        guide=guide, name="Force", mitigated=g.reprimand, presumptive=g.suspension, aggravated=g.demotion
    )
    g.courtesy = MisconductCategory.objects.create(
        guide=guide, name="Courtesy", mitigated=g.counseling, presumptive=g.counseling, aggravated=g.reprimand
    )
    g.prior = GuideFactor.objects.create(guide=guide, kind="aggravating", name="Prior misconduct")
    g.accepted = GuideFactor.objects.create(guide=guide, kind="mitigating", name="Accepted responsibility")
    return g


def case_with_proposal(intake_user, director, investigator, board_members, g, *, category=None, level=None, **extra):
    """A case awaiting discipline and an open proposal (by the first member) on its sustained allegation."""
    case, _hearing_panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    category = category or g.force
    level = level or category.presumptive
    extra.setdefault("just_cause", "The force used bears on the officer's ability to police safely.")
    proposal = discipline_propose(
        allegation=allegation, category=category, level=level, actor=board_members[0], **extra
    )
    return case, discipline_panel_for(case), allegation, proposal


def adopt(proposal, members):
    """Members approve, one after another, until the proposal is adopted; returns the decision."""
    for member in members:
        proposal_vote_cast(proposal=proposal, choice="approve", actor=member)
        proposal.refresh_from_db()
        if proposal.status != "open":
            break
    return DisciplineDecision.objects.get(proposal=proposal)


def discipline_adopted(intake_user, director, investigator, board_members, g, **kwargs):
    """A case whose panel adopted a proposal by every member's approval; returns (case, decision)."""
    case, _panel, _allegation, proposal = case_with_proposal(
        intake_user, director, investigator, board_members, g, **kwargs
    )
    decision = adopt(proposal, board_members)
    case.refresh_from_db()
    return case, decision


def discipline_arrange(case, director, members):
    """On a case awaiting discipline: the Director proposes the presumptive level of the seeded starter
    guide's first category whose presumptive sanction is discipline, and the members adopt it."""
    seeded = MisconductCategory.objects.filter(presumptive__is_corrective=False).select_related("presumptive")
    # A flushed database (the browser tests') has no seeded guide: the tests' own then.
    category = seeded.first() or guide_make(effective_on=datetime.date(2025, 7, 3)).force
    allegation = sustained_results(case).first().allegation
    proposal = discipline_propose(
        allegation=allegation, category=category, level=category.presumptive, just_cause="Just cause", actor=director
    )
    return adopt(proposal, members)


def starter_guide():
    """The starter guide the migration seeds, seeded again if a browser test flushed the database."""
    import importlib

    from django.apps import apps

    importlib.import_module("discipline.migrations.0006_discipline_guide").seed_starter_guide(apps, None)
