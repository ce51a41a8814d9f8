"""`manage.py restore BACKUP`: checks every SHA-256 first, then restores into an empty database and an
empty MEDIA_ROOT, and checks again (oversight/backups/services.py).

There is no --force: restoring over data would either fail half-way on existing rows or, with a
clean restore, silently drop everything written since the backup, history and its hash chain
included. Dropping a database is a deliberate act; do it yourself (dropdb, createdb) if you mean it.
"""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from oversight.backups.pgtools import BackupError
from oversight.backups.services import backup_restore, backup_verify, migrations_pending

MIB = 1024 * 1024


class Command(BaseCommand):
    help = "Restores a backup into an empty database and an empty MEDIA_ROOT, after checking every checksum."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The folder `manage.py backup` wrote.")
        parser.add_argument(
            "--verify-only", action="store_true", help="Only check every file against the manifest; restore nothing."
        )

    def handle(self, *args, backup, verify_only, **options):
        try:
            if verify_only:
                manifest = backup_verify(backup)
                self.stdout.write(f"{backup}: the dump and {len(manifest['files'])} files match the manifest.")
                return
            result = backup_restore(backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result["manifest"]
        self.stdout.write(
            f"Restored the backup taken at {manifest['taken_at']} (Oversight {manifest['app_version']}, "
            f"PostgreSQL {manifest['postgresql']['server_version']}):\n"
            f"  database: {result['tables']} tables, {result['rows']} rows, each table's count as backed up\n"
            f"  files: {result['files']}, {result['bytes'] / MIB:.1f} MiB, each SHA-256 checked after copying"
        )
        for entry in manifest["missing"]:
            self.stderr.write(f"WARNING: {entry['path']} was already missing when the backup was taken.")
        self._verify_history(manifest)

    def _verify_history(self, manifest):
        """The restored history proves itself, up to the chain head the backup recorded."""
        pending = migrations_pending()
        if pending:
            self.stdout.write(
                f"This code has {len(pending)} migrations the backup lacks (first {pending[0]}): "
                "run `manage.py migrate`, then `manage.py verify_history`."
            )
            return
        if "verify_history" not in get_commands():
            return
        head = manifest.get("history_chain_head")
        try:
            call_command("verify_history", *([f"--anchor={head}"] if head else []), stdout=self.stdout)
        except CommandError as exc:
            raise CommandError(f"The restore finished, but its history does not verify: {exc}") from exc
