# Placeholder owned by one part of issue 9 (the Board, terms and the bylaws per body); filled by that part's work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = []
