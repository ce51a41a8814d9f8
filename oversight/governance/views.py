from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.audit.models import BylawsChange
from oversight.ratelimit import client_address

from .forms import BylawsSettingForm
from .models import BylawsSetting
from .permissions import can_record_bylaws
from .selectors import bylaws_value
from .services import bylaws_setting_set


def _page(request, form=None):
    rows = [(label, bylaws_value(key)) for key, label in BylawsSetting.Key.choices]
    labels = dict(BylawsSetting.Key.choices)
    history = [
        (change, labels.get(change.key, change.key))
        for change in BylawsChange.objects.select_related("recorded_by").order_by("-recorded_at", "-pk")[:20]
    ]
    if form is None and can_record_bylaws(request.user):
        form = BylawsSettingForm()
    return render(
        request,
        "governance/bylaws_settings.html",
        {"rows": rows, "form": form, "history": history},
        status=400 if form is not None and form.errors else 200,
    )


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def bylaws_settings(request):
    """The Board's voting numbers in force (R3.2) and the votes that set them."""
    return _page(request)


@role_required(Role.DIRECTOR)
@require_POST
def bylaws_setting_change(request):
    """The Director records a number the Board adopted by vote; panels already convened keep theirs."""
    form = BylawsSettingForm(request.POST)
    if form.is_valid():
        try:
            bylaws_setting_set(actor=request.user, client_address=client_address(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Bylaws change recorded. Panels already convened keep their numbers."))
            return redirect("governance:bylaws-settings")
    return _page(request, form)
