"""The care service's admin form: its latest grades, their publication date and the grade history."""

from django import forms
from django.utils import timezone

from .models import GRADE_FIELDS, CareService, GradeHistory

GRADES_DATE_HELP = (
    "When you change a grade, give the date the new grades were published: if you leave this "
    "date as it was, today’s date is used. The grades are added to the grade history on this date."
)


def offered_grade_fields(service: CareService | None) -> list[str]:
    """The grade fields to show: those its type is graded on, and any that hold a grade anyway
    (so an officer can see and clear it). A new service's type is not known yet: all of them."""
    if service is None:
        return list(GRADE_FIELDS)
    allowed = service.grade_fields()
    return [field for field in GRADE_FIELDS if field in allowed or getattr(service, field) is not None]


class CareServiceForm(forms.ModelForm):
    class Meta:
        model = CareService
        fields = "__all__"  # noqa: DJ007 - the admin narrows it to its fieldsets
        help_texts = {"grades_published_on": GRADES_DATE_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "grades_published_on" in self.fields and self.instance.pk is None:
            self.initial.setdefault("grades_published_on", timezone.localdate())

    @property
    def grades_changed(self) -> bool:
        return any(field in self.changed_data for field in [*GRADE_FIELDS, "grades_published_on"])

    def clean(self):
        cleaned_data = super().clean()
        regraded = any(field in self.changed_data for field in GRADE_FIELDS)
        if regraded and self.instance.pk and "grades_published_on" not in self.changed_data:
            cleaned_data["grades_published_on"] = timezone.localdate()
        has_grades = any(
            cleaned_data.get(field) is not None for field in GRADE_FIELDS if field in self.fields
        )
        if self.grades_changed and has_grades and not cleaned_data.get("grades_published_on"):
            self.add_error("grades_published_on", "Give the date these grades were published.")
        return cleaned_data


def record_grade_history(service: CareService) -> GradeHistory:
    """The service's latest grades, as the grade history's row for their publication date."""
    history, _ = GradeHistory.objects.update_or_create(
        service=service,
        published_on=service.grades_published_on,
        defaults={field: getattr(service, field) for field in GRADE_FIELDS},
    )
    return history
