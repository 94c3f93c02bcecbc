"""Admin pages for polls, for looking only.

A poll's rules, subjects, electorate and paper tallies change only through `polls.services`, which
check the poll's status (no elector joins an open poll, no rule moves once results are out); the
admin would bypass every one of those checks. Ballots and ballot marks are not registered at all:
nobody, an admin included, may browse what was voted (see the threat model in models.py).
"""

from django.contrib import admin

from core.admin import ScopedAdmin, ScopedHistoryAdmin, ScopedTabularInline

from .models import Elector, PaperTally, Poll, Subject, VoterGroup


class ServicesOnly:
    """Viewable in scope, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SubjectInline(ScopedTabularInline):
    model = Subject
    fields = ["position", "label", "note"]
    extra = 0


class VoterGroupInline(ScopedTabularInline):
    model = VoterGroup
    fields = ["position", "name"]
    extra = 0


@admin.register(Poll)
class PollAdmin(ServicesOnly, ScopedHistoryAdmin):
    list_display = ["title", "kind", "status", "jurisdiction", "closes_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    list_select_related = ["jurisdiction"]
    inlines = [SubjectInline, VoterGroupInline]


@admin.register(Elector)
class ElectorAdmin(ServicesOnly, ScopedHistoryAdmin):
    list_display = ["poll", "voter", "group"]
    list_select_related = ["poll", "voter", "group"]
    search_fields = ["poll__title", "voter__username", "voter__full_name"]

    def get_queryset(self, request):
        return Elector.objects.filter(poll__in=Poll.objects.visible_to(request.user))


@admin.register(PaperTally)
class PaperTallyAdmin(ServicesOnly, ScopedAdmin):
    list_display = ["poll", "group", "teller", "entered_at", "ballots"]
    list_select_related = ["poll", "group", "teller"]

    def get_queryset(self, request):
        return PaperTally.objects.filter(poll__in=Poll.objects.visible_to(request.user))
