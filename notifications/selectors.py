"""Reads for the notification pages: a user's delivery preferences, the failed deliveries an admin
may resend."""

from django.db.models import QuerySet

from accounts.models import User

from .models import Delivery, Preference


def preference_of(*, user: User) -> Preference:
    """The user's delivery preferences; an unsaved default (inbox only) when never set."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def failed_deliveries(*, user: User) -> QuerySet[Delivery]:
    """Deliveries that could not be sent, to users in `user`'s scope, newest first."""
    return (
        Delivery.objects.filter(
            status=Delivery.Status.FAILED,
            notification__recipient__in=User.objects.visible_to(user),
        )
        .select_related("notification__recipient")
        .order_by("-id")
    )


def deliveries_in_scope(*, user: User) -> QuerySet[Delivery]:
    """Every delivery to a user in `user`'s scope, the one an admin resends among them."""
    return Delivery.objects.filter(notification__recipient__in=User.objects.visible_to(user))
