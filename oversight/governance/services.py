from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.roles import Role, has_role
from oversight.audit.models import BylawsChange
from oversight.history import save_audited

from .models import (
    AdoptingBody,
    BoardMembership,
    BoardTraining,
    Body,
    BodyRule,
    BylawsSetting,
    BylawsVersion,
    SubCommittee,
    SubCommitteeAction,
    TieRule,
    TrainingCompletion,
)
from .permissions import can_record_board, can_record_bylaws
from .selectors import body_rules

RULE_FIELDS = ("size", "quorum", "threshold", "tie_rule", "appeal_window_days", "notice_days", "training_required")


def _require_reason(reason, errors=None):
    errors = {} if errors is None else errors
    if not str(reason or "").strip():
        errors["reason"] = _("Give the reason.")
    return errors


def _not_future(errors, field, day, message):
    if day is not None and day > timezone.localdate():
        errors[field] = message


def _check_vote(*, key, value, vote_on, adopting_body, reason):
    errors = {} if str(reason).strip() else {"reason": _("Give the reason: the amendment and the meeting.")}
    if key == BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD and value <= Decimal("0.5"):
        # At one half or less two findings could both pass (a tie): a result must be unambiguous.
        errors["value"] = _("The threshold must be more than one half of the panel.")
    if vote_on is None:
        errors["vote_on"] = _("Give the date of the vote that adopted the change.")
    elif vote_on > timezone.localdate():
        errors["vote_on"] = _("The vote cannot be in the future.")
    if adopting_body not in BylawsChange.AdoptingBody.values:
        errors["adopting_body"] = _("Name the body that adopted the change.")
    if errors:
        raise ValidationError(errors)


def _free_label(label):
    candidate, n = label, 1
    while BylawsVersion.objects.filter(label=candidate).exists():
        n += 1
        candidate = f"{label} ({n})"
    return candidate


@transaction.atomic
def bylaws_setting_set(*, key, value, vote_on, adopting_body, actor, reason, client_address=""):
    """Records one hearings-panel number adopted by a vote (the page before versions): a new bylaws version
    that changes only that number. Panels already convened keep the numbers they were convened under."""
    if not can_record_bylaws(actor):
        raise PermissionDenied(_("The Director records the bylaws changes the Board adopted."))
    _check_vote(key=key, value=value, vote_on=vote_on, adopting_body=adopting_body, reason=reason)
    row = BylawsSetting.objects.select_for_update().filter(key=key).first() or BylawsSetting(key=key)
    if row.pk and (row.value, row.adopted_on) == (value, vote_on):
        return row  # the same vote recorded twice
    before = row.value if row.pk else None
    row.value, row.adopted_on = value, vote_on
    body = BylawsChange.AdoptingBody(adopting_body)
    save_audited(row, actor=actor, reason=f"Vote of {vote_on.isoformat()} ({body.value}): {reason}")
    field = "threshold" if key == BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD else "quorum"
    numbers = {name: getattr(body_rules(Body.HEARINGS, on=vote_on), name) for name in RULE_FIELDS}
    _version_create(
        actor=actor,
        label=_free_label(f"Vote of {vote_on.isoformat()}: hearings panel {field}"),
        adopted_on=vote_on,
        adopting_body=body.value,
        summary="",
        reason=str(reason).strip(),
        rules={Body.HEARINGS.value: numbers | {field: value}},
    )
    BylawsChange.objects.create(
        key=key,
        value_before=before,
        value=value,
        vote_on=vote_on,
        adopting_body=body,
        reason=str(reason).strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
        client_address=client_address[:64],
    )
    return row


def _check_rules(rules):
    errors = {}
    if not rules:
        errors["body"] = _("Name at least one body whose numbers the vote set.")
    for body, numbers in rules.items():
        if body not in Body.values:
            errors["body"] = _("Name a body the bylaws give numbers to.")
            continue
        missing = [name for name in RULE_FIELDS if numbers.get(name) is None]
        if missing:
            errors[missing[0]] = _("Give every number for the body.")
            continue
        if Decimal(numbers["threshold"]) <= Decimal("0.5") or Decimal(numbers["threshold"]) > 1:
            errors["threshold"] = _("The threshold must be more than one half, and at most all, of the members.")
        if not Decimal("0") < Decimal(numbers["quorum"]) <= 1:
            errors["quorum"] = _("The quorum is a share of the members, more than none and at most all.")
        if int(numbers["size"]) < 1:
            errors["size"] = _("A body has at least one member.")
        if int(numbers["appeal_window_days"]) < 1:
            errors["appeal_window_days"] = _("The appeal window is at least one day.")
        if numbers["tie_rule"] not in TieRule.values:
            errors["tie_rule"] = _("Say what follows when no finding is adopted.")
    return errors


def _version_create(
    *, actor, label, adopted_on, adopting_body, summary, reason, rules, version=None, document_version=None
):
    # A version adopted in one vote may set several bodies: the Director records them one form at a time.
    version = version or save_audited(
        BylawsVersion(
            label=label,
            adopted_on=adopted_on,
            adopting_body=adopting_body,
            summary=summary,
            reason=reason,
            recorded_by=actor,
            recorded_at=timezone.now(),
            document_version=document_version,
        ),
        actor=actor,
        reason=f"Vote of {adopted_on.isoformat()} ({adopting_body}): {reason}",
    )
    for body, numbers in rules.items():
        save_audited(
            BodyRule(version=version, body=body, **{name: numbers[name] for name in RULE_FIELDS}),
            actor=actor,
            reason=f"{label}: {reason}",
        )
    return version


@transaction.atomic
def bylaws_version_record(
    *, actor, label, adopted_on, adopting_body, reason, rules, summary="", client_address="", document_version=None
):
    """Records a bylaws version the Board (or Council) adopted by vote, with the numbers it set per body
    (`rules`: {body: {size, quorum, threshold, tie_rule, appeal_window_days, notice_days,
    training_required}}). Recording the same version twice returns it untouched. Panels already convened
    keep their numbers; each changed quorum or threshold is also written to the BylawsChange log. The same
    label, date and body again adds the bodies the version does not yet set. ``document_version`` (issue 10
    part A): the adopted bylaws text the numbers belong to; None for numbers recorded without it."""
    if not can_record_bylaws(actor):
        raise PermissionDenied(_("The Director records the bylaws changes the Board adopted."))
    label = str(label or "").strip()
    errors = _require_reason(reason, _check_rules(rules))
    if not label:
        errors["label"] = _("Give the version a label, such as “Bylaws v3”.")
    if adopted_on is None:
        errors["adopted_on"] = _("Give the date of the vote that adopted the version.")
    _not_future(errors, "adopted_on", adopted_on, _("The vote cannot be in the future."))
    if adopting_body not in AdoptingBody.values:
        errors["adopting_body"] = _("Name the body that adopted the change.")
    if document_version is not None and not (
        document_version.document.kind == "bylaws" and document_version.status == "adopted"
    ):
        errors["document_version"] = _("The numbers belong to an adopted version of the bylaws.")
    if errors:
        raise ValidationError(errors)
    existing = BylawsVersion.objects.select_for_update().filter(label=label).first()
    if existing is not None and (existing.adopted_on, existing.adopting_body) != (adopted_on, adopting_body):
        raise ValidationError({"label": _("A version with this label is already recorded; give the new one its own.")})
    if existing is not None:
        have = {row.body: row for row in existing.rules.all()}
        clash = [b for b in rules if b in have and any(getattr(have[b], n) != rules[b][n] for n in RULE_FIELDS)]
        if clash:
            raise ValidationError({"body": _("This version already sets other numbers for that body.")})
        rules = {body: numbers for body, numbers in rules.items() if body not in have}
        if not rules:
            return existing  # the same vote recorded twice
    before = {body: body_rules(body, on=adopted_on) for body in rules}
    version = _version_create(
        actor=actor,
        version=existing,
        label=label,
        adopted_on=adopted_on,
        adopting_body=adopting_body,
        summary=str(summary or "").strip(),
        reason=str(reason).strip(),
        rules=rules,
        document_version=document_version,
    )
    changes = [
        BylawsChange(
            key=f"{body}_{name}",
            value_before=None if before[body].is_default else getattr(before[body], name),
            value=numbers[name],
            vote_on=adopted_on,
            adopting_body=adopting_body,
            reason=f"{label}: {str(reason).strip()}",
            recorded_by=actor,
            recorded_at=timezone.now(),
            client_address=client_address[:64],
        )
        for body, numbers in rules.items()
        for name in ("quorum", "threshold")
        if before[body].is_default or getattr(before[body], name) != Decimal(numbers[name])
    ]
    BylawsChange.objects.bulk_create(changes)
    return version


# Members, alternates and terms (35A.010 G, R3.1)


def _check_recorder(actor):
    if not can_record_board(actor):
        raise PermissionDenied(_("The Director records the Board's members, sub-committees and trainings."))


def _overlapping(user, start, end, exclude_pk=None):
    qs = BoardMembership.objects.filter(user=user).filter(Q(term_end_on__isnull=True) | Q(term_end_on__gte=start))
    if end is not None:
        qs = qs.filter(term_start_on__lte=end)
    return qs.exclude(pk=exclude_pk).exists()


@transaction.atomic
def board_membership_appoint(
    *, actor, user, kind, term_start_on, reason, term_end_on=None, leadership=BoardMembership.Leadership.NONE
):
    """Records a term of a member or alternate; a person's terms never overlap. The same term twice is
    returned untouched."""
    _check_recorder(actor)
    errors = _require_reason(reason)
    if not has_role(user, Role.BOARD):
        errors["user"] = _("Only a person with the Board member role can serve on the Board.")
    if term_end_on is not None and term_start_on is not None and term_end_on < term_start_on:
        errors["term_end_on"] = _("A term cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    # Lock the person's terms so two appointments at once cannot overlap.
    list(BoardMembership.objects.select_for_update().filter(user=user))
    same = BoardMembership.objects.filter(
        user=user, kind=kind, term_start_on=term_start_on, term_end_on=term_end_on
    ).first()
    if same is not None:
        return same
    if _overlapping(user, term_start_on, term_end_on):
        raise ValidationError({"term_start_on": _("This person already serves a term in these dates.")})
    membership = BoardMembership(
        user=user, kind=kind, term_start_on=term_start_on, term_end_on=term_end_on, leadership=leadership
    )
    _check_leadership(membership, leadership)
    return save_audited(membership, actor=actor, reason=reason)


@transaction.atomic
def board_membership_end(*, actor, membership, term_end_on, reason):
    """Ends a term on a date (resignation, removal, end of appointment)."""
    _check_recorder(actor)
    membership = BoardMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.term_end_on == term_end_on:
        return membership
    errors = _require_reason(reason)
    if term_end_on is None or term_end_on < membership.term_start_on:
        errors["term_end_on"] = _("A term cannot end before it starts.")
    if errors:
        raise ValidationError(errors)
    if _overlapping(membership.user, membership.term_start_on, term_end_on, exclude_pk=membership.pk):
        raise ValidationError({"term_end_on": _("This person already serves a term in these dates.")})
    membership.term_end_on = term_end_on
    return save_audited(membership, actor=actor, reason=reason, update_fields=["term_end_on"])


def _check_leadership(membership, leadership):
    if leadership == BoardMembership.Leadership.NONE:
        return
    if membership.kind != BoardMembership.Kind.MEMBER:
        raise ValidationError({"leadership": _("Only a member, not an alternate, holds a leadership role.")})
    if leadership in (BoardMembership.Leadership.CHAIR, BoardMembership.Leadership.VICE_CHAIR):
        # The bylaws create one chair and one vice-chair at a time; co-chairs may be several.
        others = BoardMembership.objects.filter(leadership=leadership).exclude(pk=membership.pk)
        others = others.filter(Q(term_end_on__isnull=True) | Q(term_end_on__gte=membership.term_start_on))
        if membership.term_end_on is not None:
            others = others.filter(term_start_on__lte=membership.term_end_on)
        if others.exists():
            raise ValidationError({"leadership": _("Another member holds this role in these dates.")})


@transaction.atomic
def board_membership_set_leadership(*, actor, membership, leadership, reason):
    """Sets a member's leadership role (chair, co-chair, vice-chair, or none) as the Board elected."""
    _check_recorder(actor)
    membership = BoardMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.leadership == leadership:
        return membership
    errors = _require_reason(reason)
    if leadership not in BoardMembership.Leadership.values:
        errors["leadership"] = _("Choose a leadership role.")
    if errors:
        raise ValidationError(errors)
    _check_leadership(membership, leadership)
    membership.leadership = leadership
    return save_audited(membership, actor=actor, reason=reason, update_fields=["leadership"])


# Sub-committees (35A.020 "Sub-Committee")


@transaction.atomic
def subcommittee_form(*, actor, name, purpose, formed_on, members, reason):
    """Records a sub-committee the Board formed, with its members (Board members only)."""
    _check_recorder(actor)
    errors = _require_reason(reason)
    _not_future(errors, "formed_on", formed_on, _("A sub-committee cannot be formed in the future."))
    if any(not has_role(member, Role.BOARD) for member in members):
        errors["members"] = _("Only Board members sit on a sub-committee.")
    if errors:
        raise ValidationError(errors)
    existing = SubCommittee.objects.filter(name=name, formed_on=formed_on).first()
    if existing is not None:
        return existing
    subcommittee = save_audited(
        SubCommittee(name=name, purpose=purpose, formed_on=formed_on), actor=actor, reason=reason
    )
    subcommittee.members.set(members)
    return subcommittee


@transaction.atomic
def subcommittee_dissolve(*, actor, subcommittee, dissolved_on, reason):
    """Records the date the Board dissolved a sub-committee."""
    _check_recorder(actor)
    subcommittee = SubCommittee.objects.select_for_update().get(pk=subcommittee.pk)
    if subcommittee.dissolved_on == dissolved_on:
        return subcommittee
    errors = _require_reason(reason)
    if dissolved_on is None or dissolved_on < subcommittee.formed_on:
        errors["dissolved_on"] = _("A sub-committee cannot be dissolved before it was formed.")
    _not_future(errors, "dissolved_on", dissolved_on, _("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    subcommittee.dissolved_on = dissolved_on
    return save_audited(subcommittee, actor=actor, reason=reason, update_fields=["dissolved_on"])


@transaction.atomic
def subcommittee_action_record(*, actor, subcommittee, description, acted_on, reason):
    """Records what a sub-committee did; it waits for the full Board's review."""
    _check_recorder(actor)
    subcommittee = SubCommittee.objects.select_for_update().get(pk=subcommittee.pk)
    errors = _require_reason(reason)
    if not str(description or "").strip():
        errors["description"] = _("Say what the sub-committee did.")
    if acted_on is not None and (
        acted_on < subcommittee.formed_on or (subcommittee.dissolved_on and acted_on > subcommittee.dissolved_on)
    ):
        errors["acted_on"] = _("The sub-committee did not exist on that date.")
    _not_future(errors, "acted_on", acted_on, _("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    existing = subcommittee.actions.filter(description=description, acted_on=acted_on).first()
    if existing is not None:
        return existing
    return save_audited(
        SubCommitteeAction(subcommittee=subcommittee, description=description, acted_on=acted_on),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def subcommittee_action_review(*, actor, action, review, reviewed_on, reason, note=""):
    """Records the full Board's review of a sub-committee's action: affirmed, modified or rejected."""
    _check_recorder(actor)
    action = SubCommitteeAction.objects.select_for_update().get(pk=action.pk)
    if (action.review, action.reviewed_on) == (review, reviewed_on):
        return action
    errors = _require_reason(reason)
    if review not in SubCommitteeAction.Review.values or review == SubCommitteeAction.Review.PENDING:
        errors["review"] = _("Choose what the full Board decided.")
    if action.review != SubCommitteeAction.Review.PENDING:
        errors["review"] = _("The full Board has already reviewed this action.")
    if reviewed_on is None or reviewed_on < action.acted_on:
        errors["reviewed_on"] = _("The review cannot come before the action.")
    _not_future(errors, "reviewed_on", reviewed_on, _("The date cannot be in the future."))
    if review in (SubCommitteeAction.Review.MODIFIED, SubCommitteeAction.Review.REJECTED) and not note.strip():
        errors["note"] = _("Say how the full Board modified or why it rejected the action.")
    if errors:
        raise ValidationError(errors)
    action.review, action.reviewed_on, action.review_note = review, reviewed_on, note.strip()
    return save_audited(action, actor=actor, reason=reason, update_fields=["review", "reviewed_on", "review_note"])


# Trainings (R4.4)


@transaction.atomic
def training_create(*, actor, name, reason, description="", is_required=True):
    """Records a training the Board offers; a required one may bar untrained members (bylaws per body)."""
    _check_recorder(actor)
    errors = _require_reason(reason)
    if not str(name or "").strip():
        errors["name"] = _("Name the training.")
    if errors:
        raise ValidationError(errors)
    existing = BoardTraining.objects.filter(name=name.strip()).first()
    if existing is not None:
        return existing
    return save_audited(
        BoardTraining(name=name.strip(), description=description, is_required=is_required), actor=actor, reason=reason
    )


@transaction.atomic
def training_completion_record(*, actor, member, training, completed_on, reason):
    """Records that a member completed a training on a date (once per member and training)."""
    _check_recorder(actor)
    errors = _require_reason(reason)
    if not has_role(member, Role.BOARD):
        errors["member"] = _("Only Board members' trainings are recorded here.")
    if completed_on is None:
        errors["completed_on"] = _("Give the date the training was completed.")
    _not_future(errors, "completed_on", completed_on, _("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    existing = TrainingCompletion.objects.select_for_update().filter(member=member, training=training).first()
    if existing is not None:
        if existing.completed_on == completed_on:
            return existing
        raise ValidationError({"completed_on": _("This member's completion of this training is already recorded.")})
    return save_audited(
        TrainingCompletion(member=member, training=training, completed_on=completed_on, recorded_by=actor),
        actor=actor,
        reason=reason,
    )
