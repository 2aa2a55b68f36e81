"""policykg: a knowledge graph of policies, programmes and places from Vietnamese provincial reports."""

__version__ = "0.1.0"
