from django.core.exceptions import ValidationError
from django.db import models

from .words import WORD


def validate_one_word(value):
    if len(WORD.findall(value)) != 1 or WORD.fullmatch(value.strip()) is None:
        raise ValidationError("Type one word, letters and numbers only, for example “incontinence”.")


class Synonym(models.Model):
    """A word people search for and the words our pages use for it: "incontinence" also finds "continence"."""

    word = models.CharField(
        max_length=40,
        unique=True,
        validators=[validate_one_word],
        help_text="One word people type, for example “incontinence” or “CI”. Capitals make no difference.",
    )
    also_finds = models.CharField(
        "also finds",
        max_length=200,
        help_text=(
            "What a search for the word should find as well: a word or phrase, or several separated by "
            "commas, for example “continence” or “Care Inspectorate”."
        ),
    )

    class Meta:
        ordering = ["word"]
        verbose_name = "search synonym"

    def __str__(self):
        return f"{self.word} → {self.also_finds}"

    def save(self, *args, **kwargs):
        self.word = self.word.strip().lower()
        super().save(*args, **kwargs)

    @property
    def meanings(self) -> list[str]:
        return [part.strip() for part in self.also_finds.split(",") if part.strip()]
