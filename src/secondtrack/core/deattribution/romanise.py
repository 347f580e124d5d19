"""Other romanisations of Korean and Chinese names: Park/Pak/Bak, Lee/Yi/Rhee, Yoon/Yun,
Xu/Hsu/Tsui, Zhang/Chang/Cheung ... A participant registered as "Park Ji-won" is as
identifiable as "Pak Chi-won"; each spelling is added as a form of the name, so it is a
high-severity name finding like the registered spelling.

Family names come from the tables below (Revised Romanization, McCune-Reischauer and the
usual passport spellings; Hanyu Pinyin, Wade-Giles, Cantonese and Hokkien forms); given
name syllables from a smaller table of Korean syllable spellings (jun/joon, seo/suh ...).
"""

from __future__ import annotations

_KOREAN_FAMILIES = """
park pak bak bahk | lee yi rhee ri rhie i | kim gim | choi choe chey | jung chung jeong cheong
| kang gang | cho jo | yoon yun | jang chang | lim im rim | shin sin shinn | kwon gwon
| hwang whang | ahn an | jeon chun jun chon | ko koh go | moon mun | son sohn | bae pae
| baek paek baik | heo hur huh | yoo yu you | noh roh no | seo suh so | oh o | han
| song | hong | yang | nam | ryu yu yoo | kwak gwak | woo u | min | ha
"""
_CHINESE_FAMILIES = """
xu hsu hsü tsui hui | zhang chang cheung | wang wong | li lee lei | liu lau lao | chen chan chin
| yang yeung | huang hwang wong ng | zhao chao chiu | wu woo ng | zhou chou chow | xie hsieh tse
| zheng cheng | cai tsai choi | lin lam lim | guo kuo kwok | he ho | gao kao ko | hu woo
| xiao hsiao siu | jiang chiang | qian chien | sun suen | zhu chu chue | ye yeh yip
| cao tsao | deng teng tang | feng fung | peng pang | lu lü lui | su soo | luo lo law
| liang leung | song sung | tang tong | xiong hsiung hung | qiu chiu yau | xue hsueh sit
"""
_KOREAN_SYLLABLES = """
jun joon | seo suh | yeon yun yon | eun un | hyeon hyun | gyeong kyung kyeong | jeong jung chung
| seong sung | jin chin | ji chi | won weon | woo wu | young yeong yong | soo su | hee hui
| cheol chul | seok suk | hyeok hyuk | jae jai | dong tong | gu koo ku | bin pin | beom bum
"""


def _table(block: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for group in block.split("|"):
        words = group.split()
        for word in words:
            table[word] = tuple(w for w in words if w != word)
    return table


KOREAN_FAMILIES = _table(_KOREAN_FAMILIES)
CHINESE_FAMILIES = _table(_CHINESE_FAMILIES)
KOREAN_SYLLABLES = _table(_KOREAN_SYLLABLES)
KOREAN = frozenset({"KR", "KP"})
CHINESE = frozenset({"CN", "TW", "HK", "MO", "SG"})


def family_variants(family: str, countries: tuple[str, ...]) -> list[str]:
    """Other spellings of a (folded, one-word) family name for a person of ``countries``."""
    variants: list[str] = []
    if KOREAN.intersection(countries):
        variants += KOREAN_FAMILIES.get(family, ())
    if CHINESE.intersection(countries):
        variants += CHINESE_FAMILIES.get(family, ())
    # One-letter spellings ("i", "o", "u") would match anything: keep two letters or more.
    return [v for v in dict.fromkeys(variants) if len(v) >= 2 and v != family]


def given_variants(syllables: tuple[str, ...], countries: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Other spellings of Korean given-name syllables ("ji won" -> "chi won", "ji weon")."""
    if not KOREAN.intersection(countries) or not syllables or len(syllables) > 3:
        return []
    results: list[tuple[str, ...]] = [()]
    for syllable in syllables:
        options = (syllable, *KOREAN_SYLLABLES.get(syllable, ()))
        results = [r + (o,) for r in results for o in options][:6]
    return [r for r in results if r != syllables]
