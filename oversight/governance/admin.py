# Bylaws numbers are not in the admin site: the Director records each change the Board voted, on the
# bylaws page (oversight/governance/views.py), and panels keep the numbers they were convened under.
