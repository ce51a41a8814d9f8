"""Backup and restore of the database and the files its rows name, together and checked (issue 13.8).

`manage.py backup DEST` and `manage.py restore DEST`; README "Backup and recovery" has the procedure.
"""
