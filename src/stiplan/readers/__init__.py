"""Readers: file bytes → text (``decode``), its kind (``detect``), and a document tree per kind."""
