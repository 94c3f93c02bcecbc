"""Pages of the annual supervision plan: the plans of a year, one plan month by month with its
adoption and publication, its printout, the forms of its items, and the list of every item."""

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_filters.views import FilterView

from accounts.models import User
from accounts.permissions import PermissionRequiredMixin, permission_required
from core.actions import submit_form
from core.selectors import year_shown

from ..filters import ItemFilter
from ..forms.plan import AdoptForm, ItemForm, ItemMoveForm, PlanForm, PublishForm
from ..models import Item, Plan
from ..selectors import plan as selectors
from ..services import plan as services

READ = "supervision.view_supervision"
MANAGE = "supervision.manage_plan"


def _user(request: HttpRequest) -> User:
    """The signed-in user: the login middleware turns everyone else away."""
    return cast(User, request.user)


def _visible_plan(request: HttpRequest, pk: int) -> Plan:
    plans = Plan.objects.visible_to(request.user).select_related("jurisdiction")
    return get_object_or_404(plans, pk=pk)


def _visible_item(request: HttpRequest, pk: int) -> Item:
    items = Item.objects.visible_to(request.user).select_related("plan__jurisdiction", "unit")
    return get_object_or_404(items, pk=pk)


def _form_page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"supervision/{template}", context, status=status)


@permission_required(READ)
def plan_list(request: HttpRequest) -> HttpResponse:
    years = selectors.years_with_data(request.user)
    year = year_shown(request.GET.get("year"), years[0] if years else None)
    context = {"rows": selectors.plan_rows(request.user, year), "year": year, "years": years}
    return render(request, "supervision/plan_list.html", context)


@permission_required(MANAGE)
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.plan_create(by=_user(request), **data),
        success=_("已新建监督工作计划，请添加监督事项。"),
    )
    context = {"form": form, "title": _("新建年度监督工作计划")}
    return done or _form_page(request, "plan_form.html", context, status=_status(request))


@permission_required(READ)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, _visible_plan(request, pk))


def _plan_page(request: HttpRequest, plan: Plan, **forms: Any) -> HttpResponse:
    items = selectors.plan_items(plan, request.user)
    context = {
        "plan": plan,
        "months": selectors.items_by_month(items),
        "adopt_form": forms.get("adopt_form") or AdoptForm(),
        "publish_form": forms.get("publish_form") or PublishForm(),
    }
    status = 400 if forms else 200
    return render(request, "supervision/plan_detail.html", context, status=status)


@permission_required(MANAGE)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    form = PlanForm(request.POST or None, plan=plan, user=request.user)
    done = submit_form(
        request,
        form,
        lambda data: services.plan_update(plan=plan, by=_user(request), **data),
        success=_("已保存监督工作计划。"),
    )
    context = {"form": form, "plan": plan, "title": _("修改监督工作计划")}
    return done or _form_page(request, "plan_form.html", context, status=_status(request))


@require_POST
@permission_required(MANAGE)
def plan_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    form = AdoptForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: services.plan_adopt(plan=plan, by=_user(request), **data),
        success=_("监督工作计划已通过。"),
    )
    return done or _plan_page(request, plan, adopt_form=form)


@require_POST
@permission_required(MANAGE)
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    form = PublishForm(request.POST)
    done = submit_form(
        request,
        form,
        lambda data: services.plan_publish(plan=plan, by=_user(request), **data),
        success=_("监督工作计划已公布。"),
    )
    return done or _plan_page(request, plan, publish_form=form)


@permission_required(READ)
def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    context = {
        "plan": plan,
        "body": selectors.congress_body_name(plan.jurisdiction),
        "items": selectors.plan_items(plan, request.user),
    }
    return render(request, "supervision/plan_print.html", context)


@permission_required(MANAGE)
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _visible_plan(request, pk)
    form = ItemForm(request.POST or None, plan=plan)
    done = submit_form(
        request,
        form,
        lambda data: services.item_add(plan=plan, by=_user(request), **data),
        success=_("已添加监督事项。"),
        then=plan,
    )
    title = _("增补监督事项") if plan.is_adopted else _("添加监督事项")
    context = {"form": form, "plan": plan, "title": title}
    return done or _form_page(request, "item_form.html", context, status=_status(request))


@permission_required(MANAGE)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    form = ItemForm(request.POST or None, instance=item, plan=item.plan)
    done = submit_form(
        request,
        form,
        lambda data: services.item_update(item=item, by=_user(request), **data),
        success=_("已保存监督事项。"),
        then=item.plan,
    )
    context = {"form": form, "plan": item.plan, "item": item, "title": _("修改监督事项")}
    return done or _form_page(request, "item_form.html", context, status=_status(request))


@permission_required(MANAGE)
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible_item(request, pk)
    form = ItemMoveForm(request.POST or None, initial={"planned_month": item.planned_month})
    done = submit_form(
        request,
        form,
        lambda data: services.item_move(item=item, by=_user(request), **data),
        success=_("已调整审议月份。"),
        then=item.plan,
    )
    context = {"form": form, "plan": item.plan, "item": item, "title": _("调整审议月份")}
    return done or _form_page(request, "item_move.html", context, status=_status(request))


def _status(request: HttpRequest) -> int:
    """A form shown again after a POST was refused."""
    return 400 if request.method == "POST" else 200


class ItemListView(PermissionRequiredMixin, FilterView):
    permission_required = READ
    filterset_class = ItemFilter
    template_name = "supervision/item_list.html"
    paginate_by = 30

    def get_filterset_kwargs(self, filterset_class: Any) -> dict[str, Any]:
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_queryset(self):
        return selectors.items_visible(self.request.user)
