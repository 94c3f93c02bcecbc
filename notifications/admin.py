from django.contrib import admin

from core.admin import ScopedAdmin

from .models import ReminderPolicy


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(ScopedAdmin):
    list_display = ["jurisdiction", "offsets"]
