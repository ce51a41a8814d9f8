# Placeholder for issue 11: its part fills in the operations (and may add dependencies).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = []
