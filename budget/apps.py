from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("预算审查监督")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy

        from evaluations.selectors import register_checklist

        from .selectors.scorecard import problem_tallies

        # Problems found by budget supervision count on the unit's work evaluation.
        register_checklist(gettext_lazy("预算监督问题整改"), problem_tallies)

        from .selectors.funds import fund_tallies

        # A major fund's 两问四评 result counts on the work evaluation of the unit managing it.
        register_checklist(gettext_lazy("重大资金两问四评"), fund_tallies)
