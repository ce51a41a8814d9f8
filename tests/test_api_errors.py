"""One error shape for the API, and a schema that documents it on every operation (issue 13.7)."""

import pytest
from django.test import Client

from tests.arrange import case_received

pytestmark = pytest.mark.django_db

SCHEMA = "/api/schema/?format=json"


@pytest.fixture
def schema(client):
    return client.get(SCHEMA).json()


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def _body_schema(operation, code):
    return operation["responses"][code]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_every_operation_documents_its_refusals_in_the_shared_shapes(schema):
    for path, method, operation in _operations(schema):
        codes = operation["responses"]
        assert _body_schema(operation, "403") == "Error", (method, path)
        if "{" in path:
            assert _body_schema(operation, "404") == "Error", (method, path)
        if "requestBody" in operation:
            assert _body_schema(operation, "400") == "FieldErrors", (method, path)
            assert {"413", "415"} <= set(codes), (method, path)
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["detail"]
    assert components["FieldErrors"]["additionalProperties"]["items"] == {"type": "string"}


def test_the_records_answer_documents_the_upload_budget(schema):
    operation = schema["paths"]["/api/v1/records-requests/{id}/records/{record_pk}/answer/"]["post"]
    assert _body_schema(operation, "429") == "Error"


def test_a_path_under_the_api_that_names_no_endpoint_is_a_json_404(intake_user):
    client = Client()
    client.force_login(intake_user)
    response = client.get("/api/v1/cases/not-a-number/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")


def test_a_body_that_cannot_be_parsed_is_a_400_in_the_field_errors_shape(client, intake_user):
    case = case_received(intake_user)
    client.force_login(intake_user)
    response = client.post(f"/api/v1/cases/{case.pk}/decision/", "{not json", content_type="application/json")
    assert response.status_code == 400
    (message,) = response.json()["detail"]
    assert "JSON parse error" in message


def test_a_body_that_is_not_an_object_is_a_400_in_the_field_errors_shape(client, intake_user):
    case = case_received(intake_user)
    client.force_login(intake_user)
    response = client.post(f"/api/v1/cases/{case.pk}/decision/", "[1, 2]", content_type="application/json")
    assert response.status_code == 400 and set(response.json()) == {"non_field_errors"}
