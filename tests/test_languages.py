"""The public pages speak six languages, the choice is remembered, and the paper form prints in
each of them (R1.1)."""

import re
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from intake import paper_form
from oversight.notices.models import Notice

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# A heading of the paper form and of the home page in each language.
PAPER_TITLE = {
    "en": "Complaint form",
    "es": "Formulario de queja",
    "vi": "Mẫu đơn khiếu nại",
    "zh-hans": "投诉表",
    "ru": "Форма жалобы",
    "so": "Foomka cabashada",
}
HOME_HEADING = {
    "en": "Police oversight in Portland",
    "es": "Supervisión de la policía en Portland",
    "vi": "Giám sát cảnh sát tại Portland",
    "zh-hans": "波特兰的警务监督",
    "ru": "Контроль за полицией в Портленде",
    "so": "Kormeerka booliska ee Portland",
}


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_somali_has_locale_data_named_in_itself():
    info = get_language_info("so")
    assert (info["name"], info["name_local"], info["bidi"]) == ("Somali", "Soomaali", False)


def test_every_page_offers_each_language_named_in_itself(client):
    page = client.get("/").content.decode()
    for code in LANGUAGES:
        name = get_language_info(code)["name_local"]
        name = name[0].upper() + name[1:]
        assert re.search(rf'name="language" value="{code}" lang="{code}"[^>]*>{re.escape(name)}</button>', page), code
    assert 'action="/i18n/setlang/"' in page
    assert 'name="next" value="/"' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_choice_is_remembered_on_the_next_page(client, language):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/complaints/new/"})
    assert response.status_code == 302
    assert response["Location"] == "/complaints/new/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    home = client.get("/")
    assert html_lang(home) == language
    assert HOME_HEADING[language] in home.content.decode()


def test_the_language_cookie_lasts_a_year_and_is_not_readable_by_scripts(client):
    cookie = client.post("/i18n/setlang/", {"language": "es", "next": "/"}).cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_in_production_the_language_cookie_is_secure():
    from tests.test_deploy import BASE_DIR, production_env

    code = "from django.conf import settings as s; print(s.LANGUAGE_COOKIE_NAME, s.LANGUAGE_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["__Host-ocpa_language", "True"], result.stderr


def test_a_first_visit_follows_the_browser_language(client):
    response = client.get("/", headers={"accept-language": "vi,en;q=0.5"})
    assert html_lang(response) == "vi"


def test_english_stays_the_default(client):
    response = client.get("/")
    assert html_lang(response) == "en"
    assert HOME_HEADING["en"] in response.content.decode()


def test_a_form_with_errors_comes_back_in_somali(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "so"
    response = client.post("/complaints/new/", {"submission_key": str(uuid.uuid4())})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Fadlan sax waxyaabahan" in body
    assert "Qaybtan waa waajib." in body


def test_the_filer_is_told_in_the_language_they_filed_in(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.post(
        "/complaints/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "filer_type": "complainant",
            "narrative": "Un agente me empujó.",
            "incident_on": "2026-01-05",
            "incident_place": "SE Hawthorne",
            "contact_email": "ana@example.invalid",
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get(recipient_address="ana@example.invalid")
    assert notice.subject.startswith("Recibimos su queja")
    assert "número de caso" in notice.body


def pdf_text(pdf, tmp_path):
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_paper_form_prints_in_each_language(client, language, tmp_path, settings):
    settings.OCPA_PHONE = "503-555-0100"
    response = client.get(f"/complaints/paper-form.pdf?lang={language}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Language"] == language
    text = pdf_text(response.content, tmp_path)
    assert PAPER_TITLE[language] in text
    assert "503-555-0100" in text and "Portland, OR" in text
    with translation.override(language):
        for field in paper_form.paper_fields():
            assert field.label.split()[0] in text, field.label


def test_the_paper_form_follows_the_visitor_language_without_a_parameter(client, tmp_path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get("/complaints/paper-form.pdf")
    assert response["Content-Language"] == "ru"
    assert PAPER_TITLE["ru"] in pdf_text(response.content, tmp_path)


def test_an_unknown_language_gets_the_english_form(client):
    assert client.get("/complaints/paper-form.pdf?lang=xx")["Content-Language"] == "en"


def test_the_paper_form_is_rendered_once_then_served_from_the_cache(settings, monkeypatch):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "paper"}}
    calls = []
    real = paper_form.render_pdf
    monkeypatch.setattr(paper_form, "render_pdf", lambda *a, **k: calls.append(a) or real(*a, **k))
    first = paper_form.paper_form_pdf("es")
    assert paper_form.paper_form_pdf("es") == first
    assert len(calls) == 1
    settings.OCPA_PHONE = "503-555-0199"  # new contact details: a new version, rendered again
    paper_form.paper_form_pdf("es")
    assert len(calls) == 2


@pytest.mark.parametrize("page", ["/", "/complaints/new/"])
def test_home_and_complaint_pages_link_the_paper_form_in_the_current_language(client, page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    body = client.get(page).content.decode()
    assert 'href="/complaints/paper-form.pdf?lang=zh-hans"' in body
    assert "打印纸质表格 (PDF)" in body


def test_a_missing_page_says_so_in_the_visitor_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == "ru"
    assert "Страница не найдена" in response.content.decode()
