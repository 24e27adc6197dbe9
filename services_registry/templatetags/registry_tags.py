from django import template

from ..grade_age import how_long_ago

register = template.Library()


@register.filter
def ago(day):
    """{{ service.grades_published_on|ago }} → "3 years ago"."""
    return how_long_ago(day)
