"""Records as the `extract` command prints them: JSON (the extraction contract) and a table for people."""
