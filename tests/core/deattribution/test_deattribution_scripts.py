"""Every script and variant (issue 14, item 3): names registered in Thai, Cyrillic,
Devanagari and Khmer; Vietnamese with and without diacritics; simplified and traditional
Chinese; other romanisations of Korean and Chinese names; misspellings; organisations
named only in a non-Latin script."""

import pytest

from secondtrack.core.deattribution import Registry, Scanner


@pytest.fixture(scope="module")
def scanner():
    return Scanner(
        Registry.from_dict(
            {
                "organisations": [
                    {"id": "mfa_th", "name": "กระทรวงการต่างประเทศ", "kind": "ministry"},
                    {"id": "mnd", "name": "國防部", "kind": "ministry"},
                ],
                "people": [
                    {
                        "id": "th",
                        "name": "Somchai Wongsakul",
                        "other_names": ["สมชาย วงศ์สกุล"],
                        "countries": ["TH"],
                        "affiliations": [{"organisation": "mfa_th", "role": "Director"}],
                    },
                    {
                        "id": "ru",
                        "name": "Ivan Petrov",
                        "other_names": ["Иван Петров"],
                        "countries": ["RU"],
                    },
                    {
                        "id": "in",
                        "name": "Arjun Sharma",
                        "other_names": ["अर्जुन शर्मा"],
                        "countries": ["IN"],
                    },
                    {
                        "id": "kh",
                        "name": "Sok Chenda",
                        "other_names": ["សុខ ចិន្តា"],
                        "countries": ["KH"],
                    },
                    {"id": "vn", "name": "Nguyễn Thị Lan", "countries": ["VN"]},
                    {
                        "id": "tw",
                        "name": "Hsu Wen-chieh",
                        "other_names": ["徐文傑"],
                        "countries": ["TW"],
                        "affiliations": [{"organisation": "mnd", "role": "Director"}],
                    },
                    {"id": "kr", "name": "Park Ji-won", "countries": ["KR"]},
                    {"id": "kr2", "name": "Yoon Seo-yeon", "countries": ["KR"]},
                    {"id": "cn", "name": "Xu Wenjie", "countries": ["CN"]},
                    {"id": "jp", "name": "Hiroshi Tanaka", "countries": ["JP"]},
                ],
            }
        )
    )


def names(scanner, text):
    return [(text[f.start : f.end], f.severity) for f in scanner.scan(text) if f.category == "name"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("สมชาย วงศ์สกุล กล่าวว่าเห็นด้วย", "สมชาย วงศ์สกุล"),
        ("Как сказал Иван Петров, это важно.", "Иван Петров"),
        ("Петров сказал, что это важно.", "Петров"),
        ("Мы поддержали Петрова в этом.", "Петрова"),
        ("अर्जुन शर्मा ने कहा कि यह ज़रूरी है।", "अर्जुन शर्मा"),
        ("សុខ ចិន្តា បាននិយាយ", "សុខ ចិន្តា"),
        ("Nguyễn Thị Lan said so.", "Nguyễn Thị Lan"),
        ("Nguyen Thi Lan said so.", "Nguyen Thi Lan"),
        ("徐文杰认为这很重要。", "徐文杰"),
        ("徐文傑認為這很重要。", "徐文傑"),
        ("Pak Ji-won said so.", "Pak Ji-won"),
        ("Bak Jiwon said so.", "Bak Jiwon"),
        ("Yun Seo-yeon said so.", "Yun Seo-yeon"),
        ("Ms. Yun said so.", "Ms. Yun"),
        ("Hsu Wenjie said so.", "Hsu Wenjie"),
        ("Hiroshi Tanka said so.", "Hiroshi Tanka"),
        ("Hirosi Tanaka said so.", "Hirosi Tanaka"),
        ("Hiroshi Tnaaka said so.", "Hiroshi Tnaaka"),
    ],
)
def test_each_script_and_variant_is_a_high_name_finding(scanner, text, name):
    assert names(scanner, text) == [(name, "high")]


def test_redaction_in_another_script_speaks_that_language(scanner):
    assert scanner.redact("Петров сказал, что это важно.") == (
        "Один из участников сказал, что это важно."
    )
    assert "สมชาย" not in scanner.redact("สมชาย วงศ์สกุล กล่าวว่าเห็นด้วย")


def test_an_organisation_named_only_in_another_script_leaves_bare_roles_alone(scanner):
    assert scanner.scan("The director of the film was there.") == []
    text = "กระทรวงการต่างประเทศ ได้ออกแถลงการณ์"
    [finding] = scanner.scan(text)
    assert finding.category == "affiliation"
    assert text[finding.start : finding.end] == "กระทรวงการต่างประเทศ"
    assert scanner.scan("国防部发表了声明")[0].category == "affiliation"


def test_ordinary_words_near_a_name_are_not_misspellings(scanner):
    assert names(scanner, "The Hague Conference met in Paris.") == []
    assert names(scanner, "Hiroshima Tanabe is not a participant.") == []
