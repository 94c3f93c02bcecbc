"""Change history that records changes, not saves.

django-simple-history writes a row on every save. For a model with excluded fields that row can
say nothing new: a login saves only `last_login`, a password change only `password`, and each left
a copy of the user in the history, a log of login times nobody asked for.
"""

from simple_history import models as simple_history


class HistoricalRecords(simple_history.HistoricalRecords):
    """simple_history's HistoricalRecords, skipping a save that changes only excluded fields."""

    def post_save(self, instance, created, using=None, **kwargs):
        if not created and self._changes_only_excluded(instance, kwargs.get("update_fields")):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _changes_only_excluded(self, instance, update_fields) -> bool:
        if not self.excluded_fields:
            return False
        if update_fields is not None:
            return set(update_fields) <= set(self.excluded_fields)
        # A full save may still change only excluded fields (a password change saves the whole
        # user): the latest row tells whether any tracked value moved.
        tracked = [field.attname for field in self.fields_included(instance)]
        latest = getattr(instance, self.manager_name).values(*tracked).first()
        return latest == {name: getattr(instance, name) for name in tracked}
