"""Synthetic intake rows for a chunk of planned cases: cases, complaints with their filers, allegations."""

import uuid
from bisect import bisect_right
from datetime import timedelta

from intake.models import Allegation, Case, Complaint, FilerDemographics
from intake.neighbourhoods import NEIGHBOURHOOD_CHOICES
from oversight.accounts.management.commands.seed_demo import FIRST, LAST
from oversight.notices.models import Notice

LANGUAGES = [("en", 78), ("es", 9), ("vi", 4), ("zh-hans", 3), ("ru", 3), ("so", 3)]
CHANNELS = [("web", 70), ("phone", 15), ("email", 8), ("mail", 4), ("in_person", 3)]
FILERS = [("complainant", 75), ("third_party", 22), ("ppb_employee", 3)]
CONTACT = [("email", 55), ("phone", 25), ("mail", 10), ("none", 10)]
PLACES = ["SE Hawthorne & 39th", "NE MLK Jr Blvd & Alberta", "SW 5th & Morrison", "N Lombard & Denver", "E Burnside"]
NARRATIVES = [
    "An officer shoved me while I was waiting at a bus stop.",
    "Officers searched my car without asking and would not say why.",
    "The officer used a slur when speaking to my friend.",
    "I was pepper-sprayed at the protest while standing on the sidewalk.",
    "An officer refused to give me his name or badge number.",
    "My neighbour was handcuffed so tightly that her wrists bled.",
]
NEIGHBOURHOODS = [value for value, _label in NEIGHBOURHOOD_CHOICES]


def _pick(rng, table):
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def _uuid(rng):
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def case_row(ctx, plan):
    case = Case(
        number=plan.number,
        origin=Case.Origin.MANDATORY_INCIDENT if plan.mandatory else Case.Origin.COMPLAINT,
        status=plan.status,
        received_at=plan.received_at,
        mandatory_category="deadly_force" if plan.mandatory else "",
        is_chief_route=plan.chief,
        decision=plan.decision,
        decision_reason="Synthetic decision." if plan.decision else "",
        decided_by=ctx.staff["director"][0] if plan.decided_at else None,
        decided_at=plan.decided_at,
        closed_at=plan.closed_at,
        incident_on=(plan.received_at - timedelta(days=1)).date() if plan.mandatory else None,
        incident_summary="A use of deadly force reported by PPB." if plan.mandatory else "",
        incident_group=_group_for(ctx, plan),
    )
    case._synthetic_plan = plan
    return case


def _group_for(ctx, plan):
    """Cases filed within two weeks after a grouped incident (a protest) join its group half the time."""
    if not ctx.groups:
        return None
    dates = [d for d, _ in ctx.groups]
    at = bisect_right(dates, plan.received_at.date()) - 1
    if at < 0 or (plan.received_at.date() - dates[at]).days > 14 or ctx.rng.random() < 0.5:
        return None
    return ctx.groups[at][1]


def complaint_rows(ctx, case):
    """One complaint, sometimes two or three about the same incident; each with its filer's details."""
    rng, plan = ctx.rng, case._synthetic_plan
    if plan.mandatory:
        return []
    rows = []
    for i in range(1 if rng.random() < 0.9 else rng.randint(2, 3)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        method = _pick(rng, CONTACT)
        anonymous = rng.random() < 0.12
        received = plan.received_at + timedelta(hours=i * rng.uniform(1, 72))
        rows.append(
            Complaint(
                case=case,
                submission_key=_uuid(rng),
                channel=_pick(rng, CHANNELS),
                filer_type=_pick(rng, FILERS),
                narrative=rng.choice(NARRATIVES),
                incident_on=(plan.received_at - timedelta(days=rng.randint(0, 20))).date(),
                incident_place=rng.choice(PLACES),
                contact_name="" if anonymous else f"{first} {last}",
                contact_email=""
                if anonymous or method != "email"
                else f"{first}.{last}{rng.randint(1, 9999)}@example.invalid".lower(),
                contact_phone="" if anonymous or method != "phone" else f"503-555-{rng.randint(0, 9999):04d}",
                contact_address=""
                if anonymous or method != "mail"
                else f"{rng.randint(100, 9999)} SE Main St, Portland OR",
                contact_method="" if anonymous else method,
                language=_pick(rng, LANGUAGES),
                received_at=min(received, ctx.anchor),
                neighbourhood=rng.choice(NEIGHBOURHOODS),
                zip_code=f"972{rng.randint(1, 99):02d}" if rng.random() < 0.8 else "",
            )
        )
    return rows


def demographics_rows(ctx, complaints):
    rng, rows = ctx.rng, []
    for complaint in complaints:
        if rng.random() < 0.45:
            rows.append(
                FilerDemographics(
                    complaint=complaint,
                    race_ethnicity=[rng.choice(FilerDemographics.Race.values)],
                    gender=rng.choice(FilerDemographics.Gender.values),
                    age_range=rng.choice(FilerDemographics.AgeRange.values),
                    disability=rng.choice(FilerDemographics.Disability.values),
                )
            )
    return rows


def allegation_rows(ctx, case):
    plan = case._synthetic_plan
    if plan.chief:
        return [_allegation(ctx, case, ctx.chief, True) for _ in range(plan.allegations)]
    types = ctx.mandatory_types if plan.mandatory else ctx.ordinary_types + ctx.types
    return [_allegation(ctx, case, officer, False, ctx.rng.choice(types)) for officer in ctx.officers(plan.allegations)]


def _allegation(ctx, case, employee, against_chief, kind=None):
    return Allegation(
        case=case,
        employee=employee if ctx.rng.random() < 0.93 or against_chief else None,
        is_against_chief=against_chief,
        allegation_type=kind or ctx.rng.choice(ctx.ordinary_types),
        description="",
        created_at=case.received_at + timedelta(days=ctx.rng.uniform(0, 5)),
    )


def acknowledgement_rows(ctx, complaints):
    """R1.4: the acknowledgement each filer who gave an address received, as the outbox logged it."""
    rows = []
    for complaint in complaints:
        if not (complaint.contact_email or complaint.contact_address) or complaint.contact_method == "none":
            continue
        by_mail = not complaint.contact_email
        stuck = ctx.rng.random() < 0.002  # a few never went out: the outbox page has rows to show
        rows.append(
            Notice(
                recipient_name=complaint.contact_name,
                recipient_address=complaint.contact_email or complaint.contact_address,
                channel=Notice.Channel.POSTAL if by_mail else Notice.Channel.EMAIL,
                subject=f"Your complaint {complaint.case.number} was received",
                body="Thank you. Your complaint was received.",
                about_type=ctx.content_type(Case),
                about_id=complaint.case_id,
                dedupe_key=f"complaint-received:{complaint.pk}",
                status=Notice.Status.FAILED if stuck else Notice.Status.SENT,
                attempts=5 if stuck else 1,
                last_error="SMTP 451 temporary failure" if stuck else "",
                created_at=complaint.received_at,
                sent_at=None if stuck else complaint.received_at + timedelta(minutes=1),
            )
        )
    return rows
