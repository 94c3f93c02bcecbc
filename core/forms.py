from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Render every form with the portal's Bootstrap field template (templates/forms/)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
