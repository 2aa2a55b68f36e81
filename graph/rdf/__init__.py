"""RDF from records: the IRI policy, one report's named graph as N-Triples, the named graphs as N-Quads."""
