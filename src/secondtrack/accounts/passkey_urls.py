"""The passkey ceremonies (django-otp-webauthn's endpoints, through accounts/passkeys.py),
under /account/passkeys/: reachable by a session that has given its password but not yet
its second factor, as the rest of /account/ is."""

from django.urls import path

from secondtrack.accounts import passkeys

app_name = "otp_webauthn"  # the library's template tags reverse these names

urlpatterns = [
    path(
        "registration/begin/",
        passkeys.RegistrationBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        passkeys.RegistrationComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        passkeys.AuthenticationBegin.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        passkeys.AuthenticationComplete.as_view(),
        name="credential-authentication-complete",
    ),
]
