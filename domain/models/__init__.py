"""Kept only so that the migrations written before the tables moved into their aggregates
still import `domain.models.types`; new code imports `domain.columns`."""
