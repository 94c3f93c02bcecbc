"""The Django admin, scoped like every other page: an admin sees and changes only what
`visible_to` gives them.

The Django admin knows nothing of jurisdictions. Every page it serves about an object (change,
delete, history, a history version and its revert, a password change) and every list and
autocomplete starts from `get_queryset` or `get_object` below, and every permission asks whether
the object is in that queryset. django-simple-history needs more than that: its history page falls
back to the history table for an object `get_queryset` does not return, and its version page never
looks at `get_queryset` at all, which once let a county admin revert the superuser into their
county and set its password.

Users with `core.use_admin_site` (the portal's admins) may edit in their scope; model permissions
are not used.
"""

from typing import TYPE_CHECKING, Any, cast

from django.contrib import admin
from django.contrib.admin import helpers, widgets
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .access import has_named_permission
from .models import Jurisdiction, Unit


def _scope_choices(db_field, request, kwargs) -> None:
    related = db_field.related_model.objects
    if "queryset" not in kwargs and hasattr(related, "visible_to"):
        kwargs["queryset"] = related.visible_to(request.user)


class ScopedRawIdWidget(widgets.ForeignKeyRawIdWidget):
    """A raw-id input that names the record entered only if its field accepts that record.

    Django's widget looks the name up in the whole table, so posting any id to a form that then
    failed validation showed that record's name and link, the superuser's included.
    """

    def __init__(self, rel, admin_site, queryset, attrs=None, using=None):
        super().__init__(rel, admin_site, attrs, using)
        self.queryset = queryset

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            accepted = self.queryset.using(self.db).filter(**{key: value}).exists()
        except (ValueError, ValidationError):
            accepted = False
        return super().label_and_url_for_value(value) if accepted else ("", "")


if TYPE_CHECKING:
    _AdminBase = admin.options.BaseModelAdmin[Any]
else:
    _AdminBase = object


class ScopedChoicesMixin(_AdminBase):
    """Foreign keys and many-to-many fields offer only related records in scope; the form field
    refuses any other value posted, raw-id and autocomplete widgets included, and a raw-id
    widget names no record outside that scope."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        _scope_choices(db_field, request, kwargs)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        if field is not None and type(widget) is widgets.ForeignKeyRawIdWidget:
            field.widget = ScopedRawIdWidget(
                widget.rel, widget.admin_site, field.queryset, widget.attrs, widget.db
            )
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        _scope_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Admin pages that show an admin only the records of their own jurisdiction.

    For a model without a history table; `ScopedHistoryAdmin` adds the history pages.
    """

    def get_queryset(self, request):
        return self.model.objects.visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        # Django's admin redirects to the index for a missing object; a 404 tells an admin no more
        # about a record outside their scope, and every object page gets it the same way.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def in_scope(self, request, obj) -> bool:
        """Whether `obj` is in the admin's scope, or, for a page about no object, True.

        Asked of the database by primary key, so a historical version answers for the record it
        belongs to and unsaved edits to the instance cannot move it into scope.
        """
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return request.user.is_active and has_named_permission(request.user, "core.use_admin_site")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and self.in_scope(request, obj)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The form offers only choices in scope, but a record can still leave it through values
        # the form does not show (a reverted history version restores every field, is_superuser
        # included). The admin's views save inside a transaction, so refusing here undoes it.
        if not self.in_scope(request, obj):
            raise PermissionDenied

    def response_action(
        self, request: HttpRequest, queryset: QuerySet[Any], *args: Any, **kwargs: Any
    ) -> HttpResponse | None:
        # Django filters by the posted ids as they come: "abc" or an id beyond the column's range
        # raised in the database and answered 500.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(is_valid_key(self.model._meta.pk, value) for value in selected):
            raise BadRequest
        return super().response_action(request, queryset, *args, **kwargs)

    def get_deleted_objects(self, objs, request):
        return deleted_objects_in_scope(objs, request, self.admin_site)


def is_valid_key(field, value) -> bool:
    """Whether `value` can be looked up in the key `field` without the database raising: for an
    integer key, a whole number within the column's range."""
    try:
        field.run_validators(field.to_python(value))
    except ValidationError:
        return False
    return True


def deleted_objects_in_scope(objs, request, admin_site):
    """Django's `get_deleted_objects`, naming only the records the admin may view.

    Django names every record a deletion would take or is blocked by, in any county: deleting
    an account listed its elector rows in polls outside the admin's scope, voter and group name.
    Records the admin may not view are shown by kind alone, and still refuse the deletion.
    """
    if not objs:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(objs[0]._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def format_callback(obj):
        opts = obj._meta
        kind = capfirst(opts.verbose_name)
        model_admin = admin_site._registry.get(type(obj))
        if model_admin and not model_admin.has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        if not _may_view(model_admin, request, obj):
            return _("%(kind)s：一条不在您查看范围内的记录") % {"kind": kind}
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[quote(obj.pk)],
            )
        except NoReverseMatch:
            return f"{kind}: {obj}"
        return format_html('{}: <a href="{}">{}</a>', kind, url, obj)

    to_delete = collector.nested(format_callback)
    protected = [format_callback(obj) for obj in collector.protected]
    # django-stubs types the keys as strings; Django keys them by model.
    model_objs = cast("dict[type[Model], set[Model]]", collector.model_objs)
    model_count = {
        model._meta.verbose_name_plural: len(found) for model, found in model_objs.items()
    }
    return to_delete, model_count, perms_needed, protected


def _may_view(model_admin, request, obj) -> bool:
    # A record without an admin of its own (an inline's row, a history row) has no scope the
    # admin can be asked about; it is named only where its manager says the user may see it.
    if model_admin is not None:
        return model_admin.has_view_permission(request, obj)
    manager = type(obj)._default_manager
    return (
        hasattr(manager, "visible_to")
        and manager.visible_to(request.user).filter(pk=obj.pk).exists()
    )


class ScopedHistoryAdmin(ScopedAdmin, SimpleHistoryAdmin):
    """A scoped admin with django-simple-history's history pages, for a model with `history`."""

    def history_view(self, request, object_id, extra_context=None):
        # Before simple_history's own lookup, which falls back to the history table on a miss.
        self.get_object(request, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history looks the version up in the history table alone, and saves a posted
        # version without asking for change permission.
        obj = self.get_object(request, unquote(object_id))
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        # simple_history looks a malformed version id up as it comes, and the database raised.
        if not is_valid_key(history.model._meta.pk, version_id):
            raise Http404
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


class ScopedTabularInline(ScopedChoicesMixin, admin.TabularInline):
    """An inline that may be seen and edited wherever its parent record may."""

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._parent_admin().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._parent_admin().has_change_permission(request, obj)

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(Jurisdiction)
class JurisdictionAdmin(ScopedHistoryAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]

    # The division tree is national data, maintained only by the platform's superusers. A county
    # admin who could edit their own county once set it to municipal with no parent, cutting it
    # off from the city admin's scope; admins may only view it.
    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(ScopedHistoryAdmin):
    list_display = ["name", "kind", "jurisdiction", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    list_select_related = ["jurisdiction"]
