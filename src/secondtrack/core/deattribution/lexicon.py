"""Word lists the scanner relies on: honorifics, countries, common words, place words.

Everything is folded with :func:`fold` (lower case, no diacritics) before comparison.
"""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ł": "l", "ø": "o", "’": "'", "‐": "-"})


def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Nguyễn' -> 'nguyen', 'Lê' -> 'le'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _words(block: str) -> frozenset[str]:
    return frozenset(fold(w) for w in block.split())


# Titles and honorifics that may precede a name ("Professor Tanaka", "Rear Admiral Long").
HONORIFICS: frozenset[tuple[str, ...]] = frozenset(
    tuple(h.split())
    for h in [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "madam",
        "madame",
        "mme",
        "sir",
        "dame",
        "lord",
        "lady",
        "dr",
        "doctor",
        "prof",
        "professor",
        "ambassador",
        "amb",
        "admiral",
        "adm",
        "general",
        "gen",
        "colonel",
        "col",
        "commodore",
        "cdre",
        "captain",
        "capt",
        "commander",
        "cdr",
        "major",
        "maj",
        "lieutenant",
        "lt",
        "brigadier",
        "brig",
        "marshal",
        "sergeant",
        "minister",
        "secretary",
        "senator",
        "representative",
        "rep",
        "congressman",
        "congresswoman",
        "assemblyman",
        "assemblywoman",
        "lawmaker",
        "legislator",
        "director",
        "dean",
        "president",
        "chairman",
        "chairwoman",
        "chair",
        "atty",
        "attorney",
        "hon",
        "honourable",
        "honorable",
        "excellency",
        "judge",
        "justice",
        "governor",
        "mayor",
        "pak",
        "bu",
        "ibu",
        "datuk",
        "dato",
        "datin",
        "khun",
        "haji",
        "father",
        "rev",
        "editor",
        "envoy",
        "consul",
        "counsellor",
        "counselor",
        "deputy",
        "undersecretary",
    ]
) | frozenset(
    tuple(h.split())
    for h in (
        "vice admiral",
        "rear admiral",
        "vice adm",
        "rear adm",
        "lieutenant general",
        "lt gen",
        "major general",
        "maj gen",
        "senior colonel",
        "sr col",
        "lieutenant colonel",
        "lt col",
        "air marshal",
        "air vice marshal",
        "vice minister",
        "deputy minister",
        "prime minister",
        "foreign minister",
        "defence minister",
        "defense minister",
        "his excellency",
        "her excellency",
        "tan sri",
        "vice president",
        "deputy director",
        "director general",
        "secretary general",
        "executive director",
        "assistant secretary",
        "deputy secretary",
        "under secretary",
        "state councillor",
        "state counselor",
    )
)

# Japanese and Korean address suffixes written in Latin script: "Tanaka-san", "Kim-ssi".
NAME_SUFFIXES = frozenset({"san", "sensei", "sama", "kun", "shi", "ssi", "nim", "sunbae"})

# Words that are also family or given names. A lone capitalised match of one of these
# needs context (an honorific, a possessive, a reporting verb) to count as a name.
FUNCTION_WORDS = _words(
    """
    a an the and or but if of in on at to by for with from as is was be are were it its
    this that these those there here then than so yet not no nor do does did done go goes
    can could may might will would shall should must have has had ha ho oh ah le la de da
    van von der den du di al el bin binti ma mo ko yu he she we they you me my our your his
    her their us them who what which when where why how all any each every both few many
    much more most some such own same other another one two three four five six seven
    eight nine ten first second third last next new old good bad best better great little
    today tomorrow yesterday perhaps however indeed moreover furthermore finally still
    also only even just now well again further instead rather quite very too let allow
    thank thanks please yes sure indeed although though while whereas since because
    after before during until unless whether without within between among across against
    under over above below around about into onto upon toward towards through throughout
    several nobody everyone someone anyone none everybody somebody anything nothing
    something everything whatever whoever whichever nor neither either once twice
    speaking turning looking taking given going coming building following regarding
    consider note recall imagine suppose assume agree disagree welcome thank thanks
    mister madam sir dear hello good morning afternoon evening colleagues friends
    chair chairman moderator participant participants delegate delegates session
    panel question questions answer point points issue issues view views proposal
    proposals statement statements summary report draft text paragraph section
    the
    """
)

# Ordinary English words that are also family or given names (Park, Lee, Long, Sun).
NAME_LIKE_WORDS = _words(
    """
    long short high low young old big small strong weak hard soft early late fair free
    rich poor wise sharp swift bright dark green white black brown gray grey gold silver
    red blue rose park lee hale law song sun moon star sky bay lake hill field wood woods
    stone rock river sea shore coast king queen prince duke earl bishop judge dean major
    general marshal chase page read reed lane ford bush bell hall wall ward church chapel
    may june july august march april winter summer spring autumn fall hope grace joy faith
    will bill mark frank grant rich cash price cost power love peace hunt fisher fish fox
    wolf bird crane swan drake hawk wing tan han hong chin ha an so oh bang hung dang
    long ho do
    """
)

COMMON_WORDS = FUNCTION_WORDS | NAME_LIKE_WORDS


# Capitalised words that begin or make up place, institution and event names rather than
# a person's name; a run of capitalised words holding one of these is not a person.
NON_NAME_WORDS = _words(
    """
    north south east west northern southern eastern western central upper lower greater
    asia asian pacific indo atlantic indian ocean sea seas strait straits gulf bay island
    islands isle peninsula river delta basin mountain mountains range reef reefs shoal
    shoals atoll cay channel passage archipelago mekong himalaya himalayan korean korea
    japan japanese china chinese taiwan taiwanese vietnam vietnamese viet nam philippines
    philippine filipino indonesia indonesian malaysia malaysian singapore singaporean
    thailand thai cambodia cambodian laos lao laotian myanmar burmese brunei bruneian
    australia australian zealand zealander india pakistan pakistani bangladesh sri lanka
    nepal mongolia mongolian russia russian america american americans united states
    kingdom britain british france french germany german europe european canada canadian
    fiji papua guinea timor leste tokyo seoul beijing taipei hanoi manila jakarta kuala
    lumpur bangkok phnom penh canberra sydney washington delhi ulaanbaatar pyongyang
    shanghai hong kong osaka busan okinawa hainan spratly spratlys paracel paracels senkaku
    diaoyu dokdo takeshima scarborough natuna mischief thitu second thomas kuril kurils
    yellow japan's
    ministry ministries department office agency bureau council commission committee
    secretariat institute institution university college academy school centre center
    foundation association society forum summit dialogue dialogues conference meeting
    meetings session sessions workshop roundtable group groups network bank fund
    corporation company industries holdings times post herald daily news shimbun ilbo
    navy naval army air force forces guard coast marine marines command fleet defence
    defense security foreign affairs affair state states government parliament congress
    senate assembly house representatives party republic people's peoples democratic
    federal national international regional global world union nations organisation
    organization treaty agreement accord convention code conduct declaration charter
    initiative strategy framework partnership community economic zone line nine dash
    law rule rules track two one chatham shangri la arf asean apec eas rcep cptpp quad
    aukus unclos itlos imo un who wto imf ministerial plus admm cscap neacd east-asia
    belt road silk maritime affairs studies policy peace strategic international cyber
    nuclear energy trade development cooperation cooperative research
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    i we you he she they it my our your his her their mr mrs ms dr prof
    christmas lunar new year tet chuseok ramadan eid covid cold war grand beach leaders
    programme program hotel memorial museum hall airport station port harbour harbor
    english chinese mandarin cantonese hangul kanji romaji
    """
)

# Country words: adjective, noun, plural demonym -> ISO 3166 code.
COUNTRY_WORDS: dict[str, str] = {}
for _code, _names in {
    "JP": "japan japanese",
    "KR": "korea korean koreans south_korea south_korean south_koreans rok",
    "KP": "north_korea north_korean north_koreans dprk",
    "CN": "china chinese prc",
    "TW": "taiwan taiwanese",
    "HK": "hong_kong hongkonger",
    "VN": "vietnam viet_nam vietnamese",
    "PH": "philippines philippine filipino filipinos filipina",
    "ID": "indonesia indonesian indonesians",
    "MY": "malaysia malaysian malaysians",
    "SG": "singapore singaporean singaporeans",
    "TH": "thailand thai thais",
    "KH": "cambodia cambodian cambodians",
    "LA": "laos lao laotian laotians",
    "MM": "myanmar burma burmese",
    "BN": "brunei bruneian bruneians",
    "TL": "timor-leste timorese",
    "AU": "australia australian australians",
    "NZ": "new_zealand new_zealander new_zealanders kiwi kiwis",
    "US": "united_states america american americans us u.s.",
    "CA": "canada canadian canadians",
    "IN": "india indian indians",
    "PK": "pakistan pakistani pakistanis",
    "BD": "bangladesh bangladeshi bangladeshis",
    "LK": "sri_lanka sri_lankan sri_lankans",
    "MN": "mongolia mongolian mongolians",
    "RU": "russia russian russians",
    "GB": "britain united_kingdom british uk",
    "FR": "france french",
    "DE": "germany german germans",
    "FJ": "fiji fijian fijians",
    "PG": "papua_new_guinea papua_new_guinean",
}.items():
    for _name in _names.split():
        COUNTRY_WORDS[_name.replace("_", " ")] = _code

# The same in Chinese, Japanese and Korean scripts.
CJK_COUNTRY_WORDS: dict[str, str] = {}
for _code, _names in {
    "JP": "日本 日本人 일본 일본인",
    "KR": "韩国 韓国 南韩 한국 한국인 韓國",
    "CN": "中国 中國 中国人 중국 중국인",
    "TW": "台湾 臺灣 台灣 대만",
    "VN": "越南 ベトナム 베트남",
    "PH": "菲律宾 フィリピン 필리핀",
    "ID": "印尼 印度尼西亚 インドネシア 인도네시아",
    "MY": "马来西亚 マレーシア 말레이시아",
    "SG": "新加坡 シンガポール 싱가포르",
    "TH": "泰国 タイ 태국",
    "AU": "澳大利亚 澳洲 オーストラリア 호주",
    "US": "美国 美國 アメリカ 米国 미국",
    "IN": "印度 インド 인도",
    "MN": "蒙古 モンゴル 몽골",
    "KH": "柬埔寨 カンボジア 캄보디아",
    "NZ": "新西兰 ニュージーランド 뉴질랜드",
}.items():
    for _name in _names.split():
        CJK_COUNTRY_WORDS[_name] = _code

# Country names (not demonyms) among COUNTRY_WORDS.
COUNTRY_NAMES = frozenset(
    """japan korea south_korea north_korea china taiwan hong_kong vietnam viet_nam philippines
    indonesia malaysia singapore thailand cambodia laos myanmar burma brunei timor-leste
    australia new_zealand united_states america canada india pakistan bangladesh sri_lanka
    mongolia russia britain united_kingdom france germany fiji papua_new_guinea""".replace(
        "_", " "
    ).split()
)
