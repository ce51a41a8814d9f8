# Placeholder owned by one part of issue 9 (hearings, notices and packets); filled by that part's work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("discipline", "0004_seating")]

    operations = []
