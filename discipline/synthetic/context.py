"""Everything a chunk of synthetic cases draws from, made once per run."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from oversight.calendar.models import Deadline, DeadlineReminder
from oversight.calendar.rules import RULES
from oversight.calendar.selectors import business_calendar

from .writer import Writer

MINUTE = timedelta(minutes=1)


@dataclass
class Context:
    rng: random.Random
    anchor: datetime
    writer: Writer
    staff: dict
    chief: object
    roster: list
    types: list
    groups: list = field(default_factory=list)  # [(incident_on, IncidentGroup)] oldest first
    open_deadlines: int = 0
    calendar: object = None
    content_types: dict = field(default_factory=dict)
    time_limit_losses: int = 0  # written so far in this run (the first dismissal of a run is always one)

    def __post_init__(self):
        self.calendar = business_calendar()
        self.officer_weights = [self.rng.paretovariate(1.3) for _ in self.roster]
        self.mandatory_types = [t for t in self.types if t.mandatory_category in ("deadly_force",)] or self.types
        self.ordinary_types = [t for t in self.types if not t.mandatory_category] or self.types

    def content_type(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model)
        return self.content_types[model]

    def officers(self, count):
        """``count`` allegations' officers: a few officers draw many complaints, as in real data."""
        return self.rng.choices(self.roster, weights=self.officer_weights, k=count)

    def user(self, role):
        return self.rng.choice(self.staff[role])

    @property
    def synthetic(self):
        return self.staff["synthetic"]


def clock(ctx, about, rule, starts_at, met_at=None, length=None):
    """A Deadline as the deadline engine would have left it by ``ctx.anchor``, with its reminders:
    those that fired before the anchor were sent by the sweep; those after a meeting were dropped.
    ``length``: the days of a clock whose length is its subject's (RECOMMENDATION_RESPONSE)."""
    args = (starts_at, ctx.calendar, settings.DEADLINE_CLOSE_OF_BUSINESS_HOUR)
    due, steps = RULES[rule].compute(*args, length) if RULES[rule].length_from_subject else RULES[rule].compute(*args)
    ended = met_at or ctx.anchor
    deadline = Deadline(
        about_type=ctx.content_type(type(about)),
        about_id=about.pk,
        rule=rule,
        starts_at=starts_at,
        due_at=due,
        explanation=steps,
        met_at=met_at,
        breached_at=due if ended > due else None,
        created_at=starts_at,
    )
    if met_at is None:
        ctx.open_deadlines += 1
    reminders = []
    for kind, before in RULES[rule].reminders:
        fire = due - before
        if met_at is not None and fire >= met_at:
            continue
        sent = fire + MINUTE if fire + MINUTE < ctx.anchor else None
        reminders.append(DeadlineReminder(deadline=deadline, kind=kind, fire_at=fire, sent_at=sent))
    return deadline, reminders


def write_clocks(ctx, pairs):
    """Inserts [(deadline, reminders)]; returns the deadlines with their pks."""
    deadlines = ctx.writer.add(Deadline, [d for d, _ in pairs], dated=lambda d: d.starts_at)
    reminders = []
    for deadline, items in pairs:
        for reminder in items:
            reminder.deadline = deadline
            reminders.append(reminder)
    ctx.writer.add_plain(DeadlineReminder, reminders)
    return deadlines
