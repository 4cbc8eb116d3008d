"""The ``stiplan`` command: a thin typer layer over ``stiplan.queries``.

Each command parses options, calls one query function and renders the answer: a rich table for
people, ``--json`` for machines. Domain errors become a message on stderr and exit code 1;
usage errors exit 2 (typer's convention). No SQL and no parsing here.

- ``base``: the typer ``app``, the consoles, the shared options, errors → exit codes;
- ``documents``, ``sections``, ``briefings``, ``search``, ``editions``, ``progress``,
  ``serve``, ``users`` and ``audit``: the commands, by subject;
- ``render`` (JSON, markup pieces) and ``tables`` (one table per answer): the renderers.

The commands are registered here, in the order ``stiplan --help`` lists them.
"""

from __future__ import annotations

from stiplan.cli import (
    audit,
    briefings,
    documents,
    editions,
    maintenance,
    progress,
    search,
    sections,
    serve,
    survey,
    users,
)
from stiplan.cli.base import app

for _command in (
    documents.ingest,
    documents.documents,
    sections.sections,
    sections.initiatives,
    documents.show,
    documents.warnings,
    briefings.programmes,
    briefings.timeline,
    briefings.targets,
    search.search,
    search.reindex,
    documents.export,
    serve.serve,
    editions.editions,
    editions.diff,
    serve.demo,
    maintenance.backup,
    maintenance.restore,
    progress.progress,
    audit.audit,
    serve.version,
):
    app.command()(_command)
app.add_typer(progress.report_app, name="report")
app.add_typer(maintenance.db_app, name="db")
app.add_typer(users.users_app, name="users")
app.add_typer(survey.survey_app, name="survey")

__all__ = ["app"]
