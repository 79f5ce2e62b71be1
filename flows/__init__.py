"""Prefect flows: the daily check, the weekly readiness report, and serving them on schedule."""
