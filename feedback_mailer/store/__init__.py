"""SQLite only: the Store, its records, and the one vocabulary of states.

`database` holds the connection and every SQL statement, `records` what it
hands out, `states` the names of states and the allowed transitions,
`schema` the tables and their migrations.
"""

from feedback_mailer.store.database import Store, open_store
from feedback_mailer.store.records import (
    Event,
    FollowUp,
    NewReflection,
    NewRejection,
    NewRequest,
    Point,
    Reflection,
    Reply,
    Request,
    ScanState,
    StoredMessage,
    StoredRejection,
    ThankYou,
    from_iso,
    iso,
)
from feedback_mailer.store.states import (
    OPEN_STATUSES,
    REQUEST_STATUSES,
    FollowUpStatus,
    ReplyKind,
    Status,
)
from feedback_mailer.store.transaction import Transaction

__all__ = [
    "OPEN_STATUSES",
    "REQUEST_STATUSES",
    "Event",
    "FollowUp",
    "FollowUpStatus",
    "NewReflection",
    "NewRejection",
    "NewRequest",
    "Point",
    "Reflection",
    "Reply",
    "ReplyKind",
    "Request",
    "ScanState",
    "Status",
    "Store",
    "StoredMessage",
    "StoredRejection",
    "ThankYou",
    "Transaction",
    "from_iso",
    "iso",
    "open_store",
]
