from django import forms
from django.utils.translation import gettext_lazy as _

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("文件过大，一次最多上传 20 MB。"))
        head = upload.read(4)
        upload.seek(0)
        if not upload.name.lower().endswith(".xlsx") or head != b"PK\x03\x04":
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）。"))
        return upload
