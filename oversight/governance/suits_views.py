"""Staff pages of civil suits (R4.6): the list with filters, a suit, and the Director's forms."""

import django_filters
from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from oversight.accounts.roles import Role, role_required
from oversight.forms import AccessibleFormMixin, DateInput
from oversight.lists import Sort, is_filtered, list_page
from oversight.roster.models import Employee
from oversight.web import submit_form

from . import suits as svc
from .models import CivilSuit


class CivilSuitFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_l("Year filed"), field_name="filed_on", lookup_expr="year")
    status = django_filters.ChoiceFilter(label=_l("Status"), choices=CivilSuit.Status.choices, empty_label=_l("All"))
    nature = django_filters.ChoiceFilter(label=_l("Nature"), choices=CivilSuit.Nature.choices, empty_label=_l("All"))

    class Meta:
        model = CivilSuit
        fields = ["year", "status", "nature"]


class CivilSuitForm(AccessibleFormMixin, forms.Form):
    caption = forms.CharField(
        label=_l("Caption"), max_length=300, help_text=_l("For example: Doe v. City of Portland.")
    )
    court = forms.CharField(label=_l("Court"), max_length=200)
    court_case_number = forms.CharField(label=_l("Court case number"), max_length=80)
    filed_on = forms.DateField(label=_l("Filed on"), widget=DateInput)
    nature = forms.ChoiceField(label=_l("Nature"), choices=CivilSuit.Nature.choices)
    officers = forms.ModelMultipleChoiceField(
        label=_l("Officers named"),
        queryset=Employee.objects.filter(is_covered=True).order_by("last_name", "first_name"),
        required=False,
        help_text=_l("Covered Employees from the roster."),
    )
    city_is_defendant = forms.BooleanField(label=_l("The City is a defendant"), required=False)
    status = forms.ChoiceField(label=_l("Status"), choices=CivilSuit.Status.choices, initial=CivilSuit.Status.PENDING)
    resolved_on = forms.DateField(label=_l("Resolved on"), widget=DateInput, required=False)
    settlement_amount = forms.DecimalField(
        label=_l("Settlement amount (USD)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    judgment_amount = forms.DecimalField(
        label=_l("Judgment amount (USD)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    legal_fees = forms.DecimalField(
        label=_l("Legal fees paid by the City (USD)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    notes = forms.CharField(label=_l("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_l("Reason"), help_text=_l("For example: the City Attorney's report of the suit."))


SUIT_SORTS = {
    "filed": Sort(_l("Filed"), ("filed_on",)),
    "status": Sort(_l("Status"), ("status", "filed_on")),
    "nature": Sort(_l("Nature"), ("nature", "filed_on")),
}


@role_required(Role.BOARD, Role.DIRECTOR)
def civil_suit_list(request):
    """Every civil suit recorded, newest first, filtered by year, status and nature; totals of the year."""
    filters = CivilSuitFilter(request.GET or None, queryset=svc.civil_suit_list_visible_to(user=request.user))
    listing = list_page(request, filters.qs, sorts=SUIT_SORTS, default="-filed", filtered=is_filtered(filters))
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": filters.form,
        "can_record": svc.can_record_civil_suits(request.user),
    }
    return render(request, "governance/civil_suit_list.html", context)


@role_required(Role.BOARD, Role.DIRECTOR)
def civil_suit_detail(request, pk):
    suit = svc.civil_suit_get_for(user=request.user, pk=pk)
    context = {
        "suit": suit,
        "officers": list(suit.officers.all()),
        "can_record": svc.can_record_civil_suits(request.user),
    }
    return render(request, "governance/civil_suit_detail.html", context)


@role_required(Role.DIRECTOR)
def civil_suit_record(request):
    form = CivilSuitForm(request.POST or None)
    if request.method == "POST":
        suit = submit_form(request, form, svc.civil_suit_record, success=_("Civil suit recorded."), actor=request.user)
        if suit is not None:
            return redirect("governance:civil-suit-detail", pk=suit.pk)
    return render(request, "governance/civil_suit_form.html", {"form": form}, status=400 if form.errors else 200)


@role_required(Role.DIRECTOR)
def civil_suit_edit(request, pk):
    suit = svc.civil_suit_get_for(user=request.user, pk=pk)
    initial = {name: getattr(suit, name) for name in svc.FIELDS} | {"officers": list(suit.officers.all())}
    form = CivilSuitForm(request.POST or None, initial=initial)
    if request.method == "POST":
        done = submit_form(
            request, form, svc.civil_suit_update, success=_("Civil suit updated."), actor=request.user, suit=suit
        )
        if done is not None:
            return redirect("governance:civil-suit-detail", pk=suit.pk)
    context = {"form": form, "suit": suit}
    return render(request, "governance/civil_suit_form.html", context, status=400 if form.errors else 200)
