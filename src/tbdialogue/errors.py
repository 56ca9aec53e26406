"""Typed errors: every failure a user can cause is one of these, with a one-line message."""

from __future__ import annotations


class TbdError(Exception):
    """Base of every error tbdialogue raises on purpose; the CLI prints its message on one line."""

    exit_code = 2


class UnreadableInput(TbdError):
    """The file could not be read at all (missing, binary, wrong encoding, unsupported format)."""


class NotASummaryRecord(TbdError):
    """The text was read, but it is not a UN summary record."""
