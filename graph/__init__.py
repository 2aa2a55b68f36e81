"""Graph: extraction records to RDF, IRIs, stores and exports."""
