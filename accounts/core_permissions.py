"""What each role may do with the base app's pages: the administrative tree, the units, the admin.

The names are core's (`core.browse_units`, ...), so core's views, menu and exporters ask for them
without knowing a role. They are bound to roles here because core sits below accounts and may
not import the role predicates; loaded by `AccountsConfig.ready`.
"""

import rules

from .permissions import is_admin, is_office

# Every signed-in user has a home page.
rules.add_perm("core.view_home", rules.is_authenticated)
# The committee office looks up the administrative tree and the handling units of its scope.
rules.add_perm("core.browse_jurisdictions", is_office)
rules.add_perm("core.browse_units", is_office)
rules.add_perm("core.export_units", is_office)
rules.add_perm("core.import_units", is_office)
# Admins keep records in the Django admin (scoped by `core.admin.ScopedAdmin`).
rules.add_perm("core.use_admin_site", is_admin)
