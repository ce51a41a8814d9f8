"""Report models, one module per part (issue 11): documents, editions (annual and quarterly reports),
releases (raw data)."""

from .documents import ReportDocument  # noqa: F401
from .editions import ReportEdition  # noqa: F401  (part A2)

# Part B adds: from .releases import ...  (DataRelease, ...)
from .releases import DataRelease, DataReleaseFile  # noqa: F401
