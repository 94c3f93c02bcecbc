from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import ScopedHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(ScopedHistoryAdmin, DjangoUserAdmin):
    """Accounts in the admin's scope. Superusers and accounts above the admin's jurisdiction are
    outside it (see `UserQuerySet.visible_to`), and so is any account an edit would put there."""

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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "jurisdiction" and not request.user.is_superuser:
            # An account without a jurisdiction sees nothing and is seen by no admin but the
            # superusers; an admin asked to create one would only lose it from their own list.
            field.required = True
        return field
