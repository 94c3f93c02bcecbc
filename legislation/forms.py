"""Forms of the contact points and consultations. They only read what was typed; the rules (whose
point, which article, when a reason is needed) are the services', which put their refusals back
next to these fields."""

import io
import zipfile
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from core.models import Jurisdiction

from .models import (
    Channel,
    CollectionPoint,
    Consultation,
    ContactPoint,
    Disposition,
    Informant,
    Suggestion,
)

DOCX_MAX_BYTES = 2 * 1024 * 1024
# A draft of a few hundred articles is well under this once unpacked; more is a zip bomb.
DOCX_MAX_UNPACKED = 20 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _choices(field: forms.Field, queryset: QuerySet[Any]) -> None:
    cast(forms.ModelChoiceField, field).queryset = queryset


class PointForm(forms.ModelForm):
    class Meta:
        model = ContactPoint
        fields = ["county", "name", "set_up_by", "set_up_on", "address", "notes"]
        widgets = {"set_up_on": DateInput(), "notes": forms.Textarea({"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["county"]
            return
        counties = Jurisdiction.objects.visible_to(user).counties()
        _choices(self.fields["county"], counties)
        county = getattr(user, "jurisdiction", None)
        if county is not None and county.level == Jurisdiction.Level.COUNTY:
            self.fields["county"].initial = county


class CollectionPointForm(forms.ModelForm):
    class Meta:
        model = CollectionPoint
        fields = ["name", "place"]

    def validate_unique(self) -> None:
        # The point is the service's to set; a duplicate name is reported by full_clean there.
        pass


class InformantForm(forms.ModelForm):
    class Meta:
        model = Informant
        fields = ["name", "place", "phone", "collection_point"]

    def __init__(self, *args: Any, point: ContactPoint, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choices(self.fields["collection_point"], point.collection_points.all())
        self.fields["phone"].help_text = _("仅工作人员可见，不在公开页面显示。")


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["point", "title", "kind", "asked_by", "opens_on", "closes_on", "summary"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "summary": forms.Textarea({"rows": 3}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choices(self.fields["point"], ContactPoint.objects.visible_to(user))
        self.fields["summary"].help_text = _("向群众说明征询的目的和参与方式，在公开页面显示。")


class ArticlesForm(forms.Form):
    text = forms.CharField(
        label=_("草案文本"),
        required=False,
        widget=forms.Textarea({"rows": 12}),
        help_text=_("粘贴草案全文，每条以“第X条”另起一行；章、节标题会保留。"),
    )
    document = forms.FileField(
        label=_("或上传 Word 文档（.docx）"),
        required=False,
        help_text=_("上传后按“第X条”自动拆分，不超过 2MB。"),
    )

    def clean_document(self) -> str:
        upload = self.cleaned_data.get("document")
        if not upload:
            return ""
        if upload.size > DOCX_MAX_BYTES:
            raise ValidationError(_("文件不能超过 2MB。"))
        return docx_text(upload.read())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = data.get("document") or data.get("text") or ""
        if not text.strip() and not self.errors:
            raise ValidationError(_("请粘贴草案文本或上传 Word 文档。"))
        data["text"] = text
        return data


def docx_text(content: bytes) -> str:
    """The paragraphs of a .docx, one a line; a refusal in Chinese for anything else."""
    from docx import Document

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ValidationError(_("不是有效的 Word 文档（.docx）。")) from None
    if "word/document.xml" not in names:
        raise ValidationError(_("不是有效的 Word 文档（.docx）。"))
    if unpacked > DOCX_MAX_UNPACKED:
        raise ValidationError(_("文档内容过大，请粘贴文本。"))
    try:
        document = Document(io.BytesIO(content))
    except Exception:  # python-docx raises many kinds for a damaged package
        raise ValidationError(_("无法读取该 Word 文档，请粘贴文本。")) from None
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = ["kind", "held_on", "place", "attendees", "messages_sent", "notes"]
        widgets = {"held_on": DateInput()}


class ArticleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        text = obj.text.replace("\n", " ")
        return f"{obj.label} {text[:24]}{'…' if len(text) > 24 else ''}"


class SuggestionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.receipt_number} {obj.article_label} {obj.content[:20]}"


def _article_field(consultation: Consultation) -> forms.ModelChoiceField:
    return ArticleChoiceField(
        label=_("针对条款"),
        queryset=consultation.articles.all(),
        required=False,
        empty_label=str(_("草案整体")),
    )


class PublicSuggestionForm(forms.Form):
    content = forms.CharField(
        label=_("您的意见建议"), max_length=2000, widget=forms.Textarea({"rows": 5})
    )
    author_name = forms.CharField(label=_("姓名"), max_length=32, required=False)
    author_phone = Suggestion._meta.get_field("author_phone").formfield(required=False)
    consent = forms.BooleanField(
        label=_("我同意工作人员整理、转报我的意见，并在需要时与我联系核实"),
    )
    # A honeypot: hidden from people by CSS, filled in by bots that fill every field.
    website = forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields = {"article": _article_field(consultation), **self.fields}
        self.fields["author_name"].help_text = _("选填。")
        self.fields["author_phone"].help_text = _("选填，仅供工作人员联系核实，不会公开。")

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def suggestion_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "article": data["article"],
            "content": data["content"],
            "author_name": data["author_name"],
            "author_phone": data["author_phone"] or "",
        }


class DeputySuggestionForm(forms.Form):
    content = forms.CharField(
        label=_("意见建议"), max_length=2000, widget=forms.Textarea({"rows": 5})
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields = {"article": _article_field(consultation), **self.fields}


class RecordedSuggestionForm(DeputySuggestionForm):
    SOURCES = [
        (Suggestion.Source.SYMPOSIUM, Suggestion.Source.SYMPOSIUM.label),
        (Suggestion.Source.INFORMANT, Suggestion.Source.INFORMANT.label),
    ]
    source = forms.ChoiceField(label=_("来源"), choices=SOURCES)
    channel = forms.ModelChoiceField(
        label=_("座谈会"), queryset=Channel.objects.none(), required=False
    )
    author_name = forms.CharField(label=_("提出人"), max_length=32, required=False)

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any):
        super().__init__(*args, consultation=consultation, **kwargs)
        _choices(
            self.fields["channel"],
            consultation.channels.filter(kind=Channel.Kind.SYMPOSIUM),
        )


class RejectForm(forms.Form):
    note = forms.CharField(label=_("不予受理理由"), max_length=200, required=False)


class MergeForm(forms.Form):
    into = SuggestionChoiceField(label=_("合并到"), queryset=Suggestion.objects.none())

    def __init__(self, *args: Any, targets: QuerySet[Suggestion], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choices(self.fields["into"], targets)


class RewriteForm(forms.Form):
    suggested_text = forms.CharField(
        label=_("修改建议（规范表述）"), widget=forms.Textarea({"rows": 4}), required=False
    )
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea({"rows": 3}), required=False)


class SendForm(forms.Form):
    sent_on = DateField(label=_("报送日期"), widget=DateInput())


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("采纳情况"), choices=Disposition.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("反馈说明"),
        widget=forms.Textarea({"rows": 3}),
        required=False,
        help_text=_("未采纳的须填写理由；提出人凭回执可看到这一说明。"),
    )
    answered_on = DateField(label=_("反馈日期"), widget=DateInput())


class ReceiptForm(forms.Form):
    number = forms.CharField(label=_("回执编号"), max_length=20)
    code = forms.CharField(label=_("查询码"), max_length=12)

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip().upper()
