"""`manage.py verify_history`: proves no history row was changed, removed or slipped in (issue 13.6).

Exit status 0 and a summary when the chain holds; otherwise the first broken link (table, history
id, seq) and exit status 1. Record the printed head outside the database (a ticket, a signed mail,
the backup log) and pass it back with --anchor SEQ:HASH: a chain rewritten from that point on by
someone with the owner's rights then fails too.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from oversight.integrity.verify import Break, history_verify


def _anchor(value):
    seq, sep, digest = value.partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64:
        raise ValueError(value)
    return int(seq), digest


class Command(BaseCommand):
    help = "Recompute the history hash chain; name the first broken link and exit 1 if any."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            action="append",
            type=_anchor,
            default=[],
            metavar="SEQ:HASH",
            help="a head printed by an earlier run; it must still be in the chain (repeatable)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        report = history_verify(using=options["database"], anchors=options["anchor"])
        for table, trigger, why in report.trigger_problems:
            self.stderr.write(
                _("Trigger %(trigger)s on %(table)s: %(why)s") % {"trigger": trigger, "table": table, "why": why}
            )
        if report.breaks:
            # At most a few per table: the first of each kind, in chain order.
            for each in sorted(report.breaks, key=Break.order):
                self.stderr.write("  " + each.describe())
            raise CommandError(_("History chain broken at %(first)s") % {"first": report.first_break.describe()})
        if report.trigger_problems:
            raise CommandError(_("History is not protected: run `manage.py migrate` to reinstall the triggers."))
        rate = report.rows / report.seconds if report.seconds else 0
        self.stdout.write(
            _(
                "History verified: %(rows)s rows in %(tables)s tables, %(links)s links, "
                "in %(seconds).2f s (%(rate)s rows/s)."
            )
            % {**vars(report), "rate": f"{rate:,.0f}"}
        )
        self.stdout.write(_("Chain head: %(seq)s:%(hash)s") % {"seq": report.head_seq, "hash": report.head_hash})
