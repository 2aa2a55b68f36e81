"""The store: its on-disk layout and atomic swap; the embedded pyoxigraph store and a remote SPARQL endpoint
behind one interface; the worker pools that run queries under time and memory limits; the push to a Graph
Store."""
