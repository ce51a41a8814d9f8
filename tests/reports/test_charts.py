"""The chart kernel (reports/charts.py, issue 11 part C): one Chart as SVG, table and CSV, stored as msgids
and rendered in the reader's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from reports.charts import BAR, COLUMNS, Chart, Series, chart_svg


def _chart(**extra):
    data = {
        "key": "decisions",
        "title": "Case-handling decisions",
        "kind": BAR,
        "categories": ["Mediation", "Referral for supervisor or management action or training"],
        "series": [Series("Cases", [3, None])],
    }
    data.update(extra)
    return Chart(**data)


def test_a_chart_survives_its_snapshot():
    chart = _chart()
    assert Chart.from_dict(chart.to_dict()) == chart


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="values"):
        _chart(series=[Series("Cases", [1])])


def test_a_long_category_wraps_onto_two_lines_in_the_svg():
    svg = chart_svg(_chart())
    assert "<tspan" in svg and "Referral for supervisor or" in svg
    assert 'role="img"' in svg and "<title" in svg


def test_a_suppressed_cell_is_said_in_words_in_the_table_and_empty_in_the_csv():
    chart = _chart()
    assert chart.table_rows()[1][1] == ["Suppressed (fewer than 5)"]
    rows = list(chart.csv_rows())
    assert rows[0] == ["Category", "Cases", "Note"]
    assert rows[2][1:] == ["", "Suppressed (fewer than 5)"]


def test_a_chart_without_missing_cells_has_no_note_column():
    rows = list(_chart(series=[Series("Cases", [3, 0])]).csv_rows())
    assert rows[0] == ["Category", "Cases"]


def test_a_stored_chart_renders_in_the_readers_language():
    stored = _chart(kind=COLUMNS).to_dict()
    with translation.override("es"):
        html = Template("{% load report_charts %}{% chart_figure chart %}").render(Context({"chart": stored}))
    assert "Mediación" in html
