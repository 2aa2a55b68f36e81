"""API: the HTTP interface (FastAPI routers over library functions)."""
