from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedAdmin

from .models import User


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "role", "jurisdiction", "unit", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "phone"]
    list_select_related = ["jurisdiction", "unit"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("身份与范围"),
            {"fields": ["full_name", "phone", "email", "role", "jurisdiction", "unit"]},
        ),
        (_("状态"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "password1",
                    "password2",
                    "full_name",
                    "role",
                    "jurisdiction",
                    "unit",
                ],
            },
        )
    ]
    readonly_fields = ["last_login", "date_joined"]
