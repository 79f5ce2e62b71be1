"""The web app and REST API: GOV.UK-styled pages and JSON over the domain services."""
