from django.urls import include, path

from .floor import floor

urlpatterns = [
    path("_bench/floor/<str:key>/", floor, name="bench_floor"),
    path("", include("congress_portal.urls")),
]
