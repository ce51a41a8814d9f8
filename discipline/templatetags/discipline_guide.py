"""``{% discipline_proposals panel user %}``: the discipline the panel proposes and adopts by vote, with the
forms the user may use (issue 9.7), and each decision's Loudermill state (issue 9.8). An inclusion tag, so
the panel page (another part's view) needs no extra context."""

from django import template

from ..guide import can_propose_discipline, case_awaits_discipline, guide_in_force, panel_discipline_rows, votes_needed
from ..guide_forms import ProposalForm, ProposalVoteForm
from ..permissions import can_convene_panel, is_panel_member

register = template.Library()


@register.inclusion_tag("discipline/partials/_discipline_proposals.html", takes_context=True)
def discipline_proposals(context, panel, user):
    rows = panel_discipline_rows(panel, user)
    if not rows:
        return {"rows": []}
    member = is_panel_member(user, panel)
    may_propose = can_propose_discipline(user, panel) and case_awaits_discipline(panel.case)
    guide = guide_in_force() if may_propose else None
    to_adopt, for_quorum, size = votes_needed(panel)
    for row in rows:
        open_one = row["open"]
        row["vote_form"] = (
            ProposalVoteForm(initial={"choice": row["my_vote"]}, prefix=f"p{open_one.pk}")
            if open_one and member
            else None
        )
        row["proposal_form"] = (
            ProposalForm(guide=guide, prefix=f"d{row['allegation'].pk}")
            if guide and not open_one and not row["decision"]
            else None
        )
    return {
        "rows": rows,
        "panel": panel,
        "guide": guide,
        "to_adopt": to_adopt,
        "for_quorum": for_quorum,
        "size": size,
        "is_director": can_convene_panel(user),
        "csrf_token": context.get("csrf_token"),
    }
