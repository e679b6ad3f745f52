"""One small exception hierarchy; each message says what went wrong and what to do."""

from __future__ import annotations


class PipelineError(Exception):
    """Base class of every error the pipeline raises on purpose."""

    exit_status = 1


class ConfigError(PipelineError):
    """The configuration file or an environment setting is wrong; the message names it."""

    exit_status = 2


class SourceError(PipelineError):
    """A source could not be read; the message says what was asked and what came back."""


class RetriableSourceError(SourceError):
    """A source failed in a way that may pass on a later attempt (429, 5xx, timeout)."""


class StoreError(PipelineError):
    """The database could not be reached or refused a write."""
