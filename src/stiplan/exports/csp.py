"""The Content-Security-Policy of the self-contained HTML reports (diff, progress).

The reports carry their own inline style and no script, and may be opened from disk, mailed
or served: the same policy goes into a ``<meta>`` tag of every report the CLI writes and into
the header when the dashboard serves one, so a document's text can never run in either.
(``frame-ancestors`` is honoured only as a header, so the dashboard adds it there.)
"""

from __future__ import annotations

import html

REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def policy_meta() -> str:
    """The policy as a ``<meta http-equiv>`` tag for the report's ``<head>``."""
    return f'<meta http-equiv="Content-Security-Policy" content="{html.escape(REPORT_POLICY)}">'
