"""Quasi-identifiers: descriptions that fit fewer than k participants.

"a retired Japanese admiral", "a Korean journalist", "one of the two legislators",
"the only woman from the navy", 日本の元海将, 한국 기자. A description is parsed into
constraints (nationality, gender, sector, role, past or present) and counted against the
participants' profiles; it is a finding when 1 <= count < k, or when the text itself says
the group is smaller than k ("one of the two ...") and someone fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .author import CAPITALS
from .context import REPORTING_VERBS
from .lexicon import CJK_COUNTRY_WORDS, COUNTRY_NAMES, COUNTRY_WORDS, fold
from .names import LATIN_LETTERS
from .profiles import Population
from .regions import case_variants, cjk_regions, trie_pattern

# Description noun -> tags of which a participant needs one (None: anybody).
ROLE_NOUNS: dict[str, frozenset[str] | None] = {}
for _tags, _nouns in (
    ("admiral", "admiral admirals"),
    ("vice_admiral", "vice_admiral"),
    ("rear_admiral", "rear_admiral"),
    ("brigadier", "brigadier brigadier_general"),
    ("coastguard", "coast_guard_officer coastguard_officer coast_guard coastguardsman"),
    ("shipping", "shipping_executive shipowner ship_owner"),
    ("commodore", "commodore"),
    ("general", "general lieutenant_general major_general"),
    ("colonel", "colonel senior_colonel"),
    ("navy", "naval_officer navy_officer sailor seafarer"),
    ("army", "army_officer"),
    (
        "s:armed_forces",
        "officer military_officer uniformed_officer serviceman servicewoman "
        "military_man military_woman soldier servicemen servicewomen",
    ),
    ("ambassador", "ambassador"),
    ("diplomat ambassador", "diplomat envoy"),
    ("s:ministry", "official civil_servant bureaucrat government_official policymaker"),
    (
        "s:legislature",
        "legislator lawmaker parliamentarian mp member_of_parliament congressman "
        "congresswoman congressmen congresswomen senator politician",
    ),
    ("s:media journalist", "journalist reporter correspondent editor columnist"),
    ("s:university s:think_tank", "academic scholar"),
    ("professor", "professor"),
    ("s:think_tank", "researcher analyst think-tanker"),
    ("s:think_tank s:university", "senior_fellow research_fellow visiting_fellow"),
    (
        "s:industry",
        "businessman businesswoman businessmen businesswomen executive "
        "business_leader industry_representative ceo banker",
    ),
    ("s:ngo", "activist"),
    ("lawyer", "lawyer"),
    ("minister", "minister vice_minister"),
    ("g:f", "woman women lady ladies"),
    ("g:m", "man men gentleman gentlemen"),
    (
        "",
        "participant colleague delegate expert speaker voice panellist panelist attendee "
        "guest friend national representative",
    ),
):
    for _noun in _nouns.split():
        _value = frozenset(_tags.split()) or None
        _plain = _noun.replace("_", " ")
        ROLE_NOUNS[_plain] = _value
        if not _plain.endswith(("men", "women", "ladies", "s")):
            ROLE_NOUNS[_plain + "s"] = _value

FROM_WORDS: dict[str, frozenset[str]] = {
    "navy": frozenset({"navy"}),
    "army": frozenset({"army"}),
    "air force": frozenset({"airforce"}),
    "military": frozenset({"s:armed_forces"}),
    "armed forces": frozenset({"s:armed_forces"}),
    "foreign ministry": frozenset({"diplomat"}),
    "ministry": frozenset({"s:ministry"}),
    "government": frozenset({"s:ministry"}),
    "media": frozenset({"s:media"}),
    "press": frozenset({"s:media"}),
    "industry": frozenset({"s:industry"}),
    "private sector": frozenset({"s:industry"}),
    "business community": frozenset({"s:industry"}),
    "academia": frozenset({"s:university", "s:think_tank"}),
    "think tanks": frozenset({"s:think_tank"}),
    "think tank": frozenset({"s:think_tank"}),
    "legislature": frozenset({"s:legislature"}),
    "parliament": frozenset({"s:legislature"}),
    "civil society": frozenset({"s:ngo"}),
    "defence side": frozenset({"defence", "s:armed_forces"}),
    "defense side": frozenset({"defence", "s:armed_forces"}),
    "defence establishment": frozenset({"defence", "s:armed_forces"}),
    "defence ministry": frozenset({"defence"}),
    "military side": frozenset({"s:armed_forces"}),
    "government side": frozenset({"s:ministry"}),
    "coast guard": frozenset({"coastguard"}),
    "shipping industry": frozenset({"shipping"}),
    "shipping sector": frozenset({"shipping"}),
}
AMBIGUOUS_NOUNS = frozenset(
    [
        "general",
        "official",
        "executive",
        "academic",
        "national",
        "representative",
        "friend",
        "voice",
        "speaker",
        "colonel",
        "editor",
        "minister",
    ]
)
FOLLOWERS = (
    frozenset(
        [
            "who",
            "whom",
            "that",
            "from",
            "of",
            "in",
            "at",
            "and",
            "or",
            "with",
            "to",
            "for",
            "on",
            "here",
            "there",
            "present",
            "among",
            "himself",
            "herself",
            "whose",
            "spoke",
            "speaks",
            "stated",
            "told",
            "thought",
            "joined",
            "left",
            "arrived",
            "intervened",
            "replied",
            "now",
        ]
    )
    | REPORTING_VERBS
)
COUNTS = {"two": 2, "three": 3, "both": 2, "2": 2, "3": 3, "pair": 2, "four": 4, "4": 4}
PAST = frozenset({"retired", "former", "ex-", "erstwhile", "onetime"})


def _alt(words: list[str]) -> str:
    return "(?:" + trie_pattern([w.lower() for w in words]) + ")"


_MODS = (
    r"(?:(?:retired|former|ex-|erstwhile|serving|active-duty|senior|junior|young|veteran|"
    r"female|male|woman|women|distinguished|prominent|well-known|leading|outspoken|other|"
    r"fellow|sole|lone|only|single|elected|career|uniformed|naval|military|lady|business|"
    r"shipping|industry|corporate|private-sector|foreign-ministry)\s+)*"
)
_NAT_WORDS = [w for w in COUNTRY_WORDS if w not in {"us", "uk", "rok", "prc", "dprk", "u.s."}]
# "a Jakarta think tank": a capital stands for its country where a workplace is described
CAPITAL_WORDS = {fold(c): code for code, names in CAPITALS.items() for c in names}
_PLACE = _alt(_NAT_WORDS + list(CAPITAL_WORDS))
_SECTOR = _alt(list(FROM_WORDS))
# Where the person works, after the role: "at a Korean think tank", "with the navy", or a
# relative clause, "who now heads a Jakarta think tank", "who is Japanese".
_WORKPLACE = (
    rf"(?:(?:an?|the)\s+)?(?:(?P<{{p}}place>{_PLACE})\s+)?(?P<{{p}}sector>{_SECTOR})"
    rf"(?![{LATIN_LETTERS}])"
)
_TAIL_VERBS = (
    r"is|was|works|worked|serves|served|heads|headed|leads|led|runs|ran|sits|teaches|"
    r"taught|chairs|chaired|directs|directed|advises|advised|writes|wrote|reports"
)
_AT = rf"(?:\s+(?:at|with|in)\s+{_WORKPLACE.format(p='at_')})?"
_WHO = (
    r"(?:,?\s+(?:who|that)\s+(?:(?:now|currently|also|still)\s+)?"
    rf"(?P<verb>{_TAIL_VERBS})\s+(?:(?:at|in|for|on|with)\s+)?"
    rf"(?:{_WORKPLACE.format(p='who_')}|(?P<who_nat>{_alt(_NAT_WORDS)})(?![{LATIN_LETTERS}])))?"
)
_DESCRIPTION = re.compile(
    rf"(?<![{LATIN_LETTERS}])"
    r"(?P<det>the\s+(?:only|sole|lone|single|one)|one\s+of\s+(?:the|our)\s+(?P<n1>two|three|four|2|3|4)|"
    r"(?P<n2>both)(?:\s+(?:of\s+)?(?:the|our))?|the\s+(?P<n3>two|three|pair\s+of)|"
    r"our|a|an|the|another|one|two|three|any)\s+"
    rf"(?P<mods>{_MODS})"
    rf"(?:(?P<nat>{_alt(_NAT_WORDS)})\s+)?"
    rf"(?P<mods2>{_MODS})"
    rf"(?P<role>{_alt(list(ROLE_NOUNS))})(?![{LATIN_LETTERS}])"
    rf"(?:\s+(?:from|of)\s+(?:the\s+)?(?P<from>{_alt(list(FROM_WORDS) + _NAT_WORDS)})"
    rf"(?![{LATIN_LETTERS}]))?"
    rf"{_AT}{_WHO}",
    re.I,
)
# A description is looked for around a word that can constrain it: a nationality, a
# gender or a specific role (a generic noun such as "participant" constrains nothing).
_REACH = 50
TRIGGER_WORDS = [n for n, tags in ROLE_NOUNS.items() if tags is not None] + _NAT_WORDS
_ROLE_TRIGGER = re.compile(
    rf"(?<![{LATIN_LETTERS}]){trie_pattern(case_variants(TRIGGER_WORDS))}(?![{LATIN_LETTERS}])"
)
_DETERMINER = re.compile(r"\b(?:the|one|our|a|an|another|both|two|three|any)\b", re.I)
_NEXT_WORD = re.compile(rf"\s+([{LATIN_LETTERS}]+)")

_CJK_ROLES: dict[str, frozenset[str] | None] = {}
for _tags, _words in (
    ("admiral", "海军上将 海軍上將 上将 提督 海将 제독"),
    ("general", "将军 將軍 장군"),
    ("s:media journalist", "记者 記者 기자"),
    ("s:legislature", "议员 議員 의원 국회의원"),
    ("ambassador", "大使 대사"),
    ("diplomat ambassador", "外交官 외교관"),
    ("s:university s:think_tank", "学者 學者 研究者 학자"),
    ("s:ministry", "官员 官員 官僚 관료 공무원"),
    ("s:armed_forces", "军官 軍官 自衛官 군인"),
    ("g:f", "女性 여성"),
    ("professor", "教授 교수"),
    ("coastguard", "海警 海警官员 海警官員 海上保安官 해경 해양경찰"),
    ("", "参加者 参会者 與會者 与会者 참가자 참석자 出席者 代表"),
):
    for _w in _words.split():
        _CJK_ROLES[_w] = frozenset(_tags.split()) or None
_CJK_ROLE = re.compile(trie_pattern(list(_CJK_ROLES)))
_CJK_DESCRIPTION = re.compile(
    r"(?P<only>唯一(?:的|の|一位|一名)?|たった一人の|유일한\s?)?"
    r"(?P<n>两位|兩位|两名|兩名|二人の|두\s?명의)?"
    rf"(?:(?P<nat>{_alt(list(CJK_COUNTRY_WORDS))})(?:人|籍|의|の)?\s?)?"
    r"(?P<mod>退役|前任|前|元|전직|퇴역|现役|現役)?\s?"
    rf"(?P<role>{_alt(list(_CJK_ROLES))})"
)


@dataclass(frozen=True, slots=True)
class Description:
    start: int
    end: int
    count: int
    phrase: str


def descriptions(
    text: str,
    population: Population,
    k: int,
    triggers: list[tuple[int, int]] | None = None,
    regions: list[tuple[int, int]] | None = None,
) -> Iterator[Description]:
    """Descriptions fitting fewer than ``k`` participants; ``triggers`` (spans of trigger
    words) and ``regions`` (CJK stretches) may be passed in when already found."""
    if triggers is None:
        triggers = [m.span() for m in _ROLE_TRIGGER.finditer(text)]
    last_end = 0
    for role_start, _ in triggers:
        lo = max(last_end, role_start - _REACH)
        for det in _DETERMINER.finditer(text, lo, role_start + 1):
            m = _DESCRIPTION.match(text, det.start())
            if m is None or m.end() <= role_start:
                noun = _nationality_noun(text, det.start(), population, k)
                if noun is not None and noun.end > role_start:
                    last_end = noun.end
                    yield noun
                    break
                continue
            found = _english(text, m, population, k)
            if found:
                last_end = found.end
                yield found
            break
    for start, end in cjk_regions(text) if regions is None else regions:
        for role in _CJK_ROLE.finditer(text, start, end):
            lo = max(start, role.start() - 14)
            for m in _CJK_DESCRIPTION.finditer(text, lo, role.end()):
                if m.end() == role.end():
                    found = _cjk(m, population, k)
                    if found:
                        yield found
                    break


_NAT_NOUN = re.compile(
    rf"(?<![{LATIN_LETTERS}])"
    r"(?P<det>the\s+(?:only|sole|lone|single|one)|one\s+of\s+(?:the|our)\s+(?P<n1>two|three|four|2|3|4)|"
    r"(?P<n2>both)(?:\s+(?:of\s+)?(?:the|our))?|the\s+(?P<n3>two|three|pair\s+of)|the|a|an|another)\s+"
    rf"(?P<mods>{_MODS})"
    rf"(?P<nat>{_alt(_NAT_WORDS)})(?![{LATIN_LETTERS}])",
    re.I,
)


def _nationality_noun(text: str, start: int, population: Population, k: int) -> Description | None:
    """'the Mongolian', 'one of the two Americans', 'the only Mongolian in the room'."""
    m = _NAT_NOUN.match(text, start)
    if m is None:
        return None
    nat = " ".join(fold(m.group("nat")).split())
    if nat in COUNTRY_NAMES or nat in {"us", "uk", "rok", "prc", "dprk"}:
        return None
    if not m.group("nat")[:1].isupper():
        return None
    after = _NEXT_WORD.match(text, m.end())
    plural = nat.endswith("s") and nat[:-1] in COUNTRY_WORDS
    if after is not None and after.group(1) not in FOLLOWERS and not plural:
        return None  # "the Mongolian delegation": an adjective, not a person
    mods = set(fold(m.group("mods") or "").split())
    wanted = [frozenset({"c:" + COUNTRY_WORDS[nat]})]
    if mods & {"female", "woman", "women", "lady"}:
        wanted.append(frozenset({"g:f"}))
    count = population.count(wanted, past=bool(mods & PAST))
    if count == 0 or (count >= k and not 0 < _stated_size(m) < k):
        return None
    return Description(m.start(), m.end(), count, m.group())


def _english(text: str, m: re.Match[str], population: Population, k: int) -> Description | None:
    role = " ".join(fold(m.group("role")).split())
    mods = set(fold((m.group("mods") or "") + " " + (m.group("mods2") or "")).split())
    if role in AMBIGUOUS_NOUNS and not _used_as_noun(text, m):
        return None
    if role == "general" and not (m.group("nat") or mods & PAST or m.group("role")[0].isupper()):
        return None
    wanted = _constraints(role, mods, m.group("nat"), m.group("from")) + _workplace(m)
    if not wanted:
        return None
    count = population.count(wanted, past=bool(mods & PAST))
    if count == 0 or (count >= k and not 0 < _stated_size(m) < k):
        return None
    return Description(m.start(), m.end(), count, m.group())


def _constraints(
    role: str, mods: set[str], nat: str | None, source: str | None
) -> list[frozenset[str]]:
    wanted: list[frozenset[str]] = []
    role_tags = ROLE_NOUNS[role]
    if role_tags is not None:
        wanted.append(role_tags)
    if nat:
        wanted.append(frozenset({"c:" + COUNTRY_WORDS[" ".join(fold(nat).split())]}))
    if mods & {"female", "woman", "women", "lady"}:
        wanted.append(frozenset({"g:f"}))
    if source:
        key = " ".join(fold(source).split())
        wanted.append(FROM_WORDS.get(key) or frozenset({"c:" + COUNTRY_WORDS.get(key, "??")}))
    return wanted


def _workplace(m: re.Match[str]) -> list[frozenset[str]]:
    """Constraints of "at a Korean think tank" and "who now heads a Jakarta think tank"."""
    wanted = []
    for p in ("at_", "who_"):
        sector, place = m.group(p + "sector"), m.group(p + "place")
        if sector:
            wanted.append(FROM_WORDS[" ".join(fold(sector).split())])
        if place:
            key = " ".join(fold(place).split())
            wanted.append(frozenset({"c:" + (COUNTRY_WORDS.get(key) or CAPITAL_WORDS[key])}))
    if m.group("who_nat"):
        wanted.append(frozenset({"c:" + COUNTRY_WORDS[" ".join(fold(m.group("who_nat")).split())]}))
    return wanted


def _stated_size(m: re.Match[str]) -> int:
    """The group size the text states: 'one of the two ...' -> 2; 0 when it states none."""
    words = fold(m.group("n1") or m.group("n2") or m.group("n3") or "").split()
    return COUNTS.get(words[0], 0) if words else 0


def _used_as_noun(text: str, m: re.Match[str]) -> bool:
    if m.group("from"):
        return True
    after = _NEXT_WORD.match(text, m.end())
    return after is None or after.group(1) in FOLLOWERS or not after.group(1).islower()


def _cjk(m: re.Match[str], population: Population, k: int) -> Description | None:
    if not (m.group("nat") or m.group("only") or m.group("n") or m.group("mod")):
        return None
    wanted: list[frozenset[str]] = []
    role_tags = _CJK_ROLES[m.group("role")]
    if role_tags is not None:
        wanted.append(role_tags)
    if m.group("nat"):
        wanted.append(frozenset({"c:" + CJK_COUNTRY_WORDS[m.group("nat")]}))
    if not wanted:
        return None
    past = m.group("mod") in {"退役", "前任", "前", "元", "전직", "퇴역"}
    count = population.count(wanted, past=past)
    stated = 2 if m.group("n") else 0
    if count == 0 or (count >= k and not stated):
        return None
    return Description(m.start(), m.end(), count, m.group())
