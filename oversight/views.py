from django.shortcuts import render
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public


@public
@require_GET
def home(request):
    return render(request, "public/home.html")
