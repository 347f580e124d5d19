"""English words that core/ (no Django there) hands to pages, listed so that makemessages
finds them; templates translate them with the `core_label` filter (accounts/templatetags)."""

from django.utils.translation import gettext_noop

CORE_STRINGS = (
    # core/policy.py: the rules of a session
    gettext_noop("on the record"),
    gettext_noop("Chatham House Rule"),
    gettext_noop("non-attributable"),
    gettext_noop("off the record"),
    # core/composition.py: dimensions and the values it makes up
    gettext_noop("Country"),
    gettext_noop("Sector"),
    gettext_noop("Officialness"),
    gettext_noop("Gender"),
    gettext_noop("In this series"),
    gettext_noop("unknown"),
    gettext_noop("not stated"),
    gettext_noop("first time"),
    gettext_noop("returning"),
    gettext_noop("fewer than %(k)s"),
    # core/officialness.py: bands
    gettext_noop("official"),
    gettext_noop("close to government"),
    gettext_noop("government-linked"),
    gettext_noop("independent"),
    # core/uptake.py: the funnel's stages
    gettext_noop("floated"),
    gettext_noop("reaching consensus"),
    gettext_noop("transmitted"),
    gettext_noop("taken up"),
    # sectors (registry Organisation kinds, as stored)
    gettext_noop("university"),
    gettext_noop("think_tank"),
    gettext_noop("ministry"),
    gettext_noop("armed_forces"),
    gettext_noop("legislature"),
    gettext_noop("media"),
    gettext_noop("industry"),
    gettext_noop("ngo"),
    gettext_noop("international_organisation"),
    gettext_noop("other"),
    # core/delegation.py: seats and how a delegation stands against its target
    gettext_noop("uniformed officer"),
    gettext_noop("defence official"),
    gettext_noop("foreign-ministry official"),
    gettext_noop("other official"),
    gettext_noop("expert"),
    gettext_noop("journalist"),
    gettext_noop("no target"),
    gettext_noop("met"),
    gettext_noop("%(n)s short"),
    gettext_noop("%(n)s over"),
    # core/officialness.py: why an organisation is linked to government
    gettext_noop("mandate: %(mandate)s"),
    gettext_noop("%(kind)s (part of the state)"),
    gettext_noop("%(n)s %% government funded"),
    gettext_noop("government affiliated"),
    gettext_noop("ministry research arm"),
    gettext_noop("government body"),
    gettext_noop("armed forces"),
    gettext_noop("No active affiliation with a government link: score 0."),
)
