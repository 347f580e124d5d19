"""The access policy of core/policy.py applied to the database: the caller's roles, read
once per request, as `Grants`; and querysets built from the roles that hold a permission.

This is the only module that reads `Participation.role`, `SeriesRole` or `is_staff` to
decide who sees or does what. Selectors, views, API endpoints and consumers call it.
"""
