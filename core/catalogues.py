"""The interface catalogues (locale/en, locale/fi): which languages get one and how
`makemessages` is run for them, stated once for `manage.py update_catalogues` and for the
test that fails on a missing or untranslated message (tests/test_catalogues.py).

Swedish is the message id everywhere, so Swedish needs no catalogue of its own;
locale/sv holds only the project's wording for Django's and django-simple-history's
admin texts and is kept by hand (never run makemessages for sv: it would drop them).
"""

from core.languages import NAMES

# Every language with a catalogue, switched on or not (DJANGO_LANGUAGES).
CATALOGUE_LANGUAGES = [code for code in NAMES if code != "sv"]

MAKEMESSAGES_OPTIONS = [
    "--no-obsolete",
    # File names without line numbers: a change elsewhere in a file moves no entry, so
    # branches that add strings merge without conflicts in the references.
    "--add-location=file",
    # Not the site: tooling, tests, and the admin's own templates (Django's English
    # message ids for a Swedish-only admin, translated by locale/sv and Django itself).
    *(
        f"--ignore={pattern}"
        for pattern in (
            ".venv/*",
            ".tools/*",
            "var/*",
            "tests/*",
            "benchmarks/*",
            "node_modules/*",
            "static/*",
            "templates/admin/*",
        )
    ),
]


def makemessages_arguments(languages=None):
    """The arguments of `manage.py makemessages` for `languages` (all by default)."""
    locales = [f"--locale={code}" for code in (languages or CATALOGUE_LANGUAGES)]
    return ["makemessages", *locales, *MAKEMESSAGES_OPTIONS]
