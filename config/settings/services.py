"""The apps' own settings: accessibility requests, search, outbox and alerts, open data
and the tertial reminders."""

import datetime

from django.core.exceptions import ImproperlyConfigured

from .base import CONTACT_EMAIL, env

# --- Accessibility requests (accessibility/) -------------------------------------------
# Who is e-mailed about new barrier reports and format requests.
ACCESSIBILITY_EDITOR_EMAILS = env.list(
    "ACCESSIBILITY_EDITOR_EMAILS", default=["tillganglighet@localhost"]
)
# Accepted submissions per hour from one address before the forms answer 429.
ACCESSIBILITY_RATE_LIMIT_PER_HOUR = env.int("ACCESSIBILITY_RATE_LIMIT_PER_HOUR", default=10)

# Search (search/): searches per client address and minute (0 = no limit, as the
# benchmark runs it from one address), and the longest a search statement may run.
SEARCH_RATE_LIMIT_PER_MINUTE = env.int("SEARCH_RATE_LIMIT_PER_MINUTE", default=60)
SEARCH_STATEMENT_TIMEOUT_MS = env.int("SEARCH_STATEMENT_TIMEOUT_MS", default=500)
# A form sent faster than this (seconds, capped at 5) is kept in quarantine for an editor.
ACCESSIBILITY_MIN_FILL_SECONDS = env.int("ACCESSIBILITY_MIN_FILL_SECONDS", default=3)
# Name and e-mail address are erased this many days after a request is closed.
ACCESSIBILITY_PURGE_AFTER_DAYS = env.int("ACCESSIBILITY_PURGE_AFTER_DAYS", default=90)
# Attempts before an outbox e-mail is marked failed (an editor can retry it in the admin).
ACCESSIBILITY_EMAIL_MAX_ATTEMPTS = env.int("ACCESSIBILITY_EMAIL_MAX_ATTEMPTS", default=5)
# Who is responsible for the site, as the accessibility statement names them (DIGG's
# template), with phone and post besides e-mail, and when the site was first published.
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Polismyndigheten")
ORGANISATION_PHONE = env.str("ORGANISATION_PHONE", default="114 14")
ORGANISATION_POSTAL_ADDRESS = env.str(
    "ORGANISATION_POSTAL_ADDRESS", default="Polismyndigheten, Box 12256, 102 26 Stockholm"
)
SITE_PUBLISHED_ON = datetime.date.fromisoformat(env.str("SITE_PUBLISHED_ON", default="2026-11-21"))

# --- Outbox (outbox/) and alerts (alerts/) ----------------------------------------------
# Attempts before a queued e-mail is marked failed and counted for the editors.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
# Days a confirmation link works; unconfirmed addresses are erased after that.
ALERTS_CONFIRM_DAYS = env.int("ALERTS_CONFIRM_DAYS", default=7)
# Confirmation e-mails one address can get per 24 hours, whoever asks.
ALERTS_CONFIRMATIONS_PER_DAY = env.int("ALERTS_CONFIRMATIONS_PER_DAY", default=3)
# --- Open data (opendata/) ------------------------------------------------------------
# The publisher in the DCAT-AP-SE catalogue (/datasets/dcat): its name and its 10-digit
# organisation number, which dataportal.se turns into http://dataportal.se/organisation/SE<nr>.
OPENDATA_PUBLISHER_NAME = env.str("OPENDATA_PUBLISHER_NAME", default="Medborgarlöften")
OPENDATA_PUBLISHER_ORGNR = env.str("OPENDATA_PUBLISHER_ORGNR", default="2021000000")
if not (len(OPENDATA_PUBLISHER_ORGNR) == 10 and OPENDATA_PUBLISHER_ORGNR.isdigit()):
    raise ImproperlyConfigured("OPENDATA_PUBLISHER_ORGNR must be 10 digits, no hyphen.")
# The contact point for questions about the data (kept apart from the publisher).
OPENDATA_CONTACT_NAME = env.str("OPENDATA_CONTACT_NAME", default="Medborgarlöften, öppna data")
OPENDATA_CONTACT_EMAIL = env.str("OPENDATA_CONTACT_EMAIL", default=CONTACT_EMAIL)
# API requests per minute from one client address before it answers 429.
OPENDATA_API_RATE_LIMIT_PER_MINUTE = env.int("OPENDATA_API_RATE_LIMIT_PER_MINUTE", default=120)

# --- Tertial reminders (followup/reminders.py) -------------------------------------------
# Days before a tertial ends that coordinators get the first reminder, and days after it
# ended that they are reminded again while the follow-up is missing or still a draft.
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=14)
REMINDER_DAYS_AFTER = env.list("REMINDER_DAYS_AFTER", cast=int, default=[7, 30])
