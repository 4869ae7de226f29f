"""The interface catalogues are complete (issue 20 point 1 and 4): makemessages, run as
`manage.py update_catalogues` runs it (core/catalogues.py) on a copy of the code into a
temporary directory, finds no message that the committed locale/en or locale/fi lacks;
the committed catalogues have no untranslated and no fuzzy entry; every translation keeps
its placeholders; the committed .mo files are compiled from the .po files as they are.

A branch that adds a string fails here until `manage.py update_catalogues` has been run
and the new entries translated (docs/sprak.md)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from core.catalogues import CATALOGUE_LANGUAGES, makemessages_arguments

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
NOT_COPIED = {".git", ".venv", ".tools", "var", "locale", "node_modules", "__pycache__"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def committed(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """{language: POFile} as makemessages writes it from the code today, with no
    catalogue to merge into."""
    copy = tmp_path_factory.mktemp("catalogues") / "site"
    shutil.copytree(ROOT, copy, ignore=lambda _dir, names: NOT_COPIED & set(names))
    subprocess.run(  # noqa: S603 - our own manage.py with our own arguments
        [sys.executable, "manage.py", *makemessages_arguments(), "--verbosity=0"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {
        language: polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        for language in CATALOGUE_LANGUAGES
    }


def test_there_is_a_catalogue_for_english_and_finnish():
    assert CATALOGUE_LANGUAGES == ["en", "fi"]


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_no_message_of_the_code_is_missing_from_the_committed_catalogue(extracted, language):
    found = {key(entry) for entry in extracted[language]}
    assert len(found) > 500  # the extraction ran over the templates and the code
    kept = {key(entry) for entry in committed(language) if not entry.obsolete}
    missing = sorted(found - kept, key=str)
    assert not missing, (
        f"locale/{language} lacks {len(missing)} message(s); run `manage.py update_catalogues` "
        f"and translate them: {missing[:10]}"
    )


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    catalogue = committed(language)
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_every_translation_keeps_its_placeholders(language):
    wrong = []
    for entry in committed(language).translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        singular = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) not in (wanted, singular):
                wrong.append((entry.msgid, text))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_the_committed_mo_is_compiled_from_the_po_as_it_is(language):
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.mofile(str(folder / "django.mo"))
        if e.msgid
    }
    source = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in committed(language).translated_entries()
    }
    assert compiled == source, "run `manage.py update_catalogues` (it compiles the .mo)"
