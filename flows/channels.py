"""Where each person's messages go: their email, their own targets and their tagged ones.

A person's entries in the Apprise config file are the ones tagged with their email address.
The notifications package treats a tag that matches nothing as a failed delivery, so only tags
the file actually holds are passed on; `config_tags` reads them from either of Apprise's
config formats (YAML or `tag1, tag2=url` text lines).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from domain.reminders.ledger import Recipient
from notifications import DeliverySettings, Envelope, Message

TAG_KEYS = ("tag", "tags")
TEXT_ENTRY = re.compile(r"^\s*(?P<tags>[^=#:/]+?)\s*=\s*\S+://")


def _split(value: Any) -> set[str]:
    """Tags written as a list or as one string separated by commas or spaces."""
    items = value if isinstance(value, list) else [value]
    return {t.strip().lower() for item in items for t in re.split(r"[,\s]+", str(item)) if t}


def _yaml_tags(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found |= _split(value) if key in TAG_KEYS else _yaml_tags(value)
    elif isinstance(node, list):
        for item in node:
            found |= _yaml_tags(item)
    return found


@lru_cache(maxsize=8)
def _tags_of(path: Path, modified: float) -> frozenset[str]:
    text = path.read_text(encoding="utf-8")
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError:
        parsed = None
    if isinstance(parsed, dict):
        return frozenset(_yaml_tags(parsed))
    return frozenset(
        tag
        for line in text.splitlines()
        if (m := TEXT_ENTRY.match(line))
        for tag in _split(m["tags"])
    )


def config_tags(path: Path | None) -> frozenset[str]:
    """Every tag the Apprise config file at `path` gives an entry (empty without a file)."""
    if path is None or not path.is_file():
        return frozenset()
    return _tags_of(path, path.stat().st_mtime)


def envelope_for(
    key: str, message: Message, recipient: Recipient, settings: DeliverySettings
) -> Envelope:
    """A message addressed to one person: their email, their own targets and their tagged ones."""
    email = recipient.email
    tags = (email,) if email.lower() in config_tags(settings.config_path) else ()
    return Envelope(
        key=key,
        message=message,
        to_email=email,
        to_name=recipient.name,
        extra_urls=recipient.extra_addresses,
        tags=tags,
    )
