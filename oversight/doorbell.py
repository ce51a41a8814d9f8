"""Ringing Celery from a request: the row in PostgreSQL is the truth, the broker only a doorbell
(STACK.md "Trust"). A doorbell that cannot ring (Redis down, a closed pool) is logged and never
reaches the caller, whose committed work stands; a periodic sweep picks up what it would have done."""

import logging

logger = logging.getLogger(__name__)

# One quick retry: a person's request must not wait on a dead broker.
RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def ring(task, *args):
    """Queues ``task(*args)``; True when the broker took it, False (logged) when it did not."""
    try:
        task.apply_async(args, retry=True, retry_policy=RETRY_POLICY)
    except Exception as exc:  # kombu, redis and socket errors alike: none may reach the caller
        logger.warning("%s%r: broker unreachable (%r); the periodic sweep will do it", task.name, args, exc)
        return False
    return True


def ring_many(task, calls):
    """Queues ``task(*args)`` for each args in ``calls`` over one broker connection (a sweep's batch);
    returns how many the broker took. A failure stops the rest, logged: the periodic sweep does them."""
    rung = 0
    try:
        with task.app.producer_or_acquire() as producer:
            for args in calls:
                task.apply_async(args, retry=True, retry_policy=RETRY_POLICY, producer=producer)
                rung += 1
    except Exception as exc:  # as in ring(): none may reach the caller, whose work has committed
        logger.warning(
            "%s: broker unreachable after %s of %s (%r); the periodic sweep will do the rest",
            task.name,
            rung,
            len(calls),
            exc,
        )
    return rung
