"""Who may do what: password hashes, roles and their scope, signed sessions, CSRF tokens and
login throttling (issue 16). Pure functions and small types: no SQL (users and the audit trail
live in the store) and no web framework (``web/auth.py`` wires these into routes).

- ``passwords``: argon2 hashes (argon2-cffi), verified in constant time, rehashed when the
  parameters change;
- ``roles``: the three roles, the ``Actor`` acting and which actions each role may take;
- ``sessions``: the signed cookie's content (itsdangerous);
- ``csrf``: per-session tokens and their comparison;
- ``throttle``: how long a user or a client address must wait after repeated failures.
"""
