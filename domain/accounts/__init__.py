"""Accounts: authorities, people and their lines of management, sign-in, tokens, and
inspectors' access windows; who may see which authority."""
