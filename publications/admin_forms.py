"""The publication form in staff words: the category tree, a date set for you, nothing needless required."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

from .models import Category, Publication, PublicationRevision


class CategoryTreeIterator(ModelChoiceIterator):
    def __iter__(self):
        for category in self.queryset.in_tree_order():
            yield self.choice(category)


class CategoryTreeField(forms.ModelMultipleChoiceField):
    """Checkboxes in tree order, each subcategory under its parent and marked by its depth."""

    iterator = CategoryTreeIterator
    widget = forms.CheckboxSelectMultiple(attrs={"class": "category-tree"})

    def label_from_instance(self, category):
        return "— " * category.depth + category.name


class PublicationAdminForm(forms.ModelForm):
    class Meta:
        model = Publication
        # The admin narrows these to its fieldsets (without status and date for editors).
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "categories",
            "image",
            "image_alt",
            "status",
            "published_at",
            "imported_downloads",
        ]
        field_classes = {"categories": CategoryTreeField}
        help_texts = {
            "categories": "Tick every category it belongs in; it is also listed under their parent categories.",
            "status": "Draft: only staff see it. Published: the public sees it from the publication date.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "categories" in self.fields:
            self.fields["categories"].queryset = Category.objects.all()
        status = self.fields.get("status")
        if status is not None and self.instance.status != Publication.Status.WITHDRAWN:
            # Withdrawing asks for a reason: it has its own button, on a published publication's page.
            status.choices = [
                choice for choice in status.choices if choice[0] != Publication.Status.WITHDRAWN
            ]

    def clean_imported_downloads(self):
        return self.cleaned_data.get("imported_downloads") or 0

    def clean(self):
        cleaned = super().clean()
        publishing = cleaned.get("status") == Publication.Status.PUBLISHED
        if publishing and not cleaned.get("published_at") and "published_at" not in self.errors:
            cleaned["published_at"] = timezone.now()
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is it withdrawn?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Shown on the publication's page. For example: “Replaced by the 2025 edition, "
        "which you can find by searching for its title.”",
    )


class PublicationRevisionAdminForm(forms.ModelForm):
    """Changes to a live publication, with the same category tree as the publication's own page."""

    class Meta:
        model = PublicationRevision
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "categories",
            "image",
            "image_alt",
            "imported_downloads",
        ]
        field_classes = {"categories": CategoryTreeField}
        help_texts = PublicationAdminForm.Meta.help_texts

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "categories" in self.fields:
            self.fields["categories"].queryset = Category.objects.all()

    def clean_imported_downloads(self):
        return self.cleaned_data.get("imported_downloads") or 0
