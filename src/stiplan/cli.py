"""The ``stiplan`` command (typer); a thin layer over ``stiplan.queries``."""

import typer

app = typer.Typer(help="stiplan: STI Basic Plan evidence base", no_args_is_help=True)


@app.command()
def version() -> None:
    """Print the stiplan version."""
    from stiplan import __version__

    typer.echo(__version__)
