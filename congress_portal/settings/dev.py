"""The embedded default for a developer or a demo: `make run`.

A demo shows what its visitors will meet: the portal's own Chinese 404 and 500 pages. Django's
debug pages, which list every URL pattern and setting, appear only when a developer asks for them
with DEBUG=true. Static files are served by WhiteNoise from the finders (base.py) either way.
"""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", False)

# The footer of a demo says it is one; a deployment sets its own (.env.example).
PORTAL_BODY_ADDRESS = env_str("PORTAL_BODY_ADDRESS", "湖南省怀化市（演示地址）")
PORTAL_BODY_CONTACT = env_str("PORTAL_BODY_CONTACT", "0745-0000000（演示电话）")
PORTAL_ICP_NUMBER = env_str("PORTAL_ICP_NUMBER", "湘ICP备00000000号（演示）")
