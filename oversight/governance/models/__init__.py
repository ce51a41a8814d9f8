"""The Board's governance models, one module per part (R3.1/R3.2 in ``board``; R4 by part, issue 10):

- ``board``: bylaws versions and rules, members, sub-committees, trainings;
- ``documents``: rules, bylaws, policies and procedures in versions, comment periods, urgent adoption;
- ``comments``: public comments on any open item, and their moderation;
- ``recommendations``: policy recommendations to PPB, PPB's answers, Council votes, implementation;
- ``sentinel``: sentinel event reviews, participants, milestones, final reports;
- ``suits``: civil suits against PPB officers;
- ``meetings``: public Board meetings, notices, agendas, minutes;
- ``submissions``: PPB's periodic data submissions against the Board's standard;
- ``feedback``: PPB's feedback to the Board (the annual report's item q).
"""

from .board import *  # noqa: F401,F403
from .board import BODY_DEFAULTS, DEFAULTS  # noqa: F401
from .comments import *  # noqa: F401,F403
from .documents import *  # noqa: F401,F403
from .feedback import *  # noqa: F401,F403
from .meetings import *  # noqa: F401,F403
from .recommendations import *  # noqa: F401,F403
from .sentinel import *  # noqa: F401,F403
from .submissions import *  # noqa: F401,F403
from .suits import *  # noqa: F401,F403
