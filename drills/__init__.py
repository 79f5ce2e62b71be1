"""Drills: real parts on loopback, one verdict line each."""
