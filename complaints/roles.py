"""Who may handle complaints: the Complaints officer staff group.

The group and its model permissions come from migrations 0002 and 0006 (which
keep their own copy of the name, as migrations must); the code that checks
membership, limits assignment to officers or makes demo users reads it here.
"""

OFFICERS_GROUP = "Complaints officer"


def is_complaints_officer(user) -> bool:
    """Active staff in the Complaints officer group, or a superuser. Cached on the user for the request."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_complaints_officer"):
        user._is_complaints_officer = user.groups.filter(name=OFFICERS_GROUP).exists()
    return user._is_complaints_officer
