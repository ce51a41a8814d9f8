"""Arrangements for raw-data releases (issue 11 part B), through the real services at pinned times: a
case with discipline adopted, a decided case whose filer gave a name, contact details, a narrative, a
place and demographics, a case still before its decision, and a decided case against the Chief."""

import datetime
import uuid

import time_machine

from intake.filer_models import FilerDemographics
from intake.services import allegation_add, case_decide, complaint_file
from oversight.calendar.business_days import PACIFIC
from reports.release_services import data_release_build, data_release_publish, data_release_start
from tests.discipline.arrange_discipline import discipline_adopted, guide_make
from tests.factories import AllegationTypeFactory, ChiefFactory, EmployeeFactory, complaint_data

ADOPTED_AT = datetime.datetime(2026, 3, 3, 10, 0, tzinfo=PACIFIC)
FILED_AT = datetime.datetime(2026, 4, 14, 11, 0, tzinfo=PACIFIC)
BUILD_AT = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=PACIFIC)

# Words that must never be in any released file.
SECRETS = {
    "name": "Marisol Quintanilla-Vexworth",
    "email": "marisol.vexworth@example.org",
    "phone": "503-555-0199",
    "narrative": "Zanzibarian lamppost narrative sentinel",
    "place": "SE Quokka Street & 39th",
    "description": "Allegation description sentinel",
    "officers_described": "Tall officer with a Xylophone tattoo",
}


def sensitive_case(intake_user, *, decision="mediation", employee=None):
    with time_machine.travel(FILED_AT, tick=False):
        data = complaint_data(
            contact_name=SECRETS["name"],
            contact_email=SECRETS["email"],
            contact_phone=SECRETS["phone"],
            narrative=SECRETS["narrative"],
            incident_place=SECRETS["place"],
            officers_described=SECRETS["officers_described"],
            neighbourhood="buckman",
            zip_code="97214",
        )
        complaint = complaint_file(data=data, submission_key=uuid.uuid4())
        FilerDemographics.objects.create(
            complaint=complaint, race_ethnicity=["slavic"], gender="woman", age_range="25_34"
        )
        case = complaint.case
        allegation_add(
            case=case,
            allegation_type=AllegationTypeFactory(),
            employee=employee or EmployeeFactory(first_name="Bartholomew", last_name="Fenwickshire"),
            actor=intake_user,
            reason="Identified at intake",
            description=SECRETS["description"],
        )
        if decision:
            case_decide(case=case, decision=decision, reason="Decided at intake", actor=intake_user)
    return case


def chief_case(intake_user):
    with time_machine.travel(FILED_AT, tick=False):
        case = complaint_file(data=complaint_data(), submission_key=uuid.uuid4()).case
        allegation_add(
            case=case,
            allegation_type=AllegationTypeFactory(),
            employee=ChiefFactory(),
            actor=intake_user,
            reason="Chief",
        )
        case_decide(case=case, decision="investigate", reason="Decided", actor=intake_user)
    return case


def disciplined_case(intake_user, director, investigator, board_members):
    with time_machine.travel(ADOPTED_AT, tick=False):
        g = guide_make()
        case, decision = discipline_adopted(intake_user, director, investigator, board_members, g)
    return case, decision


def build(actor, at=BUILD_AT):
    """Starts a release and builds it right here (the job's task body, without a worker)."""
    with time_machine.travel(at, tick=False):
        release, _job = data_release_start(actor=actor)
        return data_release_build(release_id=release.pk, actor=actor)


def publish(release, director, changelog="First release", at=BUILD_AT):
    with time_machine.travel(at + datetime.timedelta(hours=1), tick=False):
        return data_release_publish(release=release, actor=director, changelog=changelog)


def file_text(row):
    with row.file.open("rb") as handle:
        return handle.read().decode("utf-8")
