from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from core import views as core_views

admin.site.site_header = _("人大监督工作平台 后台管理")
admin.site.site_title = _("人大监督工作平台")
admin.site.index_title = _("后台管理")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon),
    path("accounts/", include("accounts.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("polls/", include("polls.urls")),
    path("deputies/", include("deputies.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("livelihood/", include("livelihood_projects.urls")),
    path("supervision/", include("supervision.urls")),
    path("budget/", include("budget.urls")),
    path("experts/", include("experts.urls")),
    path("legislation/", include("legislation.urls")),
    path("", include("core.urls")),
]
