"""English words that core/ (no Django there) hands to pages, listed so that makemessages
finds them; templates translate them with the `core_label` filter (accounts/templatetags)."""

from django.utils.translation import gettext_noop as N_

CORE_STRINGS = (
    # core/policy.py: the rules of a session
    N_("on the record"),
    N_("Chatham House Rule"),
    N_("non-attributable"),
    N_("off the record"),
    # core/composition.py: dimensions and the values it makes up
    N_("Country"),
    N_("Sector"),
    N_("Officialness"),
    N_("Gender"),
    N_("In this series"),
    N_("unknown"),
    N_("not stated"),
    N_("first time"),
    N_("returning"),
    N_("fewer than %(k)s"),
    # core/officialness.py: bands
    N_("official"),
    N_("close to government"),
    N_("government-linked"),
    N_("independent"),
    # core/uptake.py: the funnel's stages
    N_("floated"),
    N_("reaching consensus"),
    N_("transmitted"),
    N_("taken up"),
    # sectors (registry Organisation kinds, as stored)
    N_("university"),
    N_("think_tank"),
    N_("ministry"),
    N_("armed_forces"),
    N_("legislature"),
    N_("media"),
    N_("industry"),
    N_("ngo"),
    N_("international_organisation"),
    N_("other"),
)
