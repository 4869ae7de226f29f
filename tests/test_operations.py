"""Operations: the gunicorn configuration and what an error page may show back."""

import runpy

from django.http import QueryDict

from core.forms import given_back


def test_an_error_page_gives_back_what_was_typed_but_never_a_secret():
    sent = QueryDict(mutable=True)
    for name, value in [
        ("csrfmiddlewaretoken", "csrf-värde"),
        ("username", "chef"),
        ("password", "hemligt-lösen"),
        ("new_password1", "nytt-lösen"),
        ("lamna_tomt", "bot"),
        ("started", "tidsfälla"),
        ("message", "Knappen syns inte."),
        ("consent", "on"),
        ("form-TOTAL_FORMS", "3"),
        ("_save", "Spara"),
        ("summary", "Läget är gott."),
    ]:
        sent.appendlist(name, value)
    assert given_back(sent) == ["chef", "Knappen syns inte.", "Läget är gott."]


def gunicorn_settings(monkeypatch, **env):
    for name in ("GUNICORN_BIND", "GUNICORN_CONTROL_SOCKET", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path("config/gunicorn.py")


def test_each_gunicorn_instance_has_its_own_control_socket(monkeypatch):
    first = gunicorn_settings(monkeypatch, PORT="18180")
    second = gunicorn_settings(monkeypatch, PORT="18181")
    assert first["bind"] == "127.0.0.1:18180"
    assert first["control_socket"] != second["control_socket"]
    assert first["control_socket"].endswith("gunicorn-127-0-0-1-18180.ctl")
    off = gunicorn_settings(monkeypatch, GUNICORN_CONTROL_SOCKET="")
    assert off["control_socket_disable"] is True


def test_a_database_error_outside_any_view_gets_the_503_page(rf, db):
    from django.db import OperationalError

    from config.views import server_error

    request = rf.post("/admin/login/", {"username": "chef", "password": "hemligt-lösen"})
    try:
        raise OperationalError("connection timeout expired")
    except OperationalError:
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Tjänsten är tillfälligt otillgänglig" in body
    assert "chef" in body and "hemligt-lösen" not in body


class SlowBackend:
    """A mail server that takes its time, then accepts (into Django's test outbox)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        import time

        from django.core import mail

        time.sleep(1.5)
        mail.outbox.extend(messages)
        return len(messages)


def test_an_error_mail_to_admins_never_holds_the_failing_request(settings):
    import time

    from django.core import mail

    from core.logging import BackgroundAdminEmailHandler

    settings.ADMINS = [("Drift", "drift@example.se")]
    settings.EMAIL_BACKEND = "tests.test_operations.SlowBackend"
    handler = BackgroundAdminEmailHandler()
    started = time.monotonic()
    handler.send_mail("Serverfel", "Traceback …")
    assert time.monotonic() - started < 0.5, "the request went on without waiting"
    BackgroundAdminEmailHandler._queue.join()
    assert [m.to for m in mail.outbox] == [["drift@example.se"]]


def test_log_lines_are_json_on_request():
    import json
    import logging

    from core.logging import JsonFormatter

    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Fel på %s", ("/sök/",), None
    )
    record.status_code = 500
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "Fel på /sök/" and entry["status"] == 500
    assert entry["level"] == "ERROR" and entry["logger"] == "django.request"
