from .business_days import BusinessCalendar
from .models import CityDay, Deadline


def business_calendar():
    """The calendar in force: Oregon's holidays adjusted by the City's days in the database."""
    closed, opened = {}, {}
    for day in CityDay.objects.all():
        (closed if day.kind == CityDay.Kind.CLOSED else opened)[day.date] = day.name
    return BusinessCalendar(closed=closed, opened=opened)


def deadline_for(obj, rule):
    """The clock of ``rule`` running on obj, or None."""
    from django.contrib.contenttypes.models import ContentType

    return Deadline.objects.filter(
        about_type=ContentType.objects.get_for_model(obj), about_id=obj.pk, rule=rule
    ).first()


def deadline_list_for(objs):
    """Every clock on the given objects of one model, in one query: {obj.pk: [deadline, ...]}."""
    from django.contrib.contenttypes.models import ContentType

    objs = list(objs)
    if not objs:
        return {}
    ct = ContentType.objects.get_for_model(objs[0])
    found = {}
    for deadline in Deadline.objects.filter(about_type=ct, about_id__in=[o.pk for o in objs]):
        found.setdefault(deadline.about_id, []).append(deadline)
    return found
