"""An editor at work during the mixed benchmark: logs in to the running portal over HTTP
like a coordinator's browser and saves follow-up reports through the admin's change form
(CSRF token, inline rows and the conflict check's version included), once a second.

Nothing here calls the application's code: every change takes the path a real edit takes.
"""

import http.cookiejar
import random
import secrets
import threading
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser

USERNAME = "bench-redaktor"


def create_editor():
    """A superuser in the bench database with a fresh password; returns the password."""
    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(16)
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return password


class FormReader(HTMLParser):
    """The fields a browser would send for the form with id `form_id` (submit buttons
    left out: the caller names the one it presses)."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, []
        self._select = self._textarea = None
        self._options, self._text = [], ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or a.get("disabled") is not None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""
        elif tag == "select" and a.get("name"):
            self._select, self._options = (a["name"], "multiple" in a), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.data.extend((name, value) for value in chosen)
            self._select = None


def form_fields(html, form_id):
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.data


class Editor(threading.Thread):
    """Saves a random report from `reports` (admin change URLs) every `interval` seconds
    until stop(), as several coordinators would: a save that takes longer than the
    interval does not hold up the next one (at most `in_flight` at a time; a tick that
    finds them all busy is counted as skipped). Counts saves the admin accepted (a
    redirect) and those it did not."""

    def __init__(self, server_url, password, reports, interval=1.0, in_flight=4, seed=15):
        super().__init__(daemon=True)
        self.server_url, self.password, self.reports = server_url, password, reports
        self.interval, self.in_flight, self.rng = interval, in_flight, random.Random(seed)
        self.saved, self.skipped, self.failed, self.seconds = 0, 0, [], []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self.http = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
        )

    def _request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.server_url + path, data=body)  # noqa: S310 - http://127.0.0.1
        try:
            with self.http.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:  # 3xx (not followed) and 4xx/5xx
            return error.code, error.read().decode(errors="replace")

    def log_in(self):
        status, html = self._request("/admin/login/")
        fields = dict(form_fields(html, "login-form"))
        fields.update(username=USERNAME, password=self.password, next="/admin/")
        status, _ = self._request("/admin/login/?next=/admin/", fields)
        if status != 302:
            raise RuntimeError(f"The editor could not log in (HTTP {status})")

    def edit_one(self, path, number):
        """Open the change form, change the summary, press "Spara"."""
        started = time.monotonic()
        try:
            status, html = self._request(path)
            problem = f"GET {path}: {status}" if status != 200 else None
            if problem is None:
                fields = form_fields(html, "followupreport_form")
                fields = [(k, v) for k, v in fields if k != "summary"]
                summary = f"Uppföljning redigerad under mätningen, ändring {number}."
                fields += [("summary", summary), ("_save", "Spara")]
                status, _ = self._request(path, fields)
                problem = None if status == 302 else f"POST {path}: {status}"
        except OSError as error:
            problem = f"{path}: {error}"
        with self._lock:
            self.seconds.append(time.monotonic() - started)
            if problem:
                self.failed.append(problem)
            else:
                self.saved += 1

    def run(self):
        number, next_at, busy = 0, time.monotonic(), []
        while not self._stopping.is_set():
            busy = [thread for thread in busy if thread.is_alive()]
            if len(busy) < self.in_flight:
                number += 1
                path = self.rng.choice(self.reports)
                thread = threading.Thread(target=self.edit_one, args=(path, number), daemon=True)
                thread.start()
                busy.append(thread)
            else:
                self.skipped += 1
            next_at += self.interval
            self._stopping.wait(max(0.0, next_at - time.monotonic()))
        for thread in busy:
            thread.join(timeout=60)

    def stop(self):
        self._stopping.set()
        self.join(timeout=90)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A save answers with a redirect: report it instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None
