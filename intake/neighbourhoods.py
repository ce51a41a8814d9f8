"""Portland's neighbourhoods, as the public form offers them; public data uses this and the ZIP code.

Values are stored and never renamed once data exists (STYLE.md section 6). Names are proper
names and are not translated; "Not sure" is.
"""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

NOT_SURE = "not_sure"

_NAMES = [
    "Alameda", "Arbor Lodge", "Ardenwald-Johnson Creek", "Argay Terrace", "Arlington Heights", "Arnold Creek",
    "Ashcreek", "Beaumont-Wilshire", "Boise", "Brentwood-Darlington", "Bridgeton", "Bridlemile", "Brooklyn",
    "Buckman", "Cathedral Park", "Centennial", "Collins View", "Concordia", "Creston-Kenilworth", "Crestwood",
    "Cully", "Downtown", "East Columbia", "Eastmoreland", "Eliot", "Far Southwest", "Forest Park", "Foster-Powell",
    "Glenfair", "Goose Hollow", "Grant Park", "Hayden Island", "Hayhurst", "Hazelwood", "Healy Heights",
    "Hillsdale", "Hillside", "Hollywood", "Homestead", "Hosford-Abernethy", "Humboldt", "Irvington", "Kenton",
    "Kerns", "King", "Laurelhurst", "Lents", "Linnton", "Lloyd", "Madison South", "Maplewood", "Markham",
    "Marshall Park", "Mill Park", "Montavilla", "Mt. Scott-Arleta", "Mt. Tabor", "Multnomah", "North Tabor",
    "Northwest District", "Northwest Heights", "Northwest Industrial", "Old Town", "Overlook", "Parkrose",
    "Parkrose Heights", "Pearl District", "Piedmont", "Pleasant Valley", "Portsmouth", "Powellhurst-Gilbert",
    "Reed", "Richmond", "Rose City Park", "Roseway", "Russell", "Sabin", "Sellwood-Moreland", "South Burlingame",
    "South Portland", "South Tabor", "Southwest Hills", "St. Johns", "Sullivan's Gulch", "Sumner", "Sunderland",
    "Sunnyside", "Sylvan-Highlands", "University Park", "Vernon", "West Portland Park", "Wilkes", "Woodland Park",
    "Woodlawn", "Woodstock",
]  # fmt: skip

NEIGHBOURHOOD_CHOICES = [(NOT_SURE, _("Not sure"))] + [
    (slugify(name.replace("'", "")).replace("-", "_"), name) for name in _NAMES
]
