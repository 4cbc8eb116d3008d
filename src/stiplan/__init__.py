"""stiplan: Japan's STI Basic Plan follow-up reports and briefings as a traceable evidence base."""

__version__ = "0.1.0"
