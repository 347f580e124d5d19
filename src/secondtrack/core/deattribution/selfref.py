"""Self-reference that gives away a speaker's country, sector or post: "my ministry",
"we at IMA", "in my country", "as a former ambassador", 我国, わが国, 우리 정부."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import COUNTRY_WORDS
from .names import LATIN_LETTERS
from .regions import anchored, case_variants, cjk_regions, trie_pattern

_NATIONAL = (
    r"government|country|nation|state|capital|administration|leadership|president|"
    r"prime\s+minister|foreign\s+minister|defen[cs]e\s+minister|minister|cabinet|"
    r"parliament|congress|legislature|diet|national\s+assembly|delegation|compatriots|"
    r"countrymen|fellow\s+citizens|coast\s+guard|navy|army|air\s+force|armed\s+forces|"
    r"military|defen[cs]e\s+establishment|embassy|foreign\s+service|side's\s+position|"
    r"national\s+position|people's\s+republic|allies|ally|side"
)
_INSTITUTIONAL = (
    r"ministry|department|agency|bureau|directorate|service|institute|institution|"
    r"university|faculty|centre|center|think[\s-]+tank|foundation|organi[sz]ation|"
    r"newspaper|paper|editors?|readers|publication|network|magazine|column|broadcaster|"
    r"party|constituency|constituents|committee|company|firm|employer|superiors|"
    r"bosses|boss|minister|command|fleet|ship|unit|regiment|division|posting|post|"
    r"colleagues\s+(?:at|in)\s+the\s+(?:ministry|navy|army|embassy)|"
    r"former\s+(?:ministry|service|colleagues)|fellow\s+(?:officers|diplomats|journalists|"
    r"legislators|lawmakers|parliamentarians|generals|admirals)"
)
_ROLE = (
    r"(?:(?:former|retired|serving|senior|career|young|veteran|naval|military|"
    r"uniformed|foreign\s+service|navy|army|air\s+force|government|elected)\s+)*"
    r"(?:ambassador|diplomat|envoy|negotiator|naval\s+officer|officer|soldier|general|"
    r"admiral|commodore|colonel|captain|sailor|journalist|reporter|correspondent|editor|"
    r"columnist|legislator|lawmaker|parliamentarian|member\s+of\s+parliament|senator|"
    r"congress(?:man|woman)|politician|official|civil\s+servant|bureaucrat|academic|"
    r"scholar|professor|economist|lawyer|banker|businessman|businesswoman|executive|"
    r"think[\s-]+tanker|military\s+(?:man|woman)|servicewoman|serviceman|minister|"
    r"vice\s+minister|deputy\s+minister|policymaker|policy\s+maker|practitioner)"
)
_NATIONALITY = "|".join(
    sorted(
        (re.escape(w).replace(r"\ ", r"\s+") for w in COUNTRY_WORDS if len(w) > 3),
        key=len,
        reverse=True,
    )
)
_PLACE = r"(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)"
_E = f"(?![{LATIN_LETTERS}])"


@dataclass(frozen=True, slots=True)
class SelfReference:
    start: int
    end: int
    replacement: str
    explanation: str


# A head of state, or the epithet of a national figure: "our Father of the Nation".
_LEADER = (
    r"father\s+of\s+the\s+nation|head\s+of\s+state|head\s+of\s+government|king|queen|"
    r"monarch|sultan|emperor|royal\s+family|supreme\s+leader|great\s+leader"
)

_PATTERNS: list[tuple[str, str, str]] = [
    (
        rf"(?:my|our)\s+(?:own\s+)?(?:late\s+|beloved\s+|revered\s+)?(?:{_LEADER}){_E}",
        "a national leader",
        "speaks of the speaker's own country's leader",
    ),
    (
        rf"(?:my|our)\s+(?:own\s+)?(?:nation's\s+|country's\s+)?(?:founding\s+fathers|founders){_E}",
        "a country's founders",
        "speaks of the speaker's own country's founders",
    ),
    (
        rf"(?:in\s+|for\s+)?(?:my|our)\s+(?:own\s+)?(?:home\s+)?(?:{_NATIONAL}){_E}",
        "one {noun}",
        "speaks of the speaker's own country or government",
    ),
    (
        rf"(?:my|our)\s+(?:own\s+)?(?:current\s+|previous\s+|former\s+|old\s+)?(?:{_INSTITUTIONAL}){_E}",
        "one {noun}",
        "speaks of the speaker's own institution or post",
    ),
    (
        rf"we\s+(?:here\s+)?at\s+(?:the\s+|our\s+)?(?:[a-z]+\s+){{0,2}}(?:{_INSTITUTIONAL}){_E}",
        "some of us",
        "places the speaker in an institution",
    ),
    (
        r"(?:we|those\s+of\s+us)\s+(?:here\s+)?(?:at|from)(?=\s+(?:the\s+)?(?-i:[A-Z]))",
        "some of us at",
        "places the speaker in a named institution",
    ),
    (
        rf"(?:we|those\s+of\s+us)\s+(?:here\s+)?in\s+(?:the\s+)?(?:{_INSTITUTIONAL}|{_NATIONAL}|{_PLACE}){_E}",
        "some of us",
        "places the speaker in a country or institution",
    ),
    (rf"(?:we|us)\s+(?:{_NATIONALITY})s?{_E}", "some of us", "gives the speaker's nationality"),
    (
        rf"(?:as|speaking\s+as|being)\s+(?:an?\s+|the\s+|one\s+)?(?:{_NATIONALITY}){_E}"
        rf"(?!\s+(?:government|position|view|side|proposal|policy|delegation|navy|economy))",
        "as a participant",
        "gives the speaker's nationality",
    ),
    (
        rf"(?:(?:speaking|writing)\s+as\s+(?:an?\s+|the\s+)?|as\s+(?:an?\s+|someone\s+who\s+was\s+an?\s+)){_ROLE}"
        rf"(?:\s+(?:to|in|at|of|from)\s+(?:the\s+)?{_PLACE})?{_E}",
        "as a participant",
        "gives the speaker's profession or post",
    ),
    (
        r"(?:speaking\s+)?as\s+(?:someone|one)\s+who\s+(?:has\s+|had\s+)?(?:served|worked|spent|"
        r"commanded|negotiated|covered|reported|sat|represented|led|ran|advised|headed)"
        r"(?:\s+[\w'’-]+){0,6}?(?=[,.;:!?]|\s+(?:I|we|and|but)\b|$)",
        "as a participant",
        "describes the speaker's own career",
    ),
    (
        r"(?:when|while|back\s+when|since|after|before)\s+I\s+(?:was|served|worked|commanded|"
        r"sat|headed|led|ran|represented)(?:\s+[\w'’-]+){1,6}?(?=[,.;:!?]|\s+(?:I|we|and|but)\b|$)",
        "in a previous role",
        "describes the speaker's own post or career",
    ),
    (
        r"(?:during|in)\s+my\s+(?:time|years|days|tenure|career|posting|service|stint|term)"
        r"(?:\s+(?:at|in|as|with|on)\s+(?:the\s+|an?\s+)?[\w'’-]+(?:\s+[A-Z][\w'’-]+)*)?",
        "in a previous role",
        "describes the speaker's own post or career",
    ),
    (
        r"I\s+(?:served|commanded|was\s+posted|was\s+stationed|was\s+ambassador|was\s+consul)"
        r"(?:\s+(?:as|in|at|on|to|with)\s+(?:the\s+|an?\s+)?[\w'’-]+(?:\s+[A-Z][\w'’-]+)*)",
        "I worked",
        "describes the speaker's own post or career",
    ),
    (
        r"(?:my|our)\s+(?:own\s+)?(?:experience|years|time)\s+(?:as|in|at)\s+(?:the\s+|an?\s+)?"
        rf"(?:{_ROLE}|{_INSTITUTIONAL}|{_PLACE})",
        "one participant's experience",
        "describes the speaker's own post or career",
    ),
]
_ENGLISH = re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _, _) in enumerate(_PATTERNS)), re.I)
# Every pattern starts with one of these words; the full pattern is tried only there.
TRIGGER_WORDS = (
    "my our we us those as speaking writing being when while back since after before during i"
)
# "in my country", "for our government", "in my time at": tried before the trigger word.
_LEAD_IN = re.compile(r"(?:in|for|In|For)\s+\Z")
_TRIGGER = re.compile(
    rf"(?<![{LATIN_LETTERS}]){trie_pattern(case_variants(TRIGGER_WORDS.split()))}"
    rf"(?![{LATIN_LETTERS}])"
)

_CJK_PATTERNS: list[tuple[str, str, str]] = [
    (
        r"我国|我國|我们国家|我們國家|我们的国家|我們的國家|我方|我国政府|我們政府|我们政府|本国政府",
        "某国",
        "speaks of the speaker's own country or government (Chinese)",
    ),
    (
        r"我(?:们|們)?(?:的)?(?:部|外交部|国防部|國防部|研究院|研究所|大学|大學|海军|海軍|军队|軍隊|报社|報社|单位|單位)",
        "某机构",
        "speaks of the speaker's own institution (Chinese)",
    ),
    (
        r"作为(?:一名|一位|一个)?(?:前|退役|现任)?(?:大使|外交官|海军军官|军官|军人|记者|议员|学者|官员)|"
        r"作為(?:一名|一位)?(?:前|退役)?(?:大使|外交官|海軍軍官|軍官|記者|議員|學者|官員)|"
        r"我(?:担任|擔任)?(?:大使|外交官)(?:期间|期間|时|時)",
        "作为与会者",
        "gives the speaker's profession or post (Chinese)",
    ),
    (
        r"わが国|我が国|我々の政府|私たちの政府|わが政府|私の国",
        "ある国",
        "speaks of the speaker's own country or government (Japanese)",
    ),
    (
        r"当省|わが省|弊社|弊紙|当研究所|私どもの研究所|私たちの研究所|我々の研究所|わが社",
        "ある機関",
        "speaks of the speaker's own institution (Japanese)",
    ),
    (
        r"自衛隊にいた(?:頃|ころ|時)|"
        r"(?:元|前)?(?:大使|外交官|海将|自衛官|記者|議員|官僚)(?:として|だった(?:頃|ころ|時))",
        "ある参加者として",
        "gives the speaker's profession or post (Japanese)",
    ),
    (
        r"(?:우리|저희)\s?(?:정부|나라)|우리나라",
        "한 나라",
        "speaks of the speaker's own country or government (Korean)",
    ),
    (
        r"(?:우리|저희)\s?(?:국방부|외교부|통일부|부처|연구원|연구소|대학|해군|군|신문사|당)",
        "한 기관",
        "speaks of the speaker's own institution (Korean)",
    ),
    (
        r"(?:전직\s?)?(?:대사|외교관|군인|기자|의원|장군|제독)(?:로서|으로서|로\s?재직할\s?때|\s?시절)",
        "한 참가자로서",
        "gives the speaker's profession or post (Korean)",
    ),
]
_CJK = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _, _) in enumerate(_CJK_PATTERNS)))
_NOUN = re.compile(r"(?:my|our)\s+(?:own\s+)?(?:home\s+)?(.+)$", re.I | re.S)


def self_references(
    text: str, starts: list[int] | None = None, regions: list[tuple[int, int]] | None = None
) -> Iterator[SelfReference]:
    """Self-references in ``text``; ``starts`` (trigger word offsets) and ``regions`` (CJK
    stretches) may be passed in when the caller has found them already."""
    if starts is None:
        starts = [m.start() for m in _TRIGGER.finditer(text)]
    for m in anchored(text, starts, _ENGLISH, _LEAD_IN):
        i = int((m.lastgroup or "p0")[1:])
        _, template, why = _PATTERNS[i]
        yield SelfReference(m.start(), m.end(), _fill(template, m.group()), why)
    for start, end in cjk_regions(text) if regions is None else regions:
        for m in _CJK.finditer(text, start, end):
            i = int((m.lastgroup or "c0")[1:])
            _, replacement, why = _CJK_PATTERNS[i]
            yield SelfReference(m.start(), m.end(), replacement, why)


def _fill(template: str, matched: str) -> str:
    if "{noun}" not in template:
        return _case_like(template, matched)
    noun = _NOUN.search(matched)
    word = " ".join(noun.group(1).split()) if noun else "institution"
    prefix = matched.split()[0].lower() + " " if matched.lower().startswith(("in ", "for ")) else ""
    return _case_like(prefix + template.format(noun=word), matched)


def _case_like(replacement: str, matched: str) -> str:
    if matched[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
