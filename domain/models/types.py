"""The column types under the name the early migrations import them by."""

from domain.columns import UTCDateTime, enum_type

__all__ = ["UTCDateTime", "enum_type"]
