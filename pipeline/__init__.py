"""Social-media review monitoring: posts in, pros and cons out, all in PostgreSQL."""

from __future__ import annotations

__version__ = "0.1.0"
