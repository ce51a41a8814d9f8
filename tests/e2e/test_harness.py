import pytest

from .axe import assert_no_axe_violations, axe_violations


@pytest.mark.django_db
def test_home_page_has_language_title_and_no_axe_violations(live_server, page):
    response = page.goto(live_server.url + "/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Police Oversight Portland" in page.title()
    assert_no_axe_violations(page)


def test_axe_helper_reports_a_known_violation(page):
    page.set_content("<!DOCTYPE html><html><head><title>t</title></head><body><img src='x.png'></body></html>")

    ids = {v["id"] for v in axe_violations(page)}

    assert {"html-has-lang", "image-alt"} <= ids
