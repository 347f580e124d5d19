"""Check the demo dialogue (dialogue.json) against the invariants the demo relies on.

Pure Python, no Django: ``python3 src/secondtrack/demo/check_dialogue.py [PATH]``.
Every failed invariant is collected and reported; the exit status is 1 if any failed.

The "serving official" test mirrors the officialness rules (core/officialness.py): an
active *employment* at an organisation whose government linkage is at least 0.9, where
the linkage is 1 for ministries, armed forces and legislatures and otherwise the larger of
the mandate's weight and the government funding share.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PATH = HERE / "dialogue.json"

ORG_KINDS = {
    "university",
    "think_tank",
    "ministry",
    "armed_forces",
    "legislature",
    "media",
    "industry",
    "ngo",
    "international_organisation",
    "other",
}
MANDATES = {"independent", "government_affiliated", "ministry_research_arm", "government_body"}
MANDATE_WEIGHT = {
    "independent": 0.0,
    "government_affiliated": 0.5,
    "ministry_research_arm": 0.8,
    "government_body": 1.0,
}
GOVERNMENT_KINDS = {"ministry", "armed_forces", "legislature"}
AFFILIATION_KINDS = {"employment", "advisory", "board", "honorary"}
AFFILIATION_WEIGHT = {"employment": 1.0, "advisory": 0.6, "board": 0.4, "honorary": 0.1}
GENDERS = {"f", "m", "x"}
CAPACITIES = {"private", "official", "observer"}
ROLES = {
    "participant",
    "rapporteur",
    "observer",
    "young_leader_observer",
    "facilitator",
    "track_one_observer",
    "funder",
}
STATUSES = {"invited", "accepted", "declined", "attended"}
LISTINGS = {"default", "listed", "unlisted"}
LISTING_POLICIES = {"listed", "unlisted"}
RULES = {"on_the_record", "chatham_house", "non_attributable", "off_the_record"}
SESSION_STATUSES = {"open", "closed"}
AGENDA = {"independent", "co_organised", "government"}
ROUTING = {"convenor", "governments"}
TRACKS = {"1", "1.5", "2", "3"}
# One demo account per role (design §5): every meeting role, and both series roles.
ACCOUNT_ROLES = ROLES | {"convenor", "analyst"}
EMAIL_DOMAINS = {"example.org", "example.com", "example.net"}
SERVING_LINKAGE = 0.9
QUASI_SCORE = 0.75

HAN = re.compile(r"[\u4e00-\u9fff]")
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")


class Checker:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def check(self, condition: object, message: str) -> bool:
        if not condition:
            self.failures.append(message)
        return bool(condition)


def iso_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def active(aff: dict, when: date) -> bool:
    start, end = iso_day(aff.get("start")), iso_day(aff.get("end"))
    return (start is None or start <= when) and (end is None or end >= when)


def linkage(org: dict) -> float:
    if org["kind"] in GOVERNMENT_KINDS:
        return 1.0
    return max(MANDATE_WEIGHT[org["mandate"]], float(org["government_funding"]))


def officialness(person: dict, orgs: dict, when: date) -> tuple[float, bool]:
    remaining, serving = 1.0, False
    for aff in person["affiliations"]:
        if not active(aff, when):
            continue
        link = linkage(orgs[aff["organisation"]])
        remaining *= 1.0 - AFFILIATION_WEIGHT[aff["kind"]] * link
        if aff["kind"] == "employment" and link >= SERVING_LINKAGE:
            serving = True
    return round(1.0 - remaining, 4), serving


def main(path: Path) -> int:
    c = Checker()
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    c.check(
        text == json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        "file is not pretty-printed as json.dumps(indent=2, ensure_ascii=False) writes it",
    )
    for key in ("organisations", "people", "series", "meetings", "accounts"):
        c.check(key in data, f"top-level key {key!r} is missing")

    # --- organisations --------------------------------------------------------------
    orgs: dict[str, dict] = {}
    for i, org in enumerate(data["organisations"]):
        where = f"organisations[{i}]"
        c.check(org.get("id") and org["id"] not in orgs, f"{where}.id missing or duplicated")
        orgs[org["id"]] = org
        c.check(org.get("name"), f"{where}.name missing")
        c.check(org.get("kind") in ORG_KINDS, f"{where}.kind {org.get('kind')!r} not allowed")
        c.check(
            org.get("mandate") in MANDATES, f"{where}.mandate {org.get('mandate')!r} not allowed"
        )
        gf = org.get("government_funding")
        c.check(
            isinstance(gf, int | float) and not isinstance(gf, bool) and 0 <= gf <= 1,
            f"{where}.government_funding {gf!r} not in [0, 1]",
        )
        c.check(
            isinstance(org.get("country"), str) and re.fullmatch(r"[A-Z]{2}", org["country"]),
            f"{where}.country must be an upper-case two-letter code",
        )

    # --- people ---------------------------------------------------------------------
    people: dict[str, dict] = {}
    emails: set[str] = set()
    for i, p in enumerate(data["people"]):
        where = f"people[{i}]"
        c.check(p.get("id") and p["id"] not in people, f"{where}.id missing or duplicated")
        people[p["id"]] = p
        c.check(p.get("name"), f"{where}.name missing")
        c.check(
            p.get("countries") and all(re.fullmatch(r"[A-Z]{2}", x) for x in p["countries"]),
            f"{where}.countries must be upper-case two-letter codes",
        )
        c.check("gender" not in p or p["gender"] in GENDERS, f"{where}.gender {p.get('gender')!r}")
        email = p.get("email", "")
        c.check(
            email and email.split("@")[-1] in EMAIL_DOMAINS and email == email.lower(),
            f"{where}.email {email!r} must be lower case on example.org/.com/.net",
        )
        c.check(email not in emails, f"{where}.email {email!r} duplicated")
        emails.add(email)
        c.check(isinstance(p.get("titles", []), list), f"{where}.titles must be a list")
        c.check(p.get("affiliations"), f"{where} has no affiliation")
        for j, a in enumerate(p.get("affiliations", [])):
            aw = f"{where}.affiliations[{j}]"
            c.check(
                a.get("organisation") in orgs,
                f"{aw}.organisation {a.get('organisation')!r} unknown",
            )
            c.check(a.get("kind") in AFFILIATION_KINDS, f"{aw}.kind {a.get('kind')!r} not allowed")
            c.check(a.get("role"), f"{aw}.role missing")
            try:
                start, end = iso_day(a.get("start")), iso_day(a.get("end"))
                c.check(not (start and end and end < start), f"{aw} ends before it starts")
            except ValueError:
                c.check(False, f"{aw} has a date that is not YYYY-MM-DD")
    if c.failures:  # later checks rely on well-formed records
        return report(c, data, people, orgs)

    c.check(len(people) >= 40, f"only {len(people)} people (need >= 40)")
    countries = Counter(x for p in people.values() for x in p["countries"])
    c.check(len(countries) >= 8, f"only {len(countries)} countries (need >= 8)")

    def native(pred) -> list[str]:
        return [p["id"] for p in people.values() if any(pred(n) for n in p.get("other_names", []))]

    chinese = native(lambda n: HAN.search(n) and not KANA.search(n) and not HANGUL.search(n))
    chinese = [
        pid for pid in chinese if set(people[pid]["countries"]) & {"CN", "SG", "TW", "HK", "MY"}
    ]
    japanese = [
        pid
        for pid in native(lambda n: HAN.search(n) or KANA.search(n))
        if "JP" in people[pid]["countries"]
    ]
    korean = native(lambda n: HANGUL.search(n))
    c.check(len(chinese) >= 3, f"only {len(chinese)} people with Chinese-script names")
    c.check(len(japanese) >= 3, f"only {len(japanese)} people with Japanese-script names")
    c.check(len(korean) >= 3, f"only {len(korean)} people with Korean-script names")

    # --- series ---------------------------------------------------------------------
    series = data["series"]
    c.check(series.get("title"), "series.title missing")
    c.check(series.get("convening_organisation") in orgs, "series.convening_organisation unknown")
    c.check(
        series.get("convenors") and all(x in people for x in series["convenors"]),
        "series.convenors must name people in the file",
    )

    # --- meetings -------------------------------------------------------------------
    meetings = data["meetings"]
    c.check(len(meetings) == 3, f"{len(meetings)} meetings (need 3)")
    keys = [m.get("key") for m in meetings]
    c.check(len(set(keys)) == len(keys), "meeting keys duplicated")
    all_ids = list(orgs) + list(people) + keys
    c.check(len(set(all_ids)) == len(all_ids), "an id is used for two different records")
    rules_used: set[str] = set()
    seen_before: set[str] = set()
    members: dict[str, set[str]] = {}
    for i, m in enumerate(meetings):
        where = f"meetings[{i}] ({m.get('key')})"
        starts, ends = iso_day(m["starts"]), iso_day(m["ends"])
        c.check(starts <= ends and (ends - starts).days == 1, f"{where} must last two days")
        c.check(m.get("host_organisation") in orgs, f"{where}.host_organisation unknown")
        c.check(m.get("claimed_track") in TRACKS, f"{where}.claimed_track invalid")
        c.check(m.get("agenda_set_by") in AGENDA, f"{where}.agenda_set_by invalid")
        c.check(m.get("invitations_routed") in ROUTING, f"{where}.invitations_routed invalid")
        c.check(
            isinstance(m.get("outputs_to_track_one"), bool),
            f"{where}.outputs_to_track_one not bool",
        )
        c.check(m.get("listing_policy") in LISTING_POLICIES, f"{where}.listing_policy invalid")
        c.check(re.fullmatch(r"[A-Z]{2}", m.get("country", "")), f"{where}.country invalid")
        c.check(
            m.get("title") and m.get("theme") and m.get("place"),
            f"{where} needs title, theme, place",
        )
        if i:
            c.check(
                starts > iso_day(meetings[i - 1]["ends"]),
                f"{where} must come after the previous meeting",
            )

        ps = m["participants"]
        pids = [x["person"] for x in ps]
        members[m["key"]] = set(pids)
        c.check(25 <= len(ps) <= 38, f"{where} has {len(ps)} participants (need 25-38)")
        c.check(len(set(pids)) == len(pids), f"{where} lists a person twice")
        for j, x in enumerate(ps):
            pw = f"{where}.participants[{j}]"
            if not c.check(x["person"] in people, f"{pw}.person {x['person']!r} unknown"):
                continue
            c.check(x.get("capacity") in CAPACITIES, f"{pw}.capacity invalid")
            c.check(x.get("role") in ROLES, f"{pw}.role invalid")
            c.check(x.get("status") in STATUSES, f"{pw}.status invalid")
            c.check(x.get("listing") in LISTINGS, f"{pw}.listing invalid")
            la = x.get("listed_affiliation")
            if la is not None:
                ok = any(
                    a["organisation"] == la and active(a, starts)
                    for a in people[x["person"]]["affiliations"]
                )
                c.check(
                    ok, f"{pw}.listed_affiliation {la!r} is not an active affiliation of the person"
                )

        sessions = m["sessions"]
        c.check(4 <= len(sessions) <= 6, f"{where} has {len(sessions)} sessions (need 4-6)")
        c.check(
            any(s["rule"] == "chatham_house" for s in sessions),
            f"{where} has no Chatham House session",
        )
        for j, s in enumerate(sessions):
            sw = f"{where}.sessions[{j}]"
            c.check(s.get("title"), f"{sw}.title missing")
            c.check(s.get("rule") in RULES, f"{sw}.rule invalid")
            c.check(s.get("status") in SESSION_STATUSES, f"{sw}.status invalid")
            rules_used.add(s.get("rule"))
            at = datetime.fromisoformat(s["starts"])
            c.check(at.tzinfo is not None, f"{sw}.starts has no UTC offset")
            c.check(starts <= at.date() <= ends, f"{sw}.starts is outside the meeting's dates")

        if i:
            c.check(set(pids) & seen_before, f"{where} has no returning participant")
            c.check(set(pids) - seen_before, f"{where} has no first-timer")
        seen_before |= set(pids)

    c.check(
        rules_used == RULES, f"rules used across the series: {sorted(rules_used)} (need all four)"
    )
    m1, m2, m3 = meetings
    past, upcoming = (m1, m2), m3
    for m in past:
        c.check(
            all(s["status"] == "closed" for s in m["sessions"]),
            f"{m['key']}: past sessions must be closed",
        )
        st = Counter(x["status"] for x in m["participants"])
        c.check(
            set(st) <= {"attended", "declined"}, f"{m['key']}: past meeting with status {dict(st)}"
        )
        c.check(st["attended"] > 3 * st["declined"], f"{m['key']}: too few attended")
    c.check(
        any(x["status"] == "declined" for m in past for x in m["participants"]),
        "no past participant declined",
    )
    c.check(
        any(s["status"] == "open" for s in upcoming["sessions"]),
        "upcoming meeting has no open session",
    )
    st3 = Counter(x["status"] for x in upcoming["participants"])
    c.check(
        set(st3) <= {"accepted", "invited"} and st3["accepted"] and st3["invited"],
        f"upcoming meeting must use accepted and invited, has {dict(st3)}",
    )
    c.check(iso_day(upcoming["starts"]) > iso_day(m2["ends"]), "upcoming meeting must be last")
    if iso_day(upcoming["starts"]) <= datetime.now(tz=UTC).date():
        print(f"warning: the 'upcoming' meeting ({upcoming['starts']}) is no longer in the future")

    c.check(
        len({m["listing_policy"] for m in meetings}) > 1,
        "listing_policy is the same for every meeting",
    )
    c.check(
        any(x["listing"] != "default" for m in meetings for x in m["participants"]),
        "no participant overrides the default listing",
    )
    c.check(
        sum(x["capacity"] == "official" for m in meetings for x in m["participants"]) >= 2,
        "fewer than two participations in an official capacity",
    )
    roles = Counter(x["role"] for m in meetings for x in m["participants"])
    for role in ("rapporteur", "young_leader_observer", "facilitator"):
        c.check(roles[role], f"no participant with role {role}")

    # --- track composition ----------------------------------------------------------
    def seats(m: dict) -> list[dict]:
        wanted = {"attended"} if m in past else {"accepted", "invited"}
        return [x for x in m["participants"] if x["status"] in wanted]

    def composition(m: dict) -> dict:
        when = iso_day(m["starts"])
        rows = []
        for x in seats(m):
            score, serving = officialness(people[x["person"]], orgs, when)
            rows.append((x, score, serving))
        total = len(rows)
        serving = [x for x, _, s in rows if s]
        quasi = [x for x, score, s in rows if not s and score >= QUASI_SCORE]
        return {
            "total": total,
            "serving": len(serving),
            "serving_private": sum(x["capacity"] != "official" for x in serving),
            "quasi": len(quasi),
            "official_capacity": sum(x["capacity"] == "official" for x, _, _ in rows),
        }

    comp = {m["key"]: composition(m) for m in meetings}
    k1, k2, k3 = comp["m1"], comp["m2"], comp["m3"]
    c.check(
        m1["agenda_set_by"] == "independent" and m1["invitations_routed"] == "convenor",
        "m1 must have an independent agenda and convenor-routed invitations",
    )
    c.check(k1["official_capacity"] == 0, "m1 (Track 2) must have nobody in an official capacity")
    c.check(
        (k1["serving"] + k1["quasi"]) / k1["total"] < 0.25,
        f"m1 has too many officials for Track 2: {k1}",
    )
    c.check(k1["serving"] / k1["total"] <= 0.15, f"m1 should have few serving officials: {k1}")
    c.check(
        k2["serving"] / k2["total"] >= 0.25,
        f"m2 needs >= 25% serving officials for Track 1.5: {k2}",
    )
    c.check(k2["serving_private"] > k2["serving"] / 2, f"m2 serving officials mostly private: {k2}")
    c.check(
        m2["agenda_set_by"] == "co_organised", "m2 agenda should be co-organised with a ministry"
    )
    c.check(k2["official_capacity"] / k2["total"] < 0.5, "m2 must not become Track 1")
    c.check(
        k3["official_capacity"] == 0
        and (k3["serving"] + k3["quasi"]) / k3["total"] < 0.25
        and m3["agenda_set_by"] == "independent",
        f"m3 should read as Track 2: {k3}",
    )

    # --- blended identities (design §1) ---------------------------------------------
    def affs(pid, kind=None):
        return [a for a in people[pid]["affiliations"] if kind is None or a["kind"] == kind]

    meeting_days = [iso_day(m["starts"]) for m in meetings]
    professors = [
        pid
        for pid in people
        if any(
            orgs[a["organisation"]]["kind"] == "university"
            and all(active(a, d) for d in meeting_days)
            for a in affs(pid, "employment")
        )
        and any(
            orgs[a["organisation"]]["kind"] == "ministry"
            and "defen" in orgs[a["organisation"]]["name"].lower()
            and all(active(a, d) for d in meeting_days)
            for a in affs(pid, "advisory")
        )
    ]
    c.check(professors, "no professor advising a defence ministry throughout the series")
    research_arms = [
        o
        for o in orgs.values()
        if o["mandate"] == "ministry_research_arm" and o["government_funding"] >= 0.85
    ]
    c.check(research_arms, "no think tank that is a ministry's research arm (funding ~0.9)")
    labelled_ngo = [
        o
        for o in orgs.values()
        if o["kind"] == "think_tank"
        and o["mandate"] in {"independent", "government_affiliated"}
        and 0.6 <= o["government_funding"] <= 0.8
    ]
    c.check(labelled_ngo, "no think tank labelled non-governmental but 60-80% ministry funded")
    admirals = [
        pid
        for pid in people
        if "ret" in people[pid].get("honorific", "").lower()
        and any(
            orgs[a["organisation"]]["kind"] == "armed_forces"
            and a["end"]
            and iso_day(a["end"]) < meeting_days[0]
            for a in affs(pid, "employment")
        )
        and any(
            orgs[a["organisation"]]["kind"] == "think_tank" and a["end"] is None for a in affs(pid)
        )
    ]
    c.check(admirals, "no retired admiral now at a think tank")
    for kind in ("media", "legislature", "industry", "ngo", "international_organisation"):
        holders = [
            pid
            for pid in people
            if any(
                orgs[a["organisation"]]["kind"] == kind and a["end"] is None
                for a in affs(pid, "employment")
            )
        ]
        need = 2 if kind == "media" else 1
        c.check(len(holders) >= need, f"fewer than {need} people employed at a {kind}")
    multi = [pid for pid in people if sum(active(a, meeting_days[0]) for a in affs(pid)) >= 2]
    c.check(len(multi) >= 5, f"only {len(multi)} people hold several affiliations at once")

    # --- accounts -------------------------------------------------------------------
    accounts = data["accounts"]
    for i, acc in enumerate(accounts):
        c.check(acc.get("person") in people, f"accounts[{i}].person unknown")
        c.check(acc.get("role") in ACCOUNT_ROLES, f"accounts[{i}].role invalid")
    c.check({a["role"] for a in accounts} == ACCOUNT_ROLES, "accounts must cover every demo role")
    in_m1_not_m3 = members["m1"] - members["m3"]
    c.check(in_m1_not_m3, "nobody is in meeting 1 but not in meeting 3")
    part_accounts = [a["person"] for a in accounts if a["role"] == "participant"]
    c.check(
        sum(p in in_m1_not_m3 for p in part_accounts) == 1,
        "exactly one participant account must be in meeting 1 and not in meeting 3",
    )
    for a in accounts:
        if a["role"] == "convenor":
            c.check(a["person"] in series["convenors"], "convenor account is not a series convenor")
        if a["role"] == "rapporteur":
            c.check(
                any(
                    x["person"] == a["person"] and x["role"] == "rapporteur"
                    for m in meetings
                    for x in m["participants"]
                ),
                "rapporteur account has no rapporteur role",
            )
        if a["role"] in ROLES:
            c.check(
                any(
                    x["person"] == a["person"]
                    and x["role"] == a["role"]
                    and x["status"] in ("accepted", "attended")
                    for m in meetings
                    for x in m["participants"]
                ),
                f"{a['role']} account is not a member with that role in any meeting",
            )

    return report(
        c,
        data,
        people,
        orgs,
        comp=comp,
        countries=countries,
        cjk=(chinese, japanese, korean),
        in_m1_not_m3=sorted(in_m1_not_m3, key=lambda s: int(s[1:]) if s[1:].isdigit() else 0),
    )


def report(c, data, people, orgs, comp=None, countries=None, cjk=None, in_m1_not_m3=None) -> int:
    print(
        f"organisations: {len(orgs)}  people: {len(people)}  "
        f"meetings: {len(data.get('meetings', []))}  accounts: {len(data.get('accounts', []))}"
    )
    if countries:
        print(
            f"countries ({len(countries)}): "
            + ", ".join(f"{k} {v}" for k, v in countries.most_common())
        )
    if cjk:
        print(
            f"native-script names: Chinese {len(cjk[0])}, Japanese {len(cjk[1])}, "
            f"Korean {len(cjk[2])}"
        )
    for m in data.get("meetings", []):
        st = Counter(x["status"] for x in m["participants"])
        rules = Counter(s["rule"] for s in m["sessions"])
        line = (
            f"{m['key']} {m['place']} {m['starts']}: {len(m['participants'])} participants "
            f"{dict(st)}; {len(m['sessions'])} sessions {dict(rules)}; "
            f"listing {m['listing_policy']}"
        )
        print(line)
        if comp and m["key"] in comp:
            k = comp[m["key"]]
            print(
                f"    seats {k['total']}: serving officials {k['serving']} "
                f"({k['serving_private']} private),"
                f" quasi-officials {k['quasi']}, official capacity {k['official_capacity']}"
            )
    if in_m1_not_m3 is not None:
        print(f"in meeting 1 but not meeting 3: {', '.join(in_m1_not_m3)}")
    for a in data.get("accounts", []):
        print(
            f"account {a['role']}: {a['person']} {people.get(a['person'], {}).get('name', '?')}"
            f" <{people.get(a['person'], {}).get('email', '?')}>"
        )
    if c.failures:
        print(f"\nFAILED: {len(c.failures)} invariant(s)")
        for f in c.failures:
            print(f"  - {f}")
        return 1
    print("\nOK: all invariants hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH))
