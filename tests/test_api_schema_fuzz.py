"""Schemathesis over the published schema (issue 13.7): every operation, as every role that uses
the API (with an API token, as PPB's integration calls), against the WSGI app in this process. No
answer is a 5xx; every answer's status, content type and body are the ones /api/schema/ documents
(oversight/api.py: the error shapes); invalid input is refused.

Bounded for CI (about a minute on two cores): FUZZ_EXAMPLES generated requests per operation and
role plus the coverage phase's deterministic cases, derandomized, so a run is the same every time.
Half the generated ids are replaced by ids that exist, so the successful answers (200, 201) are
checked against the schema too, not only the 404s.
"""

import re
from urllib.parse import urlsplit

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from investigations.services import records_request_send
from oversight.accounts.roles import Role
from oversight.calendar.models import Deadline
from oversight.wsgi import application
from tests.arrange import case_investigating, case_received

FUZZ_EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
SCHEMA_URL = "/api/schema/?format=json"
FUZZ_SETTINGS = hypothesis_settings(
    suppress_health_check=list(HealthCheck), deadline=None, derandomize=True, database=None
)


def _load(*, examples, coverage):
    with override_settings(ALLOWED_HOSTS=["localhost"]):  # the WSGI client's host, whatever DEBUG is
        loaded = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)
    # The token is set by the test, not generated. Unknown query parameters are ignored, as HTTP
    # APIs commonly do, so sending one is not "invalid data".
    loaded.config.generation.update(
        max_examples=examples, deterministic=True, with_security_parameters=False, allow_extra_parameters=False
    )
    loaded.config.phases.coverage.enabled = coverage
    return loaded


# Each role over the operations it may use: generated requests, and the coverage phase's
# boundary and invalid values for every parameter and body field.
schema = _load(examples=FUZZ_EXAMPLES, coverage=True)
# A signed-in role with no endpoint, over every operation: each answer is the documented 403.
refused_schema = _load(examples=3, coverage=False)


def _allowed_roles(operation):
    view = resolve(re.sub(r"\{\w+\}", "1", operation.path)).func
    return view.view_class.allowed_roles


@pytest.fixture(autouse=True)
def connection_kept_across_requests():
    """Django's own test client does this: a request's end would otherwise close the connection
    that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def known_ids(intake_user, director, investigator, board_members, liaison):
    """Rows every role can reach: a received case (to decide), one against an officer not yet
    identified, and an investigated one with a records request of two records (to answer)."""
    received = case_received(intake_user)
    unidentified = case_received(intake_user, employee=None)
    investigated = case_investigating(intake_user, director, investigator)
    request = records_request_send(investigation=investigated.investigation, records_sought="a\nb", actor=investigator)
    return {
        "/api/v1/cases/{id}/": {"id": [received.pk, unidentified.pk, investigated.pk]},
        "/api/v1/cases/{id}/decision/": {"id": [received.pk]},
        "/api/v1/investigations/{id}/": {"id": [investigated.investigation.pk]},
        "/api/v1/records-requests/{id}/": {"id": [request.pk]},
        "/api/v1/records-requests/{id}/records/{record_pk}/answer/": {
            "id": [request.pk],
            "record_pk": list(request.records.values_list("pk", flat=True)),
        },
    }


def _use_known_ids(case, known):
    """Replaces every other generated whole-number id by a real one, chosen by the generated value
    (so the run stays deterministic)."""
    for name, ids in known.get(case.operation.path, {}).items():
        value = (case.path_parameters or {}).get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value % 2 == 0:
            case.path_parameters[name] = ids[(value // 2) % len(ids)]


def _call(case, user, known_ids, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    token, _ = Token.objects.get_or_create(user=user)
    _use_known_ids(case, known_ids)
    return case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)


def _role_test(role):
    @schema.include(lambda ctx: role in _allowed_roles(ctx.operation)).parametrize()
    @FUZZ_SETTINGS
    @pytest.mark.django_db
    def test(case, users_by_role, known_ids, settings):
        _call(case, users_by_role[role], known_ids, settings)

    return test


test_intake_staff_get_documented_answers = _role_test(Role.INTAKE)
test_investigator_gets_documented_answers = _role_test(Role.INVESTIGATOR)
test_director_gets_documented_answers = _role_test(Role.DIRECTOR)
test_board_member_gets_documented_answers = _role_test(Role.BOARD)
test_ppb_liaison_gets_documented_answers = _role_test(Role.LIAISON)


@schema.include(lambda ctx: _allowed_roles(ctx.operation) == "public").parametrize()
@FUZZ_SETTINGS
@pytest.mark.django_db
def test_anyone_gets_documented_answers_from_the_public_api(case, known_ids, settings):
    """The public reads (the Board's published documents, issue 10) answer without a login."""
    settings.ALLOWED_HOSTS = ["localhost"]
    _use_known_ids(case, known_ids)
    case.call_and_validate(checks=CHECKS)


@refused_schema.include(lambda ctx: _allowed_roles(ctx.operation) != "public").parametrize()
@FUZZ_SETTINGS
@pytest.mark.django_db
def test_a_role_without_the_api_gets_the_documented_refusal(case, admin_user, known_ids, settings):
    response = _call(case, admin_user, known_ids, settings)
    # A path that names no endpoint (an id that is not a whole number) is a 404 before any role check.
    assert response.status_code == (403 if _resolves(urlsplit(response.request.url).path) else 404)


def _resolves(path):
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@pytest.mark.django_db
def test_an_unidentified_officer_is_a_null_badge_as_documented(intake_user, settings):
    case = case_received(intake_user, employee=None)
    operation = schema["/api/v1/cases/{id}/"]["GET"]
    response = _call(operation.Case(path_parameters={"id": case.pk}), intake_user, {}, settings)
    assert [a["employee_badge"] for a in response.json()["allegations"]] == [None]


@pytest.mark.django_db
def test_an_investigation_without_a_clock_is_a_null_due_date_as_documented(
    intake_user, director, investigator, settings
):
    case = case_investigating(intake_user, director, investigator)
    Deadline.objects.filter(rule=Deadline.Rule.INVESTIGATION_180D).delete()
    operation = schema["/api/v1/investigations/{id}/"]["GET"]
    response = _call(operation.Case(path_parameters={"id": case.investigation.pk}), director, {}, settings)
    assert response.json()["due_at"] is None
