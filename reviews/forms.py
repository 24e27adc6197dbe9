from django import forms

from .models import ReviewRequest
from .services import COMMENT_REQUIRED, NOTE_REQUIRED


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note for the publisher",
        max_length=ReviewRequest._meta.get_field("note").max_length,
        help_text="What you changed and why, in a sentence or two.",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": NOTE_REQUIRED},
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Comment for the editor",
        help_text="What should change before it can be published.",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": COMMENT_REQUIRED},
    )
