"""Secrets kept out of the server's logs: calendar links and API tokens are masked.

A calendar program fetches /calendar/co_cal_<secret>.ics, so uvicorn's access log would
print the secret in every line it writes for the feed; an API token could arrive in a query
string by mistake. The filter rewrites each record before uvicorn's handlers format it.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from uvicorn.config import LOGGING_CONFIG

_SECRET = re.compile(r"\b(co_(?:cal|api)_)[A-Za-z0-9_\-]+")
_BEARER = re.compile(r"(?i)\b(bearer\s+)[^\s\"']+")


def mask(text: str) -> str:
    """`text` with every token's secret part replaced by an ellipsis (`co_cal_…`)."""
    return _BEARER.sub(r"\1…", _SECRET.sub(r"\1…", text))


class TokenMask(logging.Filter):
    """Masks tokens in a record's message, its arguments and any traceback it carries."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: mask(v) if isinstance(v, str) else v for k, v in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        return True


def masked_log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration with the mask on each of its handlers, so every
    line it prints (the access log and its errors) passes through `TokenMask` first."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["mask_tokens"] = {"()": TokenMask}
    for handler in config["handlers"].values():
        handler["filters"] = [*handler.get("filters", []), "mask_tokens"]
    return config
