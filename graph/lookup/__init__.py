"""Lookups for people and programs: the catalogue of entities (resolve a symbol or a name typed any way,
search) and the typed answers it gives (an entity's or a document's context)."""
