"""The public's page of civil suits (R4.6): counts by nature and totals per year. It names no officer."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public

from .models import CivilSuit
from .suits import civil_suits_public_by_year


@public
@require_GET
def civil_suits(request):
    """Per year: suits filed by nature, and settlements, judgments and legal fees of suits resolved."""
    years = civil_suits_public_by_year()
    for row in years:
        row["nature_rows"] = [(label, row["by_nature"][value]) for value, label in CivilSuit.Nature.choices]
    return render(request, "participate/civil_suits.html", {"years": years})
