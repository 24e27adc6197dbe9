"""Link the complaints whose free service_number names a service in the registry.

A separate migration from the schema changes on either side: PostgreSQL refuses
to alter a table with foreign-key checks still pending in the same transaction.
"""

from django.db import migrations


def link_by_service_number(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    CareService = apps.get_model("services_registry", "CareService")
    numbers = set(
        Complaint.objects.exclude(service_number="")
        .filter(care_service__isnull=True)
        .values_list("service_number", flat=True)
    )
    cleaned = {number: number.replace(" ", "").upper() for number in numbers}
    service_ids = dict(
        CareService.objects.filter(service_number__in=set(cleaned.values())).values_list(
            "service_number", "pk"
        )
    )
    for typed, number in cleaned.items():
        if number in service_ids:
            Complaint.objects.filter(service_number=typed, care_service__isnull=True).update(
                care_service_id=service_ids[number]
            )


def copy_numbers_back(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    for complaint in Complaint.objects.filter(care_service__isnull=False).select_related("care_service"):
        complaint.service_number = complaint.care_service.service_number
        complaint.save(update_fields=["service_number"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_complaint_care_service")]

    operations = [migrations.RunPython(link_by_service_number, copy_numbers_back)]
