"""Loaders: report text in, plain extraction records out (no RDF here)."""
