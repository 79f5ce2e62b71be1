"""Inspections and their findings: recording a parsed letter or report (the import use case),
inspections entered by hand, and reading them back."""
