"""verify_history proves history made by the services, and names the first link someone broke."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from intake.models import Case
from oversight.history import save_audited
from oversight.integrity.models import HistoryLink
from oversight.integrity.verify import history_verify

from .conftest import as_superuser_without_triggers, link_pending, verify_fails

pytestmark = pytest.mark.django_db


def _link(model_history_row):
    return HistoryLink.objects.get(table_name=model_history_row._meta.db_table, history_id=model_history_row.pk)


def _case_rows(case):
    return list(case.history.order_by("history_id"))


def test_history_made_through_the_services_verifies(history):
    out = io.StringIO()
    call_command("verify_history", stdout=out)
    report = history_verify()
    assert report.ok
    assert report.rows == report.links == HistoryLink.objects.count()
    assert report.rows >= 20 and report.tables >= 34
    assert f"History verified: {report.rows} rows in {report.tables} tables" in out.getvalue()
    assert f"Chain head: {report.head_seq}:{report.head_hash}" in out.getvalue()


def test_every_link_follows_the_one_before(history):
    links = list(HistoryLink.objects.order_by("seq"))
    assert bytes(links[0].prev_hash) == bytes(32)
    assert all(bytes(b.prev_hash) == bytes(a.hash) for a, b in zip(links, links[1:], strict=False))


def test_a_changed_field_is_named_by_its_link(history):
    row = _case_rows(history)[1]
    as_superuser_without_triggers(
        "UPDATE intake_historicalcase SET history_change_reason = 'Nothing to see' WHERE history_id = %s", [row.pk]
    )
    assert verify_fails() == (
        f"History chain broken at link {_link(row).seq} (intake_historicalcase, history id {row.pk}): "
        "the history row was changed after it was linked"
    )


def test_a_deleted_row_is_named_by_its_link(history):
    row = _case_rows(history)[0]
    seq = _link(row).seq
    as_superuser_without_triggers("DELETE FROM intake_historicalcase WHERE history_id = %s", [row.pk])
    assert f"at link {seq} (intake_historicalcase, history id {row.pk}): the history row was deleted" in verify_fails()


def test_a_row_inserted_without_a_link_is_named(history):
    columns = ", ".join(f.column for f in Case.history.model._meta.concrete_fields if f.column != "history_id")
    copy = f"INSERT INTO intake_historicalcase ({columns}) SELECT {columns} FROM intake_historicalcase"  # noqa: S608
    as_superuser_without_triggers(copy + " WHERE history_id = %s", [_case_rows(history)[0].pk])
    forged = Case.history.latest("history_id")
    assert f"no link (intake_historicalcase, history id {forged.pk}): the history row has no link" in verify_fails()


def test_reordered_links_are_named_at_the_first_moved(history):
    first, second = HistoryLink.objects.order_by("seq")[3:5]
    for old, new in ((first.seq, -1), (second.seq, first.seq), (-1, second.seq)):
        as_superuser_without_triggers("UPDATE integrity_historylink SET seq = %s WHERE seq = %s", [new, old])
    message = verify_fails()
    assert message.startswith(f"History chain broken at link {first.seq} ")
    assert "does not follow the one before it" in message


def test_a_removed_link_breaks_the_chain_at_the_next(history):
    removed, following = HistoryLink.objects.order_by("seq")[2:4]
    as_superuser_without_triggers("DELETE FROM integrity_historylink WHERE seq = %s", [removed.seq])
    assert verify_fails().startswith(
        f"History chain broken at link {following.seq} ({following.table_name}, history id {following.history_id})"
    )


def test_a_link_to_a_table_without_history_is_named(history):
    row = _case_rows(history)[0]
    as_superuser_without_triggers(
        "INSERT INTO integrity_historylink (table_name, history_id, shape, row_digest, prev_hash, hash) "
        "SELECT 'intake_case', history_id, shape, row_digest, sha256(hash), hash FROM integrity_historylink "
        "WHERE table_name = 'intake_historicalcase' AND history_id = %s",
        [row.pk],
    )
    forged = HistoryLink.objects.get(table_name="intake_case")
    problems = {(b.seq, b.problem) for b in history_verify().breaks}
    assert (forged.seq, "the link names a table that holds no history") in problems


def test_the_earliest_of_several_breaks_is_named(history):
    rows = _case_rows(history)
    for row in (rows[-1], rows[0]):
        as_superuser_without_triggers(
            "UPDATE intake_historicalcase SET history_change_reason = 'x' WHERE history_id = %s", [row.pk]
        )
    assert f"at link {_link(rows[0]).seq} " in verify_fails()


def test_a_rewritten_tail_passes_alone_but_fails_against_a_recorded_anchor(history):
    report = history_verify()
    anchor = f"{report.head_seq}:{report.head_hash}"
    last = HistoryLink.objects.get(seq=report.head_seq)
    delete_row = f'DELETE FROM "{last.table_name}" WHERE history_id = %s'  # noqa: S608 - a name from the chain
    as_superuser_without_triggers(delete_row, [last.history_id])
    as_superuser_without_triggers("DELETE FROM integrity_historylink WHERE seq = %s", [last.seq])
    call_command("verify_history", stdout=io.StringIO())
    assert f"at link {last.seq} (-, history id None): the anchored link is gone" in verify_fails("--anchor", anchor)


def test_a_column_added_later_leaves_old_links_valid(history, director):
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE intake_historicalcase ADD COLUMN priority integer NOT NULL DEFAULT 3")
    save_audited(history, actor=director, reason="Saved with the new column")
    link_pending()
    assert history_verify().ok
    assert len({bytes(link.shape) for link in HistoryLink.objects.filter(table_name="intake_historicalcase")}) == 2


def test_the_session_time_zone_does_not_change_a_digest(history, director):
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'America/Los_Angeles'")
        cursor.execute("SET IntervalStyle = 'sql_standard'")
        save_audited(history, actor=director, reason="Saved from a Pacific session")
        link_pending()
        assert history_verify().ok
        cursor.execute("SET TIME ZONE 'UTC'")
        cursor.execute("SET IntervalStyle = 'postgres'")
    assert history_verify().ok


GUIDE_TABLES = ("discipline_disciplineguide", "discipline_sanctionlevel", "discipline_misconductcategory")
GUIDE_TABLES += ("discipline_guidefactor",)


def test_history_a_data_migration_wrote_before_the_trigger_existed_is_linked_at_install():
    """discipline 0006 seeds the starter guide with a history row during the migrate that creates its
    table, before any trigger; the install after migrate links it, so a fresh database verifies.

    The migrate is replayed here, so the test does not depend on the migration's rows still being in
    the test database (a transactional test that ran before it on the same worker empties every table):
    the guide's history tables as a migrate leaves them before the install (no chain trigger, never
    linked), the migration's own seed, then the install."""
    import importlib

    from django.db.migrations.loader import MigrationLoader

    from discipline.models import DisciplineGuide
    from oversight.integrity.install import CHAIN, install

    seed = importlib.import_module("discipline.migrations.0006_discipline_guide").seed_starter_guide
    history_tables = [table.replace("discipline_", "discipline_historical") for table in GUIDE_TABLES]
    as_superuser_without_triggers(f"TRUNCATE {', '.join(GUIDE_TABLES + tuple(history_tables))} CASCADE")
    for table in history_tables:
        as_superuser_without_triggers(f'DROP TRIGGER IF EXISTS "{CHAIN}" ON "{table}"')
        as_superuser_without_triggers("DELETE FROM integrity_historylink WHERE table_name = %s", [table])
    seed(MigrationLoader(connection).project_state().apps, None)
    (seeded,) = DisciplineGuide.history.filter(history_change_reason__startswith="Starter discipline guide")
    assert not HistoryLink.objects.filter(table_name=history_tables[0]).exists()  # written unlinked

    install()

    assert _link(seeded).table_name == "discipline_historicaldisciplineguide"
    assert history_verify().ok


def test_a_row_written_while_the_chain_trigger_was_dropped_is_not_adopted_by_a_reinstall(history, director):
    """Only a table new to the chain adopts its rows; a dropped trigger's gap stays visible."""
    from oversight.integrity.install import CHAIN, install

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER integrity_chain ON intake_historicalcase")
    save_audited(history, actor=director, reason="Saved while the chain trigger was gone")
    assert ("intake_historicalcase", CHAIN, "missing") in install()
    link_pending()
    assert "no link (intake_historicalcase" in verify_fails()
