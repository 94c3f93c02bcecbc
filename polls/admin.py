"""Admin pages for polls. Ballots and ballot marks are deliberately not registered: nobody, an
admin included, may browse what was voted (see the threat model in models.py)."""

from django.contrib import admin

from core.admin import ScopedAdmin

from .models import Elector, PaperTally, Poll, Subject, VoterGroup


class SubjectInline(admin.TabularInline):
    model = Subject
    fields = ["position", "label", "note"]
    extra = 0


class VoterGroupInline(admin.TabularInline):
    model = VoterGroup
    fields = ["position", "name"]
    extra = 0


@admin.register(Poll)
class PollAdmin(ScopedAdmin):
    list_display = ["title", "kind", "status", "jurisdiction", "closes_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["jurisdiction"]
    readonly_fields = ["status", "opened_at", "closed_at", "published_at", "created_by"]
    filter_horizontal = ["tellers"]
    inlines = [SubjectInline, VoterGroupInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Elector)
class ElectorAdmin(ScopedAdmin):
    list_display = ["poll", "voter", "group"]
    list_select_related = ["poll", "voter", "group"]
    search_fields = ["poll__title", "voter__username", "voter__full_name"]
    raw_id_fields = ["poll", "voter", "group"]

    def get_queryset(self, request):
        return Elector.objects.filter(poll__in=Poll.objects.visible_to(request.user))


@admin.register(PaperTally)
class PaperTallyAdmin(ScopedAdmin):
    """Read-only: tally entries are append-only and entered through the teller's page."""

    list_display = ["poll", "group", "teller", "entered_at", "ballots"]
    list_select_related = ["poll", "group", "teller"]

    def get_queryset(self, request):
        return PaperTally.objects.filter(poll__in=Poll.objects.visible_to(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
