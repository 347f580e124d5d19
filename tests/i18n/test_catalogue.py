"""Every string the product asks for is translated into Simplified Chinese and Japanese, and
the compiled catalogues are those translations."""

import re

import polib
import pytest

from tests.i18n.catalogue import LOCALES, asked_for, mo_path, po

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("lang", LOCALES)
def test_every_entry_is_translated_and_none_is_fuzzy(lang):
    catalogue = po(lang)
    untranslated = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []
    assert catalogue.obsolete_entries() == []


@pytest.mark.parametrize("lang", LOCALES)
def test_a_translation_uses_only_the_placeholders_of_its_source(lang):
    wrong = []
    for entry in po(lang):
        strings = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for text in strings:
            extra = set(PLACEHOLDER.findall(text)) - set(PLACEHOLDER.findall(entry.msgid))
            if extra:
                wrong.append((entry.msgid, extra))
    assert wrong == []


@pytest.mark.parametrize("lang", LOCALES)
def test_nothing_the_code_asks_for_is_missing_from_the_catalogue(lang):
    """What makemessages would add: every translate/blocktranslate in a template and every
    gettext call in the Python source, read without xgettext."""
    have = {(e.msgctxt, e.msgid) for e in po(lang)}
    missing = {key: where for key, where in asked_for().items() if key not in have}
    assert missing == {}, "run makemessages and translate (docs/translating.md)"


@pytest.mark.parametrize("lang", LOCALES)
def test_the_compiled_catalogue_is_the_po_file(lang):
    """The .mo files are committed (no gettext tools needed at setup); they must match."""
    assert mo_path(lang).exists()
    compiled = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(mo_path(lang)))
    }
    source = {
        (e.msgctxt, e.msgid): e.msgstr or {int(k): v for k, v in e.msgstr_plural.items()}
        for e in po(lang)
        if e.translated()
    }
    compiled.pop((None, ""), None)
    assert {k: compiled.get(k) for k in source} == source
    assert set(compiled) == set(source)


def test_the_extractor_finds_what_makemessages_finds():
    """A check on the check: strings of every kind are found where they are written."""
    found = asked_for()
    assert found[(None, "Nothing here")] == "templates/404.html"  # translate
    assert (None, "Log out %(email)s") in found  # blocktranslate with a variable
    assert (None, "%(hidden_count)s more participant chose not to be listed.") in found
    assert (None, "Only the series' convenors do this.") in found  # gettext_lazy in Python
    assert (None, "Chatham House Rule") in found  # gettext_noop for core's words
