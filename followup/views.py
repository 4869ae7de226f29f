from django.http import Http404


def report(request, municipality_slug, period_slug, year, tertial):
    raise Http404  # Built in the public pages issue.
