"""Data files shipped with stiplan (the ministry dictionary, the list of Basic Plans)."""
