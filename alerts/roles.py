"""Who may see subscribers' email addresses: the Alerts officer staff group.

Migration 0002 creates the group and gives it its permissions (keeping its own
copy of the name, as migrations must); the demo data reads the name here.
Publishers and registry officers see how many people follow each topic, never who.
"""

ALERTS_OFFICERS_GROUP = "Alerts officer"
