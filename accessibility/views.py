from django.http import Http404


def _not_built_yet(request, **kwargs):
    raise Http404  # Built in the accessibility issue.


statement = report_barrier = alternative_format = _not_built_yet
