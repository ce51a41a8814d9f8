"""The Director's day in Chromium (issue 12): a pending reconsideration on my work, followed to the
case; letters to mail printed as one PDF (in the filer's language, addressed for a window envelope)
and marked mailed; axe-core on the home and the letters pages."""

import re
import subprocess

import pytest
from django.utils import translation
from playwright.sync_api import expect

from intake.reconsideration import reconsideration_request
from intake.services import allegation_add, case_decide
from oversight.accounts.roles import Role
from oversight.notices.models import LetterBatch, Notice
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in
from tests.factories import AllegationTypeFactory, EmployeeFactory, file_complaint

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "1 Main St\nPortland OR 97214"


def _case_with_a_spanish_filer_asking_for_reconsideration():
    intake = make_user(Role.INTAKE, username="ines")
    case = file_complaint(contact_name="Ana Pérez", contact_method="mail", contact_address=ADDRESS, language="es")
    allegation_add(
        case=case, allegation_type=AllegationTypeFactory(), employee=EmployeeFactory(), actor=intake, reason="Intake"
    )
    case = case_decide(case=case, decision="dismissal", reason="No misconduct alleged", actor=intake)
    reconsideration_request(case=case, complaint=case.complaints.get(), reason="A bystander filmed it.")
    return case


def test_the_director_follows_a_reconsideration_and_mails_a_batch_of_letters(page, live_server):
    case = _case_with_a_spanish_filer_asking_for_reconsideration()
    make_user(Role.DIRECTOR, username="dana")

    log_in(page, live_server, "dana")
    expect(page.get_by_role("heading", name=re.compile("Reconsiderations waiting for the Director"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Letters to mail"))).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=f"Reconsideration requested on {case.number}").click()
    expect(page).to_have_url(re.compile(rf"/complaints/staff/cases/{case.pk}/decision/#reconsideration-h$"))
    expect(page.locator("#reconsiderations")).to_contain_text("Awaiting the Director")

    page.goto(f"{live_server.url}/accounts/")
    page.get_by_role("link", name=re.compile(r"letters? to print")).click()
    expect(page.get_by_role("heading", name="Letters to mail", level=1)).to_be_visible()
    expect(page.locator("table")).to_contain_text("Ana Pérez")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Print a batch of letters").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Batch ready")
    assert_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letters (PDF)").click()
    text = subprocess.run(
        ["pdftotext", "-layout", download.value.path(), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Ana Pérez" in text and "1 Main St" in text and "Portland OR 97214" in text
    with translation.override("es"):
        spanish = translation.gettext("Decision on your complaint %(number)s") % {"number": case.number}
    assert spanish != f"Decision on your complaint {case.number}" and spanish in text

    page.get_by_role("button", name="Mark mailed").click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Batch marked mailed.")
    expect(page.get_by_text(re.compile(r"Mailed on \d{4}-\d\d-\d\d"))).to_be_visible()
    batch = LetterBatch.objects.get()
    assert batch.mailed_on is not None
    letters = Notice.objects.filter(channel=Notice.Channel.POSTAL)
    assert letters.exists() and all(n.status == Notice.Status.SENT and n.mailed_on for n in letters)
