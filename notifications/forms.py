from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["email", "sms", "daily_digest"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("email") and not self.user.email:
            self.add_error("email", _("您的账户没有登记邮箱，请联系管理员补充后再开启邮件提醒。"))
        if data.get("sms") and not self.user.phone:
            self.add_error("sms", _("您的账户没有登记手机号码，请联系管理员补充后再开启短信提醒。"))
        return data
