"""Settings for the medborgarlöften portal, read from the environment.

Every variable is documented in `.env.example`. The defaults make a fresh clone work
on a laptop: SQLite under `var/`, DEBUG off, a generated secret key kept under `var/`.
Production switches (HTTPS, secret key, hosts) are set by environment, never in code.

The settings are split by concern, each part reading its own variables: base (apps,
database, languages, static files, e-mail), caches, security, logging, and services
(the apps' own settings).
"""

from .base import *  # noqa: F403
from .caches import *  # noqa: F403
from .logging import *  # noqa: F403
from .security import *  # noqa: F403
from .services import *  # noqa: F403
