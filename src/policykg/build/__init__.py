"""The build, above the loaders and the graph: extract each report once (in forked processes), write its
RDF, load the N-Quads into a new store, check the shapes, swap it in; with its cache."""
