"""What a user may do with the cross-domain reports. Exports and imports themselves are allowed
by each exporter's and importer's own permission; every user sees the jobs they started."""

import rules

from accounts.permissions import is_office

# The quarterly report covers every area of the committee office's work in its scope.
rules.add_perm("reports.view_quarterly_report", is_office)
