"""What a user may do with notifications. Everyone reads their own inbox and sets their own
channels (the querysets keep them to their own); admins check and resend failed deliveries."""

import rules

from accounts.permissions import is_admin

rules.add_perm("notifications.manage_deliveries", is_admin)
