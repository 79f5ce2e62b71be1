"""Reads for pages and the API: each checks the reader may see what it returns, set-wise."""
