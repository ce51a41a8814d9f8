"""Hearings (issue 9.5) and the hearing view (R3.4, issue 9.6): services and selectors.

- ``hearing_schedule`` / ``hearing_cancel``: the Director sets a panel's public meeting; the notice is
  published when it is scheduled and must precede it by the panel's notice days (Oregon public
  meetings law, ORS 192.640; the number of days is the bylaws', frozen on the panel).
- ``Tally``: one allegation's votes against the panel's quorum and threshold, in plain words.
- ``hearing_view_rows``: the hearing view's rows, in a constant number of queries.
- ``packet_context``: what one reader's packet holds, each part through need-to-know.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intake.chief import allegations_for_board
from investigations.models import Evidence, Finding, FindingOutcome, Interview
from oversight.accounts import need_to_know as ntk
from oversight.history import save_audited

from .models import Hearing, Panel, PanelSeat, Vote
from .models.panels import VoteChoice
from .permissions import can_convene_panel

# Hearings listed on the public site: every upcoming one, and those of the last few weeks (which say
# they are past), so a visitor who read a notice still finds it.
PUBLIC_PAST_DAYS = 30


# Tally


@dataclass(frozen=True)
class Tally:
    """One allegation's votes against the panel's frozen quorum and threshold (R3.2)."""

    size: int
    threshold: object
    quorum: object
    votes: tuple = field(default_factory=tuple)  # the findings voted, ``abstain`` included

    @property
    def cast(self):
        return len(self.votes)

    @property
    def abstained(self):
        return sum(1 for v in self.votes if v == VoteChoice.ABSTAIN)

    @property
    def counts(self):
        """{finding: votes}, most votes first; abstentions are not a finding."""
        return Counter(v for v in self.votes if v != VoteChoice.ABSTAIN).most_common()

    @property
    def quorum_needed(self):
        return math.ceil(self.quorum * self.size)

    @property
    def adopt_needed(self):
        return math.ceil(self.threshold * self.size)

    @property
    def has_quorum(self):
        # An abstaining member took part: they count toward quorum, and for no finding.
        return self.size > 0 and self.cast >= self.quorum_needed

    @property
    def adopted(self):
        """The finding adopted, or '' (no quorum, nothing at the threshold, or a tie at the top)."""
        counts = self.counts
        if not self.has_quorum or not counts:
            return ""
        finding, count = counts[0]
        tied = len(counts) > 1 and counts[1][1] == count
        return finding if count >= self.adopt_needed and not tied else ""

    @property
    def votes_for_adopted(self):
        return dict(self.counts).get(self.adopted, 0) if self.adopted else (self.counts[0][1] if self.counts else 0)

    def plain_words(self):
        """ "2 of 3 have voted; 2 must vote; 2 must agree. Out of Policy (sustained) has 2.\""""
        parts = [
            ngettext("%(cast)s of %(size)s members has voted", "%(cast)s of %(size)s members have voted", self.cast)
            % {"cast": self.cast, "size": self.size},
            ngettext("%(n)s must vote", "%(n)s must vote", self.quorum_needed) % {"n": self.quorum_needed},
            ngettext("%(n)s must agree", "%(n)s must agree", self.adopt_needed) % {"n": self.adopt_needed},
        ]
        text = "; ".join(parts) + "."
        counts = [
            ngettext("%(finding)s has %(n)s", "%(finding)s has %(n)s", n) % {"finding": FindingOutcome(f).label, "n": n}
            for f, n in self.counts
        ]
        if self.abstained:
            counts.append(ngettext("%(n)s abstained", "%(n)s abstained", self.abstained) % {"n": self.abstained})
        return f"{text} {'; '.join(counts)}." if counts else text


def panel_tally(panel, votes, size):
    return Tally(size=size, threshold=panel.threshold, quorum=panel.quorum, votes=tuple(votes))


def panel_tallies(panel):
    """{allegation_id: Tally} for every allegation before the panel, in two queries."""
    size = panel.members.count()
    by_allegation = defaultdict(list)
    for allegation_id, finding in Vote.objects.filter(panel=panel).values_list("allegation_id", "finding"):
        by_allegation[allegation_id].append(finding)
    ids = allegations_for_board(panel.case).values_list("pk", flat=True)
    return {pk: panel_tally(panel, by_allegation[pk], size) for pk in ids}


# Hearings


def _agenda(panel):
    """The public agenda: case number, kind of panel, allegations counted by type. Names no one."""
    types = (
        allegations_for_board(panel.case)
        .values("allegation_type__name")
        .annotate(n=Count("pk"))
        .order_by("allegation_type__name")
    )
    return {
        "case_number": panel.case.number,
        "panel_kind": panel.kind,
        "allegations": [[row["allegation_type__name"], row["n"]] for row in types],
    }


@transaction.atomic
def hearing_schedule(*, panel, starts_at, actor, place="", online_link="", reason="Hearing scheduled"):
    """Schedules a panel's hearing and publishes its notice now, at least the panel's notice days ahead."""
    if not can_convene_panel(actor):
        raise PermissionDenied
    panel = Panel.objects.select_for_update().select_related("case").get(pk=panel.pk)
    same = panel.hearings.filter(
        starts_at=starts_at, place=place, online_link=online_link, status=Hearing.Status.SCHEDULED
    ).first()
    if same:
        return same
    if panel.status != Panel.Status.OPEN:
        raise ValidationError({"starts_at": _("This panel has decided; it holds no more hearings.")})
    now = timezone.now()
    days = panel.notice_days
    if starts_at < now + timedelta(days=days):
        raise ValidationError(
            {
                "starts_at": ngettext(
                    "Oregon public meetings law: the public notice must be published at least %(n)s day before the "
                    "hearing (the bylaws' notice period for this panel). Choose a later date.",
                    "Oregon public meetings law: the public notice must be published at least %(n)s days before the "
                    "hearing (the bylaws' notice period for this panel). Choose a later date.",
                    days,
                )
                % {"n": days}
            }
        )
    if not (place.strip() or online_link.strip()):
        raise ValidationError({"place": _("Give a place, an online link, or both.")})
    hearing = Hearing(
        panel=panel,
        starts_at=starts_at,
        place=place.strip(),
        online_link=online_link.strip(),
        notice_published_at=now,
        agenda=_agenda(panel),
        scheduled_by=actor,
    )
    return save_audited(hearing, actor=actor, reason=reason)


@transaction.atomic
def hearing_cancel(*, hearing, actor, reason, status=Hearing.Status.CANCELLED):
    """Cancels or postpones a scheduled hearing; the public notice says so, with the reason."""
    if not can_convene_panel(actor):
        raise PermissionDenied
    if status not in (Hearing.Status.CANCELLED, Hearing.Status.POSTPONED):
        raise ValidationError({"status": _("A hearing is cancelled or postponed.")})
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.status == status:
        return hearing
    if hearing.status != Hearing.Status.SCHEDULED:
        raise ValidationError({"status": _("Only a scheduled hearing can be cancelled or postponed.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why, for the public notice.")})
    hearing.status, hearing.status_reason = status, reason.strip()[:300]
    return save_audited(hearing, actor=actor, reason=reason[:100], update_fields=["status", "status_reason"])


def hearing_list_for_panel(panel):
    return list(Hearing.objects.filter(panel=panel).order_by("starts_at", "pk"))


def hearing_list_public(*, now):
    """Hearings the public site lists: upcoming, and the recent past; no row carries a name."""
    return Hearing.objects.filter(starts_at__gte=now - timedelta(days=PUBLIC_PAST_DAYS)).order_by("starts_at", "pk")


# The hearing view


def _relied_on(case, user):
    """({finding_id: [evidence the user may see]}, {finding_id: number withheld}), in two queries."""
    through = Finding.evidence_relied_on.through.objects.filter(finding__allegation__case=case)
    pairs = list(through.values_list("finding_id", "evidence_id"))
    shown = ntk.with_shown_fields(
        ntk.visible(Evidence.objects.filter(pk__in=[e for _f, e in pairs]), user), user, "file"
    )
    shown = {e.pk: e for e in shown}
    relied, withheld = defaultdict(list), Counter()
    for finding_id, evidence_id in pairs:
        if evidence_id in shown:
            relied[finding_id].append(shown[evidence_id])
        else:
            withheld[finding_id] += 1
    return relied, withheld


def panel_seat_list(panel):
    """Every seat on the panel with its member, seated first; a panel convened before seats has none."""
    return list(PanelSeat.objects.filter(panel=panel).select_related("member").order_by("status", "pk"))


def hearing_view_rows(panel, user, *, members, seats):
    """Per allegation: the investigator's finding and rationale, the evidence behind it the user may
    open, each member's vote (or "recused"), the live tally and the result. Constant queries."""
    case = panel.case
    allegations = list(
        allegations_for_board(case).select_related("allegation_type", "employee", "finding").order_by("pk")
    )
    relied, withheld = _relied_on(case, user)
    votes = defaultdict(dict)
    for vote in Vote.objects.filter(panel=panel):
        votes[vote.allegation_id][vote.member_id] = vote
    results = {r.allegation_id: r for r in panel.results.all()}
    recused = [s for s in seats if s.status != PanelSeat.Status.SEATED]
    rows = []
    for allegation in allegations:
        finding = getattr(allegation, "finding", None)
        mine = votes[allegation.pk]
        rows.append(
            {
                "allegation": allegation,
                "finding": finding,
                "evidence": relied.get(finding.pk, []) if finding else [],
                "withheld": withheld.get(finding.pk, 0) if finding else 0,
                "votes": [{"member": m, "vote": mine.get(m.pk)} for m in members],
                "recused": recused,
                "tally": panel_tally(panel, [v.finding for v in mine.values()], len(members)),
                "result": results.get(allegation.pk),
            }
        )
    return rows


# The packet


def packet_context(panel, user):
    """One reader's packet (issue 9.5, R2.11): summary, allegations, recommended findings with rationale
    and the evidence relied on, the evidence list, interview summaries; every part through need-to-know,
    and what the reader may not read counted as withheld."""
    case = panel.case
    seats = panel_seat_list(panel)
    members = list(panel.members.order_by("last_name", "pk"))
    rows = hearing_view_rows(panel, user, members=members, seats=seats)
    investigation = getattr(case, "investigation", None)
    evidence, interviews, hidden_evidence, hidden_interviews = [], [], 0, 0
    if investigation is not None:
        all_evidence = Evidence.objects.filter(investigation=investigation)
        evidence = list(ntk.with_shown_fields(ntk.visible(all_evidence, user), user, "file").order_by("pk"))
        hidden_evidence = all_evidence.count() - len(evidence)
        all_interviews = Interview.objects.filter(investigation=investigation)
        interviews = list(
            ntk.with_shown_fields(ntk.visible(all_interviews, user), user, "statement")
            .select_related("employee")
            .order_by("scheduled_at", "pk")
        )
        hidden_interviews = all_interviews.count() - len(interviews)
    from intake.selectors import complaint_list_shown_to

    return {
        "panel": panel,
        "case": case,
        "reader": user,
        "rows": rows,
        "investigation": investigation,
        "complaints": complaint_list_shown_to(user=user, case=case),
        "evidence": evidence,
        "hidden_evidence": hidden_evidence,
        "interviews": interviews,
        "hidden_interviews": hidden_interviews,
        "stored_report": investigation.report_pdf if investigation is not None and investigation.report_pdf else None,
        "rendered_at": timezone.now(),
    }
