"""One chart definition for the dashboard, the annual report page and its PDF (issue 11, R5.4).

A ``Chart`` is plain data (JSON-able, so a published report keeps it in its snapshot). It renders
three ways from the same numbers: an SVG (server-side, so it prints in WeasyPrint and needs no
JavaScript), a table under it (the accessible alternative), and CSV rows (the download). Series are
told apart by pattern and a value label on every mark, never by colour alone.

A value of ``None`` is a suppressed or unrecorded cell: the SVG draws no mark, the table and the
CSV say so in words (``Chart.missing_label``).
"""

from dataclasses import asdict, dataclass, field
from html import escape

from django.utils.translation import gettext as _

BAR = "bar"  # horizontal bars, one group per category (types, neighbourhoods, findings)
COLUMNS = "columns"  # vertical columns, one group per category in order (years, months)
LINE = "line"  # a line per series over ordered categories (months)
KINDS = (BAR, COLUMNS, LINE)

# USWDS palette, each with its own pattern so print and colour-blind readers can tell series apart.
_FILLS = ("#005ea2", "#e5a000", "#008817", "#8b0a03", "#5c1111", "#1a4480")
_PATTERNS = ("", "diagonal", "dots", "cross", "vertical", "horizontal")


@dataclass
class Series:
    name: str
    values: list  # int | float | None, one per category


@dataclass
class Chart:
    key: str  # stable, used for anchors and the CSV link
    title: str
    kind: str
    categories: list
    series: list = field(default_factory=list)
    unit: str = ""  # what a value counts ("complaints", "%")
    note: str = ""  # the definition or a caveat, shown under the chart
    missing_label: str = ""  # what a None says in the table and CSV; "" means "Suppressed (fewer than 5)"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        self.series = [s if isinstance(s, Series) else Series(**s) for s in self.series]
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(self.categories)} categories")

    def to_dict(self):
        return asdict(self)

    def translated(self):
        """A copy with its texts translated into the active language. Builders store msgids (marked with
        gettext_noop), so a published snapshot renders in whichever language its reader chose; a text that
        is not in the catalogs (an allegation type's name) shows as stored."""
        return Chart(
            key=self.key,
            title=_(self.title),
            kind=self.kind,
            categories=[_(str(c)) if c else c for c in self.categories],
            series=[Series(name=_(s.name), values=list(s.values)) for s in self.series],
            unit=_(self.unit) if self.unit else "",
            note=_(self.note) if self.note else "",
            missing_label=_(self.missing_label) if self.missing_label else "",
        )

    @classmethod
    def from_dict(cls, data):
        return cls(**data)

    @property
    def is_empty(self):
        return not any(v for s in self.series for v in s.values if v is not None)

    def missing_text(self):
        return self.missing_label or _("Suppressed (fewer than 5)")

    def table_rows(self):
        """[(category, [cell text per series])]: what the table under the chart and the CSV show."""
        return [
            (category, [self.missing_text() if s.values[i] is None else _number(s.values[i]) for s in self.series])
            for i, category in enumerate(self.categories)
        ]

    def csv_rows(self):
        """The header row, then one row per category, with the table's labels (call it on ``translated()``
        for the reader's language); a missing cell is empty, and a last column says why."""
        has_missing = any(v is None for s in self.series for v in s.values)
        header = [_("Category"), *[s.name for s in self.series]]
        yield [*header, _("Note")] if has_missing else header
        for i, category in enumerate(self.categories):
            cells = ["" if s.values[i] is None else s.values[i] for s in self.series]
            if has_missing:
                cells.append(self.missing_text() if any(s.values[i] is None for s in self.series) else "")
            yield [category, *cells]


def _number(value):
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _max(chart):
    values = [v for s in chart.series for v in s.values if v is not None]
    return max(values) if values and max(values) > 0 else 1


def _defs(uid, count):
    out = []
    for i in range(count):
        fill, pattern = _FILLS[i % len(_FILLS)], _PATTERNS[i % len(_PATTERNS)]
        marks = {
            "diagonal": '<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.5"/>',
            "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
            "cross": '<path d="M0,3 H6 M3,0 V6" stroke="#fff" stroke-width="1.2"/>',
            "vertical": '<path d="M3,0 V6" stroke="#fff" stroke-width="1.5"/>',
            "horizontal": '<path d="M0,3 H6" stroke="#fff" stroke-width="1.5"/>',
        }.get(pattern, "")
        out.append(
            f'<pattern id="{uid}-p{i}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{fill}"/>{marks}</pattern>'
        )
    return "<defs>" + "".join(out) + "</defs>"


def _legend(chart, uid, y):
    if len(chart.series) < 2:
        return "", 0
    parts = []
    for i, s in enumerate(chart.series):
        ly = y + i * 18
        parts.append(
            f'<rect x="0" y="{ly}" width="14" height="14" fill="url(#{uid}-p{i})"/>'
            f'<text x="20" y="{ly + 11}" font-size="12">{escape(s.name)}</text>'
        )
    return "".join(parts), len(chart.series) * 18 + 6


def _bar_svg(chart, uid):
    label_w, bar_h, gap, width, line_h = 190, 16, 10, 640, 14
    n = len(chart.series)
    # A long category name wraps onto a second line (the table under the chart has it whole).
    labels = [_wrap(category) for category in chart.categories]
    group_h = max(n * bar_h, max((len(lines) for lines in labels), default=1) * line_h) + gap
    top = 8
    legend, legend_h = _legend(chart, uid, top)
    top += legend_h
    scale = (width - label_w - 70) / _max(chart)
    parts = []
    for ci, lines in enumerate(labels):
        gy = top + ci * group_h
        first_y = gy + (group_h - gap) / 2 + 4 - (len(lines) - 1) * line_h / 2
        tspans = "".join(
            f'<tspan x="{label_w - 8}" y="{first_y + li * line_h:.1f}">{escape(line)}</tspan>'
            for li, line in enumerate(lines)
        )
        parts.append(f'<text font-size="12" text-anchor="end">{tspans}</text>')
        for si, s in enumerate(chart.series):
            value = s.values[ci]
            y = gy + (group_h - gap - n * bar_h) / 2 + si * bar_h
            if value is None:
                parts.append(
                    f'<text x="{label_w + 4}" y="{y + 12}" font-size="11">{escape(chart.missing_text())}</text>'
                )
                continue
            w = max(value * scale, 0)
            parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" fill="url(#{uid}-p{si})"/>')
            parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" font-size="11">{_number(value)}</text>')
    height = top + len(chart.categories) * group_h + 4
    return width, height, legend + "".join(parts)


def _columns_svg(chart, uid, line=False):
    width, plot_h, left, bottom = 640, 200, 44, 36
    top = 8
    legend, legend_h = _legend(chart, uid, top)
    top += legend_h
    n_cat = max(len(chart.categories), 1)
    step = (width - left - 8) / n_cat
    scale = plot_h / _max(chart)
    base = top + plot_h
    parts = [f'<line x1="{left}" y1="{base}" x2="{width - 8}" y2="{base}" stroke="#71767a"/>']
    n = len(chart.series)
    for ci, category in enumerate(chart.categories):
        cx = left + ci * step
        if n_cat <= 24 or ci % max(n_cat // 12, 1) == 0:
            parts.append(
                f'<text x="{cx + step / 2:.1f}" y="{base + 14}" font-size="10" text-anchor="middle">'
                f"{escape(_short(category, 10))}</text>"
            )
    for si, s in enumerate(chart.series):
        points = []
        for ci, value in enumerate(s.values):
            if value is None:
                continue
            h = value * scale
            if line:
                x, y = left + ci * step + step / 2, base - h
                points.append(f"{x:.1f},{y:.1f}")
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="url(#{uid}-p{si})" stroke="#1b1b1b"/>')
            else:
                bw = max(step * 0.8 / n, 1)
                x = left + ci * step + step * 0.1 + si * bw
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bw:.1f}" height="{h:.1f}" fill="url(#{uid}-p{si})"/>'
                )
                if n_cat * n <= 24:
                    parts.append(
                        f'<text x="{x + bw / 2:.1f}" y="{base - h - 3:.1f}" font-size="10" text-anchor="middle">'
                        f"{_number(value)}</text>"
                    )
        if line and len(points) > 1:
            dash = "" if si == 0 else f' stroke-dasharray="{3 + si * 2},3"'
            stroke = _FILLS[si % len(_FILLS)]
            parts.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{stroke}" stroke-width="2"{dash}/>'
            )
    return width, base + bottom, legend + "".join(parts)


def _wrap(text, limit=28, lines=2):
    """``text`` in at most ``lines`` lines of about ``limit`` characters, broken at spaces; the last line
    is shortened with an ellipsis if the text is longer still."""
    words, out, current = str(text).split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > limit:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    return [_short(line, limit) for line in out] or [""]


def _short(text, limit=28):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chart_svg(chart, *, uid=None):
    """The chart as an accessible inline SVG (role="img", its title and a one-line description)."""
    uid = uid or f"chart-{chart.key}"
    if chart.kind == BAR:
        width, height, body = _bar_svg(chart, uid)
    else:
        width, height, body = _columns_svg(chart, uid, line=chart.kind == LINE)
    desc = _("Chart; the same numbers are in the table below.")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" role="img" font-family="sans-serif" '
        f'aria-labelledby="{uid}-title {uid}-desc" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{uid}-title">{escape(chart.title)}</title><desc id="{uid}-desc">{escape(desc)}</desc>'
        f"{_defs(uid, len(chart.series))}{body}</svg>"
    )
