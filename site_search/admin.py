from django.contrib import admin

from .models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["word", "also_finds"]
    search_fields = ["word", "also_finds"]
    fields = ["word", "also_finds"]
