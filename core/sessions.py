"""The session's login time, read by the absolute-timeout middleware (config) and by the
admin's warning before a timeout (core's template tags): the key is stated once, here."""

LOGIN_STARTED_KEY = "_login_started_at"
