# Placeholder owned by one part of issue 9 (the discipline guide, discipline by vote and Loudermill); filled by that part's work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("discipline", "0005_hearings")]

    operations = []
