"""Headers every response carries (issue 13): no-store where case data is, Permissions-Policy,
Referrer-Policy and a strict Content-Security-Policy without 'unsafe-inline'."""

import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from tests.arrange import case_received
from tests.intake.public import file_through_form, program

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in policy.split(";")) if part}


# Cache-Control: no-store


def test_a_staff_page_is_never_stored(client, intake_user):
    client.force_login(intake_user)
    case = case_received(intake_user)
    response = client.get(f"/complaints/staff/cases/{case.pk}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_staff_queue_is_never_stored(client, intake_user):
    client.force_login(intake_user)
    assert "no-store" in client.get("/complaints/staff/")["Cache-Control"]


def test_an_api_answer_is_never_stored(client, intake_user):
    client.force_login(intake_user)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_api_refusal_is_never_stored(client):
    response = client.get("/api/v1/cases/")
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]


def test_the_staff_login_redirect_is_never_stored(client):
    response = client.get("/complaints/staff/")
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_the_status_page_is_never_stored(client):
    file_through_form(client)
    response = client.get("/complaints/status/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_status_page_shown_again_after_a_refused_addition_is_never_stored(client):
    file_through_form(client)
    response = client.post("/complaints/status/add/", {"body": "Here is the video", "attachments": [program()]})
    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]


def test_the_public_home_page_keeps_its_own_caching(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_public_page_seen_by_signed_in_staff_is_never_stored(client, intake_user):
    # The frame of a signed-in page carries the staff navigation and the user's session.
    client.force_login(intake_user)
    assert "no-store" in client.get("/")["Cache-Control"]


# Permissions-Policy and Referrer-Policy


@pytest.mark.parametrize("url", ["/", "/complaints/new/", "/api/v1/cases/", "/complaints/staff/", "/api/schema/"])
def test_every_response_denies_powerful_browser_features(client, url):
    policy = client.get(url)["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


@pytest.mark.parametrize("url", ["/", "/api/v1/cases/", "/complaints/staff/"])
def test_every_response_sends_no_referrer_off_the_site(client, url):
    assert client.get(url)["Referrer-Policy"] == "same-origin"


# Content-Security-Policy


STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def test_the_public_pages_carry_the_strict_policy(client):
    for url in ("/", "/complaints/new/", "/complaints/status/", "/accounts/login/"):
        directives = _directives(client.get(url))
        for name, sources in STRICT.items():
            assert directives[name] == sources, (url, name)


def test_staff_pages_and_the_api_carry_the_strict_policy(client, intake_user):
    client.force_login(intake_user)
    case = case_received(intake_user)
    for url in (f"/complaints/staff/cases/{case.pk}/", "/api/v1/cases/"):
        directives = _directives(client.get(url))
        for name, sources in STRICT.items():
            assert directives[name] == sources, (url, name)


def test_the_admin_site_runs_under_the_same_policy(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert _directives(response)["style-src"] == ["'self'"]


def test_no_response_allows_inline_code(client):
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]
    assert "unsafe-eval" not in client.get("/")["Content-Security-Policy"]


def test_a_page_that_uses_the_nonce_has_it_in_script_src():
    from oversight.middleware import ContentSecurityPolicyMiddleware

    template = Template('<script nonce="{{ request.csp_nonce }}">1</script>')
    middleware = ContentSecurityPolicyMiddleware(
        lambda request: HttpResponse(template.render(Context({"request": request})))
    )
    response = middleware(RequestFactory().get("/"))
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert _directives(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]


def test_an_inline_pdf_has_no_page_policy_but_still_refuses_framing(client):
    # Chrome draws an inline PDF in an <embed> that object-src 'none' would block (crbug.com/271452).
    response = client.get("/complaints/paper-form.pdf?lang=en")
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_template_needs_unsafe_inline():
    """Inline <script>, style="" and on*="" handlers would need 'unsafe-inline' (PDF templates are
    read by WeasyPrint, never by a browser, so their <style> is fine)."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if path.name.endswith("_pdf.html"):
            continue
        html = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) and "csp_nonce" not in html:
            offenders.append(f"{path}: inline <script>")
        if re.search(r"<style\b", html) or re.search(r"\sstyle\s*=", html):
            offenders.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+\s*=", html):
            offenders.append(f"{path}: inline event handler")
    assert offenders == []
