from django.http import Http404
from django.shortcuts import render


def about(request):
    return render(request, "promises/about.html")


def _not_built_yet(request, **kwargs):
    raise Http404  # Built in the public pages issue.


home = search = county = police_area = municipality = period = agreement = _not_built_yet
