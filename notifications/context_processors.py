from .models import Notification


def inbox(request) -> dict:
    """The unread count shown on every page (one COUNT query for signed-in users)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.visible_to(user).unread().count()}
