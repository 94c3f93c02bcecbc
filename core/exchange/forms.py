from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .upload_checks import Limits, Refused, check_workbook


def clean_workbook(upload, limits: Limits):
    """Refuse, as a form error, a workbook that must not reach openpyxl (see `upload_checks`)."""
    if not upload.name.lower().endswith(".xlsx"):
        raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"))
    try:
        check_workbook(upload, limits)
    except Refused as refusal:
        raise forms.ValidationError(str(refusal)) from None
    return upload


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Excel 文件（.xlsx）"))

    def __init__(self, *args, limits: Limits | None = None, **kwargs):
        """`limits` are the importer's (`BaseImporter.limits()`); the defaults fit most."""
        super().__init__(*args, **kwargs)
        self.limits = limits or Limits()

    def clean_file(self):
        return clean_workbook(self.cleaned_data["file"], self.limits)
