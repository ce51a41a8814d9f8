"""{% load participate_comments %}{% comment_section item %}: an item's public comments and the form.

Renders, for any registered commentable (oversight/governance/comments.py): the number of published
comments, each with its date and the name given (or "Anonymous"), and while the item is open the
comment form that posts to ``participate:comment-create``. Two queries: the published comments and,
once per process, the item's content type."""

from django import template

from ..comments import commentable_for, comments_published_for
from ..public_comments import PublicCommentForm

register = template.Library()


@register.inclusion_tag("participate/partials/_comment_section.html", takes_context=True)
def comment_section(context, item, heading_level=2):
    entry = commentable_for(item)
    if entry is None:
        return {"registered": False}
    comments = list(comments_published_for(item))
    is_open = entry.is_open(item)
    return {
        "registered": True,
        "item": item,
        "key": entry.key,
        "comments": comments,
        "count": len(comments),
        "is_open": is_open,
        "form": PublicCommentForm() if is_open else None,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
        "heading_level": heading_level,
    }
