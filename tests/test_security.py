"""Security headers, deployment checks and the operational endpoints."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    # The browser tests lift Django's async guard in this process; a deployment never does.
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(  # noqa: S603 - fixed command, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client):
    response = client.get(reverse("portal:about"))
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_check_deploy_passes_under_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECURE="true",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="medborgarloften.example.se",
        **PUBLIC_ADDRESSES,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PUBLIC_ADDRESSES = {
    "SITE_URL": "https://medborgarloften.example.se",
    "DEFAULT_FROM_EMAIL": "Medborgarlöften <noreply@medborgarloften.example.se>",
    "ACCESSIBILITY_EDITOR_EMAILS": "tillganglighet@medborgarloften.example.se",
}


@pytest.mark.parametrize(
    "variable, value, named",
    [
        ("SITE_URL", "http://127.0.0.1:8000", "SITE_URL"),
        ("SITE_URL", "https://localhost", "SITE_URL"),
        ("DEFAULT_FROM_EMAIL", "Medborgarlöften <noreply@localhost>", "DEFAULT_FROM_EMAIL"),
        (
            "ACCESSIBILITY_EDITOR_EMAILS",
            "a@example.se,tillganglighet@localhost",
            "ACCESSIBILITY_EDITOR_EMAILS",
        ),
    ],
)
def test_check_deploy_fails_on_addresses_that_point_to_this_machine(variable, value, named):
    result = run_manage(
        "check",
        "--deploy",
        DJANGO_SECURE="true",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="medborgarloften.example.se",
        **{**PUBLIC_ADDRESSES, variable: value},
    )
    assert result.returncode != 0
    assert named in result.stderr and "localhost" in result.stderr + value


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_SECURE="true", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_cookies_are_secure_host_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT)"
    )
    result = run_manage(
        "shell", "-c", code, DJANGO_SECURE="true", DJANGO_SECRET_KEY=secrets.token_urlsafe(64)
    )
    assert result.stdout.splitlines()[-1].split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "31536000",
        "True",
        "True",
    ]


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_static_files_are_hashed_and_compressed(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        DJANGO_STATICFILES_STORAGE="whitenoise.storage.CompressedManifestStaticFilesStorage",
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    hashed = [p.name for p in (tmp_path / "css").glob("site.*.css")]
    assert hashed, "the stylesheet gets a content hash in its name"
    assert any(name.endswith(".css.gz") for name in os.listdir(tmp_path / "css"))


def test_healthz_needs_no_database(client):
    response = client.get(reverse("healthz"))
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_and_cache(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_permissions_policy_turns_off_camera_location_and_microphone(client):
    policy = client.get(reverse("healthz"))["Permissions-Policy"]
    assert {"camera=()", "geolocation=()", "microphone=()"} <= {
        part.strip() for part in policy.split(",")
    }


@pytest.mark.django_db
def test_a_coordinator_is_logged_out_a_working_day_after_login_however_active(client, settings):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("anna", password="x", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["_login_started_at"] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
