"""Export and import jobs, as a requester's list shows them."""

import factory

from reports.models import ExportJob, ImportJob
from tests.accounts.factories import StaffUserFactory


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportJob

    requester = factory.SubFactory(StaffUserFactory)
    title = "代表履职记录导出"
    exporter = "visits"


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    requester = factory.SubFactory(StaffUserFactory)
    title = "联络站导入"
    importer = "stations"
    filename = "联络站.xlsx"
