from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        # Absolute addresses (canonical, og:url) from the configured address, never
        # from the request's Host header, which a client chooses.
        "SITE_URL": settings.SITE_URL,
    }
