"""The staff case page is in sections (issue 12.2): what a user can read of a case is every section
they may open. Tests that prove something is never shown read them all."""

from intake.sections import SECTIONS


def case_page_urls(case):
    base = f"/complaints/staff/cases/{case.pk}/"
    return [base, *(f"{base}{section.key}/" for section in SECTIONS)]


def case_page_text(client, case):
    """Every section of the case page this client may open, as one text (404s left out), for absence
    checks; fetch one section for a presence check."""
    pages = []
    for url in case_page_urls(case):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        if response.status_code == 200:
            pages.append(response.content.decode())
    return "\n".join(pages)
