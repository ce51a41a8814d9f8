# Placeholder owned by one part of issue 9 (appeals, after-Board proceedings and final outcomes); filled by that part's work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("discipline", "0006_discipline_guide")]

    operations = []
