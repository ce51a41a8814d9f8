from django.http import Http404

from oversight.accounts.roles import Role, has_role

from .models import Finding, Investigation, RecordsRequest
from .permissions import can_answer_records_request


def records_request_list_visible_to(*, user):
    """Requests the user may see: a liaison sees only those addressed to their agency."""
    qs = RecordsRequest.objects.select_related("investigation__case", "requested_by")
    if has_role(user, Role.DIRECTOR):
        return qs
    if has_role(user, Role.INVESTIGATOR):
        return qs.filter(investigation__investigator=user)
    if can_answer_records_request(user):
        return qs.filter(agency=user.agency)
    return qs.none()


def records_request_get_for(*, user, pk):
    request = records_request_list_visible_to(user=user).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def investigation_for_case(case):
    return Investigation.objects.select_related("investigator").filter(case=case).first()


def finding_map_for_case(case):
    """{allegation_id: Finding} for a case, in one query."""
    return {f.allegation_id: f for f in Finding.objects.filter(allegation__case=case)}


def investigator_list():
    from oversight.accounts.models import User

    return User.objects.filter(groups__name=Role.INVESTIGATOR, is_active=True).order_by("last_name", "username")
