from django import forms

from .models import GRADE_WORDS, CareService

SORTS = {"name": "Name (A to Z)", "inspected": "Most recently inspected"}
# What narrows the list; the sort only orders it.
FILTERS = ("service_type", "council_area", "status", "min_grade")


class ServiceSearchForm(forms.Form):
    """Find a care service. Every field is optional; an empty form lists every service."""

    q = forms.CharField(
        label="Name, service number, town or postcode",
        required=False,
        max_length=100,
        strip=True,
    )
    service_type = forms.ChoiceField(label="Type of care service", required=False)
    council_area = forms.ChoiceField(label="Council area", required=False)
    status = forms.ChoiceField(
        label="Registration status",
        required=False,
        choices=[("", "Any status"), *CareService.PUBLIC_STATUS.items()],
    )
    min_grade = forms.TypedChoiceField(
        label="Lowest grade at least",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any grade")] + [(str(n), f"{n} {word}") for n, word in GRADE_WORDS.items() if n > 1],
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORTS.items()))

    def __init__(self, *args, service_types=(), council_areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_type"].choices = [("", "Any type")] + [(t, t) for t in service_types]
        self.fields["council_area"].choices = [("", "Any council area")] + [(a, a) for a in council_areas]

    def filter(self, services):
        """Apply whatever the person asked for that is valid; invalid parts are reported, not applied."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("q"):
            services = services.search(data["q"])
        if data.get("service_type"):
            services = services.filter(service_type=data["service_type"])
        if data.get("council_area"):
            services = services.filter(council_area=data["council_area"])
        if data.get("status"):
            services = services.filter(status=data["status"])
        if data.get("min_grade"):
            services = services.with_minimum_grade(data["min_grade"])
        if data.get("sort") == "inspected":
            services = services.recently_inspected_first()
        return services

    @property
    def has_criteria(self) -> bool:
        """Whether the person searched or filtered (sorting alone lists every service still)."""
        return self.is_bound and any(self.cleaned_data.get(name) for name in ("q", *FILTERS))

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.cleaned_data.get(name) for name in FILTERS)

    @property
    def filter_has_errors(self) -> bool:
        """A filter or the sort was refused: its box must be open for the error to be seen."""
        return any(name in self.errors for name in (*FILTERS, "sort"))
