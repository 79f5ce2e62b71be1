"""Use cases: each takes a Session, does its work in one transaction, and commits."""
