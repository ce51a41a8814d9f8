"""Later stages add their part of the staff case page here, so intake never imports them."""

_SECTIONS = []


def register_case_section(order, builder):
    """builder(request, case) returns {"template": ..., **context} or None to show nothing."""
    _SECTIONS.append((order, builder))
    _SECTIONS.sort(key=lambda item: item[0])


def case_sections(request, case):
    return [section for _order, builder in _SECTIONS if (section := builder(request, case))]
