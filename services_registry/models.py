"""The register of care services: how it numbers them, providers, services, grades per key question,
inspection reports, yearly figures and widget sightings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse


@dataclass(frozen=True)
class RegisterNumber:
    """How the register numbers things: a prefix, then ten digits.

    The one definition behind the URL converter, the widget middleware, the
    model validators, the search and the import.
    """

    name: str
    prefix: str
    example: str
    digits: int = 10

    @property
    def pattern(self) -> str:
        """Unanchored, for URL converters and path patterns to embed."""
        return rf"{self.prefix}\d{{{self.digits}}}"

    @property
    def shape(self) -> str:
        return f"{self.prefix} followed by {self.digits} digits"

    @cached_property
    def regex(self) -> re.Pattern:
        return re.compile(rf"^{self.pattern}$")

    def could_begin(self, text: str) -> bool:
        """'CS2003' is how a number starts when someone types part of it."""
        return re.fullmatch(rf"{self.prefix}\d{{1,{self.digits}}}", text) is not None

    def validator(self) -> RegexValidator:
        return RegexValidator(self.regex, f"A {self.name} is {self.shape}, for example {self.example}.")


SERVICE_NUMBER = RegisterNumber("service number", "CS", example="CS2003001025")
PROVIDER_NUMBER = RegisterNumber("provider number", "SP", example="SP2003000180")
# complaints checks typed numbers against it too.
SERVICE_NUMBER_RE = SERVICE_NUMBER.regex
validate_service_number = SERVICE_NUMBER.validator()
validate_provider_number = PROVIDER_NUMBER.validator()

GRADE_WORDS = {
    1: "Unsatisfactory",
    2: "Weak",
    3: "Adequate",
    4: "Good",
    5: "Very good",
    6: "Excellent",
}
GRADE_CHOICES = [(number, f"{number} {word}") for number, word in GRADE_WORDS.items()]
grade_validators = [MinValueValidator(1), MaxValueValidator(6)]


class KeyQuestion(NamedTuple):
    """One of the framework's key questions, as the register, the datastore and the badge name it."""

    field: str
    column: str
    question: str
    short_label: str


KEY_QUESTIONS = [
    KeyQuestion(
        "grade_wellbeing", "KQ_Support_Wellbeing", "How well do we support people's wellbeing?", "Wellbeing"
    ),
    KeyQuestion("grade_leadership", "KQ_Leadership", "How good is our leadership?", "Leadership"),
    KeyQuestion("grade_staff_team", "KQ_Staff_Team", "How good is our staff team?", "Staff team"),
    KeyQuestion("grade_setting", "KQ_Setting", "How good is our setting?", "Setting"),
    KeyQuestion(
        "grade_care_planning",
        "KQ_Care_and_Support_Planning",
        "How well is care and support planned?",
        "Care planning",
    ),
    KeyQuestion(
        "grade_care_play_learning",
        "KQ_Care_Play_and_Learning",
        "How good is our care, play and learning?",
        "Care, play and learning",
    ),
]
GRADE_FIELDS = [key_question.field for key_question in KEY_QUESTIONS]
KEY_QUESTION_BY_FIELD = {key_question.field: key_question for key_question in KEY_QUESTIONS}

# Which key questions the quality framework asks of each type of service (keys as _letters writes them):
# early learning and childcare is graded on care, play and learning; everyone else on wellbeing and
# care planning; services without premises of their own have no setting, a childminder no staff team.
_RESIDENTIAL = (
    "grade_wellbeing",
    "grade_leadership",
    "grade_staff_team",
    "grade_setting",
    "grade_care_planning",
)
_COMMUNITY = ("grade_wellbeing", "grade_leadership", "grade_staff_team", "grade_care_planning")
GRADE_FIELDS_BY_TYPE = {
    "carehomeservice": _RESIDENTIAL,
    "secureaccommodationservice": _RESIDENTIAL,
    "schoolcareaccommodationservice": _RESIDENTIAL,
    "offenderaccommodationservice": _RESIDENTIAL,
    "daycareofchildren": (
        "grade_care_play_learning",
        "grade_setting",
        "grade_leadership",
        "grade_staff_team",
    ),
    "childminding": ("grade_care_play_learning", "grade_setting", "grade_leadership"),
    "housingsupportservice": _COMMUNITY,
    "supportservice": _COMMUNITY,
    "adoptionservice": _COMMUNITY,
    "fosteringservice": _COMMUNITY,
    "adultplacementservice": _COMMUNITY,
    "nurseagency": _COMMUNITY,
}
FILTER_CHOICES_CACHE_KEY = "registry:filter-choices:v1"
FILTER_CHOICES_CACHE_SECONDS = 600


def compact_postcode(postcode: str) -> str:
    """'EH1 3EG' and 'eh13eg' both become 'EH13EG', for matching whatever the spacing."""
    return re.sub(r"\s+", "", postcode or "").upper()


# Services where people live or are looked after in private homes: the register never publishes
# their street address or postcode unless the datastore's PublicList column says it may.
# Keys are lower-case letters only, so "Child Minding" and "Childminding" agree.
ADDRESS_HIDDEN_TYPES = {"childminding", "secureaccommodationservice", "fosteringservice", "adoptionservice"}
ADDRESS_HIDDEN_CARE_HOME_SUBTYPES = ("children", "youngpeople")
ADDRESS_WITHHELD_REASON = "We do not publish the address of this service, to protect the people it cares for."


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", (text or "").lower())


def address_hidden_by_type(service_type: str, subtype: str) -> bool:
    """The rule when the datastore does not say: children's homes, secure accommodation,
    childminding, fostering and adoption services keep their address private."""
    kind = _letters(service_type)
    if kind in ADDRESS_HIDDEN_TYPES:
        return True
    return kind == "carehomeservice" and any(
        word in _letters(subtype) for word in ADDRESS_HIDDEN_CARE_HOME_SUBTYPES
    )


def grade_fields_for(service_type: str) -> list[str]:
    """The grade fields a type of service is graded on, in the framework's order.

    A type the register does not know yet may be graded on any key question, so a new type
    in the datastore is imported rather than refused.
    """
    allowed = GRADE_FIELDS_BY_TYPE.get(_letters(service_type), GRADE_FIELDS)
    return [field for field in GRADE_FIELDS if field in allowed]


def ungraded_key_questions(service_type: str, grades: dict[str, int | None]) -> list[KeyQuestion]:
    """The key questions given a grade that this type of service is not graded on."""
    allowed = grade_fields_for(service_type)
    return [
        KEY_QUESTION_BY_FIELD[field]
        for field, grade in grades.items()
        if grade is not None and field not in allowed
    ]


def is_address_hidden(publish_address: bool | None, service_type: str, subtype: str) -> bool:
    """The datastore's answer if it gave one, otherwise the rule by type."""
    if publish_address is None:
        return address_hidden_by_type(service_type, subtype)
    return not publish_address


def lowest_grade(grades) -> int | None:
    present = [grade for grade in grades if grade is not None]
    return min(present) if present else None


@dataclass(frozen=True)
class Grade:
    """One key question's grade with the word it stands for."""

    key_question: KeyQuestion
    value: int

    @property
    def question(self) -> str:
        return self.key_question.question

    @property
    def label(self) -> str:
        return self.key_question.short_label

    @property
    def word(self) -> str:
        return GRADE_WORDS[self.value]

    def __str__(self):
        return f"{self.value} {self.word}"


def grade_field(key_question: KeyQuestion):
    return models.PositiveSmallIntegerField(
        key_question.question, null=True, blank=True, choices=GRADE_CHOICES, validators=grade_validators
    )


class GradedModel(models.Model):
    """A set of grades, one per key question: a service's latest, or one in its history."""

    # In KEY_QUESTIONS' order.
    grade_wellbeing = grade_field(KEY_QUESTIONS[0])
    grade_leadership = grade_field(KEY_QUESTIONS[1])
    grade_staff_team = grade_field(KEY_QUESTIONS[2])
    grade_setting = grade_field(KEY_QUESTIONS[3])
    grade_care_planning = grade_field(KEY_QUESTIONS[4])
    grade_care_play_learning = grade_field(KEY_QUESTIONS[5])

    class Meta:
        abstract = True

    def grades_tuple(self) -> tuple[int | None, ...]:
        return tuple(getattr(self, field) for field in GRADE_FIELDS)

    def grades(self) -> list[Grade]:
        """The key questions graded, in the framework's order."""
        return [
            Grade(key_question, getattr(self, key_question.field))
            for key_question in KEY_QUESTIONS
            if getattr(self, key_question.field) is not None
        ]

    def graded_service_type(self) -> str:
        raise NotImplementedError

    def clean(self):
        """Refuse a grade for a key question the service's type is not graded on."""
        super().clean()
        service_type = self.graded_service_type()
        wrong = ungraded_key_questions(service_type, {field: getattr(self, field) for field in GRADE_FIELDS})
        if wrong:
            raise ValidationError(
                {
                    key_question.field: f"A {service_type.lower()} is not graded on "
                    f"“{key_question.question}”: leave it empty."
                    for key_question in wrong
                }
            )


class Provider(models.Model):
    """The organisation that provides one or more care services."""

    provider_number = models.CharField(
        "provider number",
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_provider_number],
        help_text=f"{PROVIDER_NUMBER.shape}.",
    )
    name = models.CharField(max_length=300, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Only a provider with a number has a page: the number is its address."""
        if not self.provider_number:
            return ""
        return reverse("services_registry:provider_detail", args=[self.provider_number])


# The words of a service's name, as PostgreSQL indexes them (migration 0007 builds its index on this).
NAME_WORDS = SearchVector("name", config="simple")
NAME_WORDS_SEARCHED = 8
POSSESSIVE = re.compile(r"['’]s\b")
# Search results in name order whatever the capitals. Not the listing index's order on purpose: walking
# that index to the first page tests every name on the way, slow for a word found only late in the alphabet.
SEARCH_ORDER = (Lower("name"), "service_number")


class CareServiceQuerySet(models.QuerySet):
    def search(self, text: str):
        """Match a name, a service number, a town or a postcode, however the person typed it.

        On PostgreSQL a name matches when each word typed begins a word of it ("sunny mead" finds
        Sunny Meadows Nursery), through an index, so a search costs the same on any size of register.
        The embedded SQLite matches each word typed anywhere in the name.
        """
        text = " ".join(text.split())[:100]
        if not text:
            return self
        compact = compact_postcode(text)
        services = self
        if connections[self.db].vendor == "postgresql":
            # "Mill's" means the Mill: a possessive is not a word the name must have.
            words = re.findall(r"[^\W_]+", POSSESSIVE.sub("", text.lower()))[:NAME_WORDS_SEARCHED]
            if words:
                # Only letters and digits reach the raw query, so nothing typed is read as tsquery syntax.
                prefixes = " & ".join(f"{word}:*" for word in words)
                services = services.alias(name_words=NAME_WORDS)
                match = Q(name_words=SearchQuery(prefixes, search_type="raw", config="simple"))
            else:
                match = Q(pk__in=[])  # nothing to look for in a name ("!!!")
        else:
            # Each word anywhere in the name, in any order: "house rosewood" finds Rosewood House.
            words = POSSESSIVE.sub("", text).split()[:NAME_WORDS_SEARCHED]
            match = Q(pk__in=[]) if not words else Q()
            for word in words:
                match &= Q(name__icontains=word)
        # A hidden address's town and postcode never match: a search must not reveal where it is.
        match |= Q(town__iexact=text, address_hidden=False)
        if SERVICE_NUMBER.could_begin(compact):
            match |= Q(service_number__startswith=compact)
        if re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?(\d[A-Z]{0,2})?", compact):
            match |= Q(postcode_compact__startswith=compact, address_hidden=False)
        return services.filter(match).order_by(*SEARCH_ORDER)

    def with_minimum_grade(self, grade: int):
        """Services whose every published grade is at least this good."""
        return self.filter(min_grade__gte=grade)

    def for_listing(self):
        return self.select_related("provider").order_by("name", "service_number")

    def recently_inspected_first(self):
        """The latest inspected first; those never inspected last, by name."""
        return self.order_by(F("last_inspected_on").desc(nulls_last=True), Lower("name"), "service_number")

    def filter_choices(self) -> tuple[list[str], list[str]]:
        """The service types and council areas to filter by; kept for a while, as they rarely change."""

        def compute():
            types = self.order_by("service_type").values_list("service_type", flat=True).distinct()
            areas = (
                self.exclude(council_area="")
                .order_by("council_area")
                .values_list("council_area", flat=True)
                .distinct()
            )
            return list(types), list(areas)

        return cache.get_or_set(FILTER_CHOICES_CACHE_KEY, compute, FILTER_CHOICES_CACHE_SECONDS)


def forget_filter_choices() -> None:
    cache.delete(FILTER_CHOICES_CACHE_KEY)


class CareService(GradedModel):
    """A registered (or formerly registered) care service, as the datastore describes it.

    Its grade fields (from GradedModel) are the latest published, on grades_published_on.
    """

    class Status(models.TextChoices):
        ACTIVE = "Active"
        INACTIVE = "Inactive"
        CANCELLED = "Cancelled"

    # What the public reads, the same in the search filter, the results and the page.
    PUBLIC_STATUS = {
        Status.ACTIVE: "Registered",
        Status.INACTIVE: "Inactive: not registered",
        Status.CANCELLED: "Cancelled: not registered",
    }

    service_number = models.CharField(
        "service number", max_length=12, unique=True, validators=[validate_service_number]
    )
    name = models.CharField(max_length=300, db_index=True)
    service_type = models.CharField("type of care service", max_length=120, db_index=True)
    subtype = models.CharField(max_length=120, blank=True)
    sector = models.CharField(
        max_length=120,
        blank=True,
        help_text="Who runs it: private, voluntary, local authority, health board.",
    )
    provided_by_local_authority = models.BooleanField(default=False)
    client_group = models.CharField(max_length=200, blank=True)
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    address_line_3 = models.CharField(max_length=200, blank=True)
    address_line_4 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True, db_index=True)
    postcode = models.CharField(max_length=10, blank=True)
    postcode_compact = models.CharField(max_length=10, blank=True, db_index=True, editable=False)
    council_area = models.CharField(max_length=100, blank=True, db_index=True)
    publish_address = models.BooleanField(
        "publish the address",
        null=True,
        blank=True,
        choices=[(None, "Follow the rule for its type"), (True, "Yes"), (False, "No")],
        help_text="The datastore's PublicList. Left blank, children's homes, secure accommodation, "
        "childminders, fostering and adoption services keep their address private.",
    )
    address_hidden = models.BooleanField(
        "address not published", default=False, editable=False, db_index=True
    )
    registered_on = models.DateField("date registered", null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    last_inspected_on = models.DateField("last inspection", null=True, blank=True)
    grades_published_on = models.DateField("latest grades published", null=True, blank=True)
    min_grade = models.PositiveSmallIntegerField(
        "lowest grade", null=True, blank=True, editable=False, db_index=True, choices=GRADE_CHOICES
    )
    registered_places = models.PositiveIntegerField(
        "registered places", null=True, blank=True, help_text="How many people it may care for at once."
    )
    manager_name = models.CharField("manager", max_length=200, blank=True)
    phone = models.CharField("phone number", max_length=30, blank=True)
    conditions = models.TextField(
        "conditions of registration", blank=True, help_text="As the registration certificate words them."
    )
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = CareServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name", "service_number"], name="careservice_listing_idx")]

    def __str__(self):
        return f"{self.name} ({self.service_number})"

    def save(self, *args, **kwargs):
        self.postcode_compact = compact_postcode(self.postcode)
        self.min_grade = lowest_grade(self.grades_tuple())
        self.address_hidden = is_address_hidden(self.publish_address, self.service_type, self.subtype)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "postcode_compact",
                "min_grade",
                "address_hidden",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("services_registry:service_detail", args=[self.service_number])

    def graded_service_type(self) -> str:
        return self.service_type

    def grade_fields(self) -> list[str]:
        """The grade fields its type is graded on."""
        return grade_fields_for(self.service_type)

    @property
    def is_registered(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def public_status(self) -> str:
        return self.PUBLIC_STATUS.get(self.status, self.get_status_display())

    def address_lines(self) -> list[str]:
        """The full address, for staff; the public sees public_address_lines."""
        lines = [self.address_line_1, self.address_line_2, self.address_line_3, self.address_line_4]
        return [line for line in [*lines, f"{self.town} {self.postcode}".strip()] if line]

    # What the public may see of the address: every page, badge, export and search uses these.
    # The phone too: a landline leads to the address it rings in.
    ADDRESS_FIELDS = (
        "address_line_1",
        "address_line_2",
        "address_line_3",
        "address_line_4",
        "town",
        "postcode",
        "phone",
    )
    address_withheld_reason = ADDRESS_WITHHELD_REASON

    def public_value(self, field: str):
        """A field as the public may see it: an address field of a hidden service is empty."""
        if self.address_hidden and field in self.ADDRESS_FIELDS:
            return ""
        return getattr(self, field)

    def public_address_lines(self) -> list[str]:
        return [] if self.address_hidden else self.address_lines()

    @property
    def public_town(self) -> str:
        return self.public_value("town")

    @property
    def public_postcode(self) -> str:
        return self.public_value("postcode")

    @property
    def public_phone(self) -> str:
        return self.public_value("phone")

    @property
    def public_phone_tel(self) -> str:
        """The phone as a tel: link wants it: digits and a leading +, nothing else."""
        phone = self.public_phone
        return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)

    @property
    def public_place(self) -> str:
        """Where the service is, as the public may know it: its town, or only its council area."""
        return self.council_area if self.address_hidden else self.town


class GradeHistory(GradedModel):
    """A set of grades as published on one date; a new row only when the grades change."""

    service = models.ForeignKey(CareService, on_delete=models.CASCADE, related_name="grade_history")
    published_on = models.DateField("published", null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-recorded_at"]
        verbose_name_plural = "grade history"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "published_on"], name="one_grading_per_service_per_date"
            )
        ]

    def __str__(self):
        return f"{self.service.service_number} grades published {self.published_on}"

    def graded_service_type(self) -> str:
        return self.service.service_type if self.service_id else ""


def report_upload_to(report, filename):
    return f"inspection-reports/{report.service.service_number}/{filename}"


class InspectionReport(models.Model):
    class InspectionType(models.TextChoices):
        UNANNOUNCED = "unannounced", "Unannounced inspection"
        SHORT_NOTICE = "short_notice", "Short-notice announced inspection"
        ANNOUNCED = "announced", "Announced inspection"
        FOLLOW_UP = "follow_up", "Follow-up inspection"
        COMPLAINT = "complaint", "Complaint investigation"

    service = models.ForeignKey(CareService, on_delete=models.CASCADE, related_name="reports")
    inspected_on = models.DateField("inspection date")
    inspection_type = models.CharField(
        "type of inspection",
        max_length=20,
        choices=InspectionType.choices,
        default=InspectionType.UNANNOUNCED,
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(
        blank=True, help_text="Two or three plain sentences: what the inspectors found."
    )
    file = models.FileField(upload_to=report_upload_to)

    class Meta:
        ordering = ["-inspected_on", "-id"]

    def __str__(self):
        return self.title


class YearlyFigures(models.Model):
    """Complaints upheld, enforcements issued and requirements made in one financial year."""

    service = models.ForeignKey(CareService, on_delete=models.CASCADE, related_name="yearly_figures")
    year = models.PositiveSmallIntegerField(help_text="The year the financial year starts: 2024 for 2024/25.")
    complaints_upheld = models.PositiveIntegerField(null=True, blank=True)
    enforcements_issued = models.PositiveIntegerField(null=True, blank=True)
    requirements = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name_plural = "yearly figures"
        constraints = [models.UniqueConstraint(fields=["service", "year"], name="one_figures_row_per_year")]

    def __str__(self):
        return f"{self.service.service_number} {self.year_label}"

    @property
    def year_label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"


class RegulatoryAction(models.Model):
    """A requirement made of a service, or an enforcement notice served on it, with its words."""

    class Kind(models.TextChoices):
        REQUIREMENT = "requirement", "Requirement"
        IMPROVEMENT_NOTICE = "improvement_notice", "Improvement notice"
        CONDITION_NOTICE = "condition_notice", "Notice to vary conditions"
        CANCELLATION_NOTICE = "cancellation_notice", "Notice of proposal to cancel registration"

    service = models.ForeignKey(CareService, on_delete=models.CASCADE, related_name="regulatory_actions")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.REQUIREMENT)
    made_on = models.DateField("made or served on")
    due_by = models.DateField("to be met by", null=True, blank=True)
    met_on = models.DateField(
        "met or lifted on", null=True, blank=True, help_text="Leave empty while it is still in force."
    )
    text = models.TextField(help_text="The words of the requirement or notice, as the service received them.")

    class Meta:
        ordering = ["-made_on", "-id"]
        indexes = [models.Index(fields=["service", "met_on"], name="regulatoryaction_current_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.made_on:%d %B %Y}"

    @property
    def is_current(self) -> bool:
        return self.met_on is None

    @property
    def is_enforcement(self) -> bool:
        return self.kind != self.Kind.REQUIREMENT


class WidgetSighting(models.Model):
    """A site that showed a service's badge on a given day (origin only, never the full address)."""

    service = models.ForeignKey(CareService, on_delete=models.CASCADE, related_name="widget_sightings")
    day = models.DateField(db_index=True)
    origin = models.CharField(max_length=200)
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "origin"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "day", "origin"], name="one_sighting_per_origin_per_day"
            )
        ]

    def __str__(self):
        return f"{self.origin} on {self.day}"


# Their own modules, to keep this one readable; imported here so Django finds the models.
from .badge_watch import BadgeMisuseCase  # noqa: E402, F401
from .grade_context import GradeDistribution  # noqa: E402, F401
from .register_history import ProviderChange, RegisterChange  # noqa: E402, F401
from .register_import import RegisterImport  # noqa: E402, F401
