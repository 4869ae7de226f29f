"""Previews of drafts: the admin (in the domain apps) shows a draft as its public page
will look, but the public pages belong to the site layer above. The site layer registers
one renderer per model here when it starts; the admin only looks it up, so no domain app
imports the site."""

_renderers = {}


def register(model, renderer):
    """`renderer(request, obj)` returns the public page of `obj` marked as a preview."""
    _renderers[model] = renderer


def render(request, obj):
    try:
        renderer = _renderers[type(obj)]
    except KeyError:
        raise LookupError(f"No preview page is registered for {type(obj).__name__}.") from None
    return renderer(request, obj)


def mark_preview(response):
    """Keep a draft preview out of search engines and shared caches."""
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
