"""Data files shipped with stiplan (the ministry dictionary)."""
