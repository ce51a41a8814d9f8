"""Minimal valid rows; states with invariants are reached through the real services (STYLE.md 7)."""

import datetime
import uuid

import factory

from intake.models import AllegationType, MandatoryCategory
from oversight.roster.models import Employee


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    badge_number = factory.Sequence(lambda n: f"{20000 + n}")
    first_name = "Robin"
    last_name = factory.Sequence(lambda n: f"Officer{n}")


class ChiefFactory(EmployeeFactory):
    class Meta:
        model = Employee
        django_get_or_create = ("badge_number",)

    badge_number = "CHIEF"
    rank = Employee.Rank.CHIEF
    is_covered = False
    email = "chief@police.invalid"


class AllegationTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllegationType
        django_get_or_create = ("code",)

    code = "courtesy"
    name = "Discourtesy"
    mandatory_category = ""


def mandatory_type():
    return AllegationTypeFactory(
        code="force-injury", name="Force resulting in injury", mandatory_category=MandatoryCategory.FORCE_WITH_INJURY
    )


def complaint_data(**overrides):
    data = {
        "filer_type": "complainant",
        "narrative": "An officer shoved me at a bus stop.",
        "incident_on": datetime.date(2026, 11, 1),
        "incident_time": None,
        "incident_place": "SE Hawthorne & 39th",
        "officers_described": "",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


def file_complaint(**overrides):
    from intake.services import complaint_file

    return complaint_file(data=complaint_data(**overrides), submission_key=uuid.uuid4()).case


def pdf_bytes(label=""):
    """A one-page PDF that a viewer, and the active-content check (qpdf), can open; the label, in a
    comment, makes the bytes and so the digest differ."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n% " + label.encode() + b"\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
