from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oversight.accounts.roles import Role, role_required
from oversight.web import call_service

from .forms import BylawsSettingForm
from .models import BylawsSetting
from .selectors import bylaws_value
from .services import bylaws_setting_set


@role_required(Role.BOARD, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def bylaws_settings(request):
    """The Board's voting numbers (R3.2), shown with their history and changed through the service."""
    form = BylawsSettingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(
            request, bylaws_setting_set, success=_("Bylaws setting recorded."), actor=request.user, **form.cleaned_data
        ):
            return redirect("governance:bylaws-settings")
    rows = [(label, bylaws_value(key)) for key, label in BylawsSetting.Key.choices]
    history = BylawsSetting.history.select_related("history_user").order_by("-history_date")[:20]
    return render(
        request,
        "governance/bylaws_settings.html",
        {"rows": rows, "form": form, "history": history},
        status=400 if form.errors else 200,
    )
