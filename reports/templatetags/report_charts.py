from django import template
from django.utils.safestring import mark_safe

from reports.charts import Chart, chart_svg

register = template.Library()


@register.inclusion_tag("reports/partials/_chart.html")
def chart_figure(chart, csv_url="", collapsed=False, heading_level=3):
    """A chart (a ``Chart`` or its snapshot dict) as a figure: the SVG, its note, the table and a CSV link."""
    if isinstance(chart, dict):
        chart = Chart.from_dict(chart)
    chart = chart.translated()
    return {
        "chart": chart,
        "svg": mark_safe(chart_svg(chart)),  # noqa: S308 - chart_svg escapes every text it writes
        "rows": chart.table_rows(),
        "csv_url": csv_url,
        "collapsed": collapsed,
        "heading_tag": f"h{min(max(int(heading_level), 2), 6)}",
    }
