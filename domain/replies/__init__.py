"""Replies to digests: signed reply tokens, reading a reply, and recording what it says."""
