"""See discipline/models/__init__.py."""

__all__ = []
