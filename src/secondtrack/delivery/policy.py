"""The usage policy a reader agrees to before connecting Dropbox or Google Drive.

Change POLICY_VERSION whenever POLICY_TEXT changes in substance: every reader is then asked
to agree again before their next save.
"""

POLICY_VERSION = "2025-06-01"

POLICY_TITLE = "Saving reports to your own storage"

POLICY_TEXT = [
    (
        "What secondtrack does",
        "When you press Save, secondtrack puts the one file you chose into your account: on "
        "Dropbox in the app's own folder (Apps), on Google Drive as a new file in My Drive. "
        "The permission we ask for lets us create files; it does not let us read, list, "
        "change or delete anything else you keep there.",
    ),
    (
        "What secondtrack keeps",
        "The authorisation your provider gives us, encrypted; the account name we show you; "
        "the date and version of this agreement; and, until the upload succeeds, an "
        "encrypted copy of the file so that a failed save can be retried. The copy is "
        "deleted as soon as the file has arrived.",
    ),
    (
        "What you agree to",
        "A saved file leaves this platform. Keep it within the circle the report was "
        "published for (members of the meeting, of the series, or the public) and do not "
        "share it further from your Dropbox or Drive. The Chatham House Rule still applies: "
        "never add who said what, or who was in the room.",
    ),
    (
        "Stopping",
        "Disconnect on your delivery settings page at any time: we delete the authorisation "
        "here and ask the provider to revoke it. You can also remove secondtrack in your "
        "Dropbox or Google account settings. Files already saved stay in your account.",
    ),
    (
        "Your provider",
        "Dropbox's and Google's own terms govern your account and what is stored in it.",
    ),
]
