"""De-attribution: find and neutralise what in a text identifies a speaker or participant.

Pure Python, no Django import. Build a :class:`Scanner` once per registry and reuse it::

    registry = Registry.from_dict(data)   # design §5 JSON; RegistryError on bad input
    scanner = Scanner(registry, k=3)
    findings = scanner.scan(text)         # list[Finding], character offsets
    neutral = scanner.redact(text)

Optional registry fields this package understands (beyond design §5):

- ``people[*].family_names``: family names in any script ("Tanaka", "田中"); the
  default is the last word of ``name`` (the first for CN, TW, HK, MO, KR, KP, VN, KH) and
  for CJK ``other_names`` the first syllable (Korean), first two characters (Japanese)
  or first character (Chinese).
- ``people[*].titles``: titles the person is known by ("retired vice admiral",
  "former ambassador to Vietnam"); "former"/"retired" marks a past role.
- ``people[*].former_roles``: past roles ("Commander of the Fleet Escort Force").
- ``people[*].sector``: an organisation kind the person belongs to regardless of
  affiliations.
- ``organisations[*].other_names``: other names of an organisation in any script.

See docs/deattribution.md for the rules, k and the limits.
"""

from .finding import CATEGORIES, Finding
from .registry import Registry, RegistryError
from .scanner import Scanner

__all__ = ["CATEGORIES", "Finding", "Registry", "RegistryError", "Scanner"]
