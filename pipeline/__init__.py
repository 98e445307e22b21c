"""Motorsport information extraction: raw texts to validated career records with evidence."""
__version__ = "0.1.0"
