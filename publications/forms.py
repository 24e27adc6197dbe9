"""The library's filters and sort."""

from django import forms

SORTS = {
    "popular": ("Most downloaded", "popular"),
    "newest": ("Newest", "newest"),
    "title": ("A to Z", "alphabetical"),
}


class LibraryFilterForm(forms.Form):
    """Filters from the query string. Anything unrecognised is ignored, never an error page."""

    # Plain text checked against the kept tree: a ChoiceField normalises its few hundred choices
    # twice on every request (field and widget), a tenth of rendering the library.
    category = forms.CharField(label="Category", required=False)
    year = forms.TypedChoiceField(label="Year published", required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[(key, label) for key, (label, _) in SORTS.items()]
    )

    def __init__(self, data, *, category_choices, find_category, years, with_category=True):
        """`category_choices`: (path, label) pairs; `find_category(path)`: the Category, or None."""
        super().__init__(data, auto_id="filter-%s")  # ids the page has always had
        self.find_category = find_category
        self.category_choices = [("", "All categories"), *category_choices]
        self._category_paths = {path for path, _ in category_choices}
        self.fields["year"].choices = [("", "Any year")] + [(str(year), str(year)) for year in years]
        if not with_category:
            del self.fields["category"]

    def _value(self, name):
        if name not in self.fields:
            return None
        if name == "category":
            chosen = self.data.get(name)
            return chosen if chosen in self._category_paths else None
        field = self.fields[name]
        try:
            return field.clean(field.widget.value_from_datadict(self.data, self.files, name))
        except forms.ValidationError:
            return None

    def apply(self, publications):
        """Filter and sort a queryset by the valid parts of the request."""
        chosen = self._value("category")
        category = self.find_category(chosen) if chosen else None
        if category is not None:
            publications = publications.in_category(category)
        year = self._value("year")
        if year:
            publications = publications.published_in_year(year)
        _, method = SORTS.get(self._value("sort") or "popular", SORTS["popular"])
        return getattr(publications, method)()

    @property
    def is_filtered(self):
        """Whether the category or year narrows the list (a sort alone keeps every entry)."""
        return bool(self._value("category") or self._value("year"))

    @property
    def chosen_sort(self):
        return self._value("sort") or "popular"
