"""Ontology: Turtle files (ontology, shapes, reference data) and the Python names of their terms."""
