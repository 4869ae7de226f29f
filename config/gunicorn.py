"""gunicorn settings from the environment: `gunicorn --config config/gunicorn.py config.wsgi`.

The same environment as the settings: `.env` is read first (values already in the
environment win, as in config/settings/base.py), so GUNICORN_* and PORT there take effect.
"""

import multiprocessing
import os
import re
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# One line per request on stdout; no query strings, which may carry search terms.
# An empty GUNICORN_ACCESSLOG turns the access log off.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket defaults to one path per user, so a second instance on the
# machine would take the first one's. One per bound address under var/ instead; an
# empty GUNICORN_CONTROL_SOCKET turns it off.
_instance = re.sub(r"[^A-Za-z0-9]+", "-", bind).strip("-")
control_socket = os.environ.get(
    "GUNICORN_CONTROL_SOCKET", str(BASE_DIR / "var" / f"gunicorn-{_instance}.ctl")
)
if not control_socket:
    control_socket_disable = True
