"""Results told (R3.9, 35A.050 A.3): the one place a Board result reaches the filer and the officer.

Contract for issue 9 (filled by the appeals part): every part calls ``result_tell`` inside the
transaction that records a result; it logs the notices (delivered after commit) and the filer's
status page shows the result from then on.
"""


class ResultEvent:
    FINDINGS = "findings"  # a hearings panel's results, or "no finding adopted" and what follows
    DISCIPLINE = "discipline"  # discipline adopted by a panel (proposed, before Loudermill)
    LOUDERMILL = "loudermill"  # the Loudermill outcome: imposed, modified or withdrawn
    APPEAL = "appeal"  # an appeals panel's decision (or an appeal refused as late)
    FINAL_OUTCOME = "final_outcome"  # a grievance, Civil Service Board or arbitration outcome


def result_tell(*, case, event, actor, about=None):
    """Tells the filer (in their language, by the channel they chose) and each officer concerned of a
    result on ``case``; ``about`` is the row that holds it (a panel, a decision, an appeal ...)."""
    return []
