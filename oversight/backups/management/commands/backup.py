"""`manage.py backup DEST`: the database and every file its rows name, as of one snapshot, into the
new folder DEST with SHA-256 checksums (oversight/backups/services.py). Never overwrites."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oversight.backups.media import digest
from oversight.backups.pgtools import BackupError
from oversight.backups.services import MANIFEST, backup_create

MIB = 1024 * 1024


class Command(BaseCommand):
    help = "Backs up the database and its files into a new folder, with a manifest of SHA-256 checksums."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="A folder that does not exist yet; its parent must.")

    def handle(self, *args, destination, **options):
        try:
            manifest = backup_create(destination)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        database, files, tables = manifest["database"], manifest["files"], manifest["tables"]
        _size, manifest_sha = digest(Path(destination) / MANIFEST)
        self.stdout.write(
            f"Backup written to {destination} in {manifest['seconds']} s (snapshot at {manifest['taken_at']}):\n"
            f"  database {database['name']}: {len(tables)} tables, {sum(tables.values())} rows, "
            f"dump {database['size'] / MIB:.1f} MiB\n"
            f"  files: {len(files)}, {sum(f['size'] for f in files) / MIB:.1f} MiB\n"
            f"  {MANIFEST} SHA-256: {manifest_sha} (keep it apart from the backup to detect a changed manifest)"
        )
        for entry in files:
            if "recorded_sha256" in entry:
                self.stderr.write(
                    f"WARNING: {entry['path']} no longer matches the digest taken on receipt; copied as found."
                )
        for entry in manifest["missing"]:
            self.stderr.write(f"WARNING: {entry['path']} ({', '.join(entry['sources'])}) is missing from MEDIA_ROOT.")
        if manifest["missing"]:
            # Everything that exists is backed up; the failure status makes a scheduler say what does not.
            raise CommandError(f"{len(manifest['missing'])} files named by rows are missing (listed above).")
