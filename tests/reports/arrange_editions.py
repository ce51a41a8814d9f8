"""Report editions in the states the pages show (issue 11 part A2), built through the real services."""

from django.utils import timezone

from reports.editions import edition_draft_build, edition_narrative_update, edition_publish


def editions_arrange(director):
    """The year's annual report as a draft with its texts, and its first quarter published (when the
    clock is past it; else the draft stands in for both)."""
    year = timezone.localdate().year
    draft = edition_draft_build(kind="annual", year=year, actor=director)
    edition_narrative_update(edition=draft, actor=director, executive_summary="A year of steady work.")
    quarter = edition_draft_build(kind="quarterly", year=year, quarter=1, actor=director)
    published = edition_publish(edition=quarter, actor=director)
    return {"edition": draft, "edition_published": published}
