"""``{% panel_seating panel user %}``: the panel's frozen bylaws numbers in plain words, its seats (seated
members, alternates who stepped in, recusals with reasons, empty seats) and the recusal forms the user may use.
An inclusion tag, so the panel page (another part's view) needs no extra context (issue 9.2-9.4)."""

from django import template

from ..permissions import can_convene_panel
from ..seating import panel_rules, panel_seating
from ..seating_forms import RecusalForm, SeatVacateForm

register = template.Library()


@register.inclusion_tag("discipline/partials/_panel_seating.html")
def panel_seating_block(panel, user):
    seating = panel_seating(panel)
    is_open = panel.status == panel.Status.OPEN
    mine = next((s for s in seating["seated"] if s.member_id == user.pk), None)
    director = can_convene_panel(user)
    rules = panel_rules(panel)
    return {
        "panel": panel,
        "rules": rules,
        "plain_words": rules.plain_words(panel.size),
        "tie_rule": rules.get_tie_rule_display(),
        "seating": seating,
        "recusal_form": RecusalForm(prefix="recusal") if is_open and mine else None,
        "vacate_forms": [(s, SeatVacateForm(prefix=f"seat{s.pk}")) for s in seating["seated"]]
        if is_open and director
        else [],
    }


@register.inclusion_tag("discipline/partials/_seats.html")
def panel_seats_block(panel):
    """The seats alone, for pages that show them beside the result (part C's hearing view)."""
    return panel_seating(panel)
