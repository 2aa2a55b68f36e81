"""SPARQL text (one tokenizer), result writers under the row and byte limits, and queries run for the
command line."""
