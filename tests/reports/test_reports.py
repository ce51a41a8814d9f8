import pytest

from intake.services import case_decide
from oversight.pdf import LocalStaticFetcher
from reports.models import ReportEdition
from reports.selectors import annual_report_data
from reports.tasks import annual_report_render_task
from tests.arrange import case_before_panel, case_received

pytestmark = pytest.mark.django_db


def _year():
    from django.utils import timezone

    return timezone.localdate().year


def test_annual_counts_by_decision_and_finding(intake_user, director, investigator, board_members):
    routed = case_received(intake_user)
    case_decide(case=routed, decision="mediation", reason="Agreed", actor=intake_user)
    case_received(intake_user)
    case_before_panel(intake_user, director, investigator, board_members, outcome="unfounded")
    data = annual_report_data(year=_year())
    assert data["total_cases"] == 3
    assert dict(data["by_decision"])["Mediation"] == 1
    assert dict(data["by_decision"])["Full investigation by OCPA"] == 1
    assert dict(data["by_decision"])["Not yet decided"] == 1
    assert dict(data["by_finding"]) == {
        "Out of Policy (sustained)": 0,
        "In Policy (not sustained)": 0,
        "Unfounded": 1,
        "Insufficient Evidence": 0,
    }


def test_annual_report_runs_a_constant_number_of_queries(intake_user, django_assert_max_num_queries):
    for _ in range(5):
        case_received(intake_user)
    with django_assert_max_num_queries(6):
        annual_report_data(year=_year())


def test_report_page_names_no_one(client, intake_user):
    case_received(intake_user)
    response = client.get(f"/reports/annual/{_year()}/")
    assert response.status_code == 200
    assert b"Robin" not in response.content and b"Officer" not in response.content


def test_render_task_renders_the_years_draft_which_the_public_cannot_download(client, intake_user):
    case_received(intake_user)
    annual_report_render_task(_year())
    edition = ReportEdition.objects.get()
    assert edition.status == "draft" and edition.pdf.read(4) == b"%PDF"
    assert client.get(f"/reports/annual/{_year()}.pdf").status_code == 404


def test_rendering_twice_keeps_one_edition():
    annual_report_render_task(_year())
    annual_report_render_task(_year())
    assert ReportEdition.objects.count() == 1


def test_pdf_missing_is_404_not_a_render_on_request(client):
    assert client.get(f"/reports/annual/{_year()}.pdf").status_code == 404


def test_pdf_renderer_refuses_to_fetch_outside_urls():
    fetcher = LocalStaticFetcher(allowed_protocols=("file",))
    with pytest.raises(ValueError, match="Refusing"):
        fetcher("http://169.254.169.254/latest/meta-data")
    with pytest.raises(ValueError, match="Refusing"):
        fetcher("file:///etc/passwd")


def test_years_outside_the_range_are_404(client):
    assert client.get("/reports/annual/1999/").status_code == 404


def test_the_survey_answers_of_the_year_are_in_the_report(client, intake_user):
    from intake.filing import survey_answer
    from intake.services import allegation_add, case_close
    from tests.factories import AllegationTypeFactory, file_complaint

    for overall in (2, 5):
        case = file_complaint(contact_email="filer@example.org")
        allegation_add(case=case, allegation_type=AllegationTypeFactory(), actor=intake_user, reason="x")
        case_decide(case=case, decision="mediation", reason="Agreed", actor=intake_user)
        case_close(case=case, actor=intake_user, reason="Mediated")
        survey_answer(complaint=case.complaints.get(), answers={"overall": overall, "comments": ""}, actor=None)
    data = annual_report_data(year=_year())
    assert data["survey_answers"] == 2
    assert dict(data["survey"])["Overall, how satisfied are you?"] == 3.5
