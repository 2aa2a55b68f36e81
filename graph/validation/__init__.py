"""The SHACL shapes, checked by pySHACL (the reference) or compiled to SPARQL and run on the store."""
