"""Report models, one module per part (issue 11): documents, editions (annual and quarterly reports),
releases (raw data)."""

from .documents import ReportDocument  # noqa: F401

# Part A2 adds: from .editions import ...  (ReportEdition, ...)
# Part B adds: from .releases import ...  (DataRelease, ...)
