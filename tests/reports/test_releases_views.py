"""The pages of the raw-data releases (issue 11 part B): public pages show published releases only and
stream downloads with their size and checksum; the staff page builds and publishes; roles are checked;
page query counts do not grow with the number of releases."""

import base64
import hashlib

import pytest
import time_machine
from django.urls import reverse

from oversight.accounts.roles import Role
from reports.models import DataRelease, DataReleaseFile
from reports.release_views import PAGE_SIZE
from tests.conftest import make_user

from .arrange_releases import BUILD_AT, build, publish, sensitive_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(intake_user, director):
    sensitive_case(intake_user)
    return build(director)


@pytest.fixture
def published(built, director):
    return publish(built, director, changelog="First release: cases since 2025")


def _get(client, url):
    with time_machine.travel(BUILD_AT.replace(month=9), tick=False):
        return client.get(url)


def test_the_public_page_shows_the_latest_release_with_its_files_checksums_and_changelog(client, published):
    response = _get(client, "/reports/data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "First release: cases since 2025" in html
    for row in published.files.all():
        assert row.sha256 in html
        assert reverse("reports:data-download", args=[1, row.dataset, row.format]) in html


def test_an_unpublished_release_is_not_there_for_the_public(client, built):
    assert "No release has been published yet." in _get(client, "/reports/data/").content.decode()
    assert _get(client, "/reports/data/1/").status_code == 404
    assert _get(client, "/reports/data/1/complaints.csv").status_code == 404
    assert _get(client, "/reports/data/1/manifest.json").status_code == 404


def test_a_download_streams_the_stored_bytes_with_their_length_and_checksum(client, published):
    row = published.files.get(dataset="allegations", format="csv")
    response = _get(client, "/reports/data/1/allegations.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == row.sha256 == response["X-Checksum-SHA256"]
    assert response["Content-Length"] == str(len(body))
    assert response["Repr-Digest"] == f"sha-256=:{base64.b64encode(hashlib.sha256(body).digest()).decode()}:"
    assert response["Content-Type"].startswith("text/csv")


def test_an_unknown_dataset_or_format_is_404(client, published):
    assert _get(client, "/reports/data/1/secrets.csv").status_code == 404
    assert _get(client, "/reports/data/1/complaints.xlsx").status_code == 404


def test_the_manifest_lists_every_file_with_its_sha256(client, published):
    manifest = _get(client, "/reports/data/1/manifest.json").json()
    assert manifest["changelog"] == "First release: cases since 2025"
    assert {(f["name"], f["sha256"]) for f in manifest["files"]} == {
        (f.filename, f.sha256) for f in published.files.all()
    }


def test_a_release_page_shows_that_release(client, published):
    response = _get(client, "/reports/data/1/")
    assert response.status_code == 200
    assert published.files.first().sha256 in response.content.decode()


def test_the_dictionary_page_shows_every_column_and_the_crosswalk_in_the_readers_language(client):
    html = _get(client, "/reports/data/dictionary/").content.decode()
    assert 'id="column-allegations-final_finding_ccrb"' in html
    assert "Unsubstantiated" in html
    response = client.get("/reports/data/dictionary/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200


def test_the_staff_page_lists_releases_and_offers_publishing_to_the_director(client, director, built):
    client.force_login(director)
    html = _get(client, "/reports/data/staff/").content.decode()
    assert 'id="release-1"' in html
    assert reverse("reports:data-publish", args=[built.pk]) in html


def test_the_administrator_builds_but_is_not_offered_publishing(client, admin_user, built):
    client.force_login(admin_user)
    html = _get(client, "/reports/data/staff/").content.decode()
    assert reverse("reports:data-publish", args=[built.pk]) not in html
    with time_machine.travel(BUILD_AT, tick=False):
        assert client.post(f"/reports/data/staff/{built.pk}/publish/", {"changelog": "x"}).status_code == 403


def test_the_build_button_starts_a_job_and_shows_its_page(client, director):
    client.force_login(director)
    with time_machine.travel(BUILD_AT, tick=False):
        response = client.post("/reports/data/staff/build/")
    release = DataRelease.objects.get()
    assert release.status == DataRelease.Status.BUILDING
    assert response.status_code == 302 and "/jobs/" in response["Location"]


def test_the_director_publishes_from_the_staff_page(client, director, built):
    client.force_login(director)
    with time_machine.travel(BUILD_AT, tick=False):
        response = client.post(f"/reports/data/staff/{built.pk}/publish/", {"changelog": "First release"})
    assert response.status_code == 302
    built.refresh_from_db()
    assert built.status == DataRelease.Status.PUBLISHED


def test_publishing_without_a_changelog_says_so_and_publishes_nothing(client, director, built):
    client.force_login(director)
    with time_machine.travel(BUILD_AT, tick=False):
        response = client.post(f"/reports/data/staff/{built.pk}/publish/", {"changelog": ""}, follow=True)
    assert "Say what changed" in response.content.decode()
    built.refresh_from_db()
    assert built.status == DataRelease.Status.BUILT


@pytest.mark.parametrize("role", [Role.INTAKE, Role.INVESTIGATOR, Role.BOARD, Role.LIAISON])
def test_other_roles_may_not_see_the_staff_page_build_or_publish(client, role, built):
    client.force_login(make_user(role, username=f"other-{role.value}"))
    with time_machine.travel(BUILD_AT, tick=False):
        assert client.get("/reports/data/staff/").status_code == 403
        assert client.post("/reports/data/staff/build/").status_code == 403
        assert client.post(f"/reports/data/staff/{built.pk}/publish/", {"changelog": "x"}).status_code == 403


def _many_releases(director, n):
    """``n`` published releases with two files each, inserted in bulk (only reads are tested)."""
    releases = DataRelease.objects.bulk_create(
        [
            DataRelease(
                version=v,
                status="published",
                period_start=BUILD_AT.date(),
                period_end=BUILD_AT.date(),
                created_by=director,
                published_by=director,
                published_at=BUILD_AT,
                built_at=BUILD_AT,
                changelog=f"Release {v}",
            )
            for v in range(1, n + 1)
        ]
    )
    DataReleaseFile.objects.bulk_create(
        DataReleaseFile(
            release=r, dataset=d, format="csv", file=f"reports/releases/x/{d}.csv", sha256="0" * 64, bytes=1, rows=1
        )
        for r in releases
        for d in ("complaints", "allegations")
    )


def test_the_public_page_makes_the_same_queries_for_more_releases_than_one_page(
    client, director, django_assert_max_num_queries
):
    _many_releases(director, PAGE_SIZE + 5)
    with django_assert_max_num_queries(4):
        response = _get(client, "/reports/data/")
    assert response.status_code == 200
    assert "Older releases" in response.content.decode()


def test_the_staff_page_makes_the_same_queries_for_more_releases_than_one_page(
    client, director, django_assert_max_num_queries
):
    _many_releases(director, PAGE_SIZE + 5)
    client.force_login(director)
    _get(client, "/reports/data/staff/")
    with django_assert_max_num_queries(12):
        response = _get(client, "/reports/data/staff/")
    assert response.status_code == 200
    assert response.content.decode().count('id="release-') == PAGE_SIZE
