"""The Board's models, one module per part of R3 (issue 9):

- ``panels``: panels, votes, results, the discipline decided (the original core);
- ``seating``: seats, rotation, conflict declarations, recusals;
- ``hearings``: hearings, public notices, packets;
- ``guide``: the statewide discipline guide, discipline proposals and their votes, Loudermill;
- ``appeals``: appeals, grievances, Civil Service Board appeals, arbitration, final outcomes;
- ``reviews``: reviews of closed deadly-force cases (issue 10, R4.5);
- ``leave``: paid administrative leave per case, days and cost (issue 10, R4.6).
- ``preliminary``: a preliminary panel's review of the case-handling decision, its votes, the Director's answer
  (issue 9.3).
- ``time_limits``: complaints lost to time limits, per case (issue 11 section 5).
"""

from .appeals import *  # noqa: F401,F403
from .guide import *  # noqa: F401,F403
from .hearings import *  # noqa: F401,F403
from .leave import *  # noqa: F401,F403
from .panels import DisciplineDecision, Panel, PanelResult, Vote  # noqa: F401
from .preliminary import *  # noqa: F401,F403
from .reviews import *  # noqa: F401,F403
from .seating import *  # noqa: F401,F403
from .time_limits import *  # noqa: F401,F403
