# Placeholder owned by one part of issue 9 (seating, conflicts and recusal); filled by that part's work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("discipline", "0003_list_indexes"), ("governance", "0002_board_roster"), ("intake", "0009_board_statuses")]

    operations = []
