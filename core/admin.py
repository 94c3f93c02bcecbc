from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Jurisdiction, Unit


class ScopedAdmin(SimpleHistoryAdmin):
    """Admin pages that show an admin only the records of their own jurisdiction.

    The Django admin knows nothing of jurisdictions; without this a county admin would see every
    county. Portal admins (role 管理员) may edit; model permissions are not used.
    """

    def get_queryset(self, request):
        return self.model.objects.visible_to(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model.objects
        if hasattr(related, "visible_to"):
            kwargs["queryset"] = related.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_portal_admin

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_view_permission

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


@admin.register(Jurisdiction)
class JurisdictionAdmin(ScopedAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]

    def has_add_permission(self, request):
        # The division tree is national data, maintained only by the platform's superusers.
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ["name", "kind", "jurisdiction", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    list_select_related = ["jurisdiction"]
