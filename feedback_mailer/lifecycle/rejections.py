"""Rejection emails: what is recorded when one is found, and what a request
answering one is filled with.

The reader (`mail.rejections`) says what a message is; here it is recorded once
(by its Message-ID, else a hash of its bytes), set aside or taken back, and
turned into the values of a reply in its own thread (README, "Start from the
rejection").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from datetime import datetime, timedelta
from typing import NamedTuple

from feedback_mailer.base.errors import InputError, RefusedError
from feedback_mailer.mail.rejections import Reading, Rejection, read_rejection
from feedback_mailer.store import NewRejection, Store, StoredRejection
from feedback_mailer.store.states import RejectionStatus

# The first scan looks back this far for rejections (later scans see only new mail).
LOOK_BACK = timedelta(days=30)
# A rejection older than this gets a warning in the preview: the moment has passed.
STALE_AFTER = timedelta(days=30)


class Answering(NamedTuple):
    """What a request answering a rejection is filled with."""

    rejection_id: int | None  # None for a file or stdin: nothing recorded
    to: str | None
    name: str | None
    company: str | None
    role: str | None
    language: str
    feedback: str  # Feedback
    feedback_quote: str | None
    nobody: str | None
    subject: str
    references: tuple[str, ...]
    received: datetime | None


def key_of(rejection: Rejection, raw: bytes) -> str:
    return rejection.message_id or "sha256:" + hashlib.sha256(raw).hexdigest()


def record(
    store: Store,
    raw: bytes,
    where: tuple[str | None, int | None, datetime | None],
    own: Collection[str],
    now: datetime,
) -> StoredRejection | None:
    """Record `raw` when it is a rejection not recorded before; the new record, else None."""
    folder, uid, arrived = where
    reading = read_rejection(raw, own=own, received=arrived)
    found = reading.rejection
    if found is None:
        return None
    new = NewRejection(
        message_id=key_of(found, raw),
        received=found.received or arrived,
        company=found.company,
        role=found.role,
        language=found.language,
        contact=found.contact,
        contact_name=found.contact_name,
        feedback=found.feedback.value,
        feedback_quote=found.feedback_quote,
        nobody_reason=found.nobody,
        subject=found.subject,
        references=found.references,
        folder=folder,
        uid=uid,
    )
    with store.transaction() as tx:
        made = tx.insert_rejection(new, now)
    return store.rejection(made) if made is not None else None


def set_status(store: Store, rejection_id: int, status: RejectionStatus, now: datetime) -> bool:
    with store.transaction() as tx:
        return tx.set_rejection_status(rejection_id, status, now)


def from_store(store: Store, rejection_id: int) -> Answering:
    found = store.rejection(rejection_id)
    if found.status == RejectionStatus.DISMISSED:
        raise RefusedError(
            f"Rejection {rejection_id} was dismissed: `feedback-mailer rejections restore "
            f"{rejection_id}` takes it back."
        )
    return Answering(
        found.id,
        found.contact,
        found.contact_name,
        found.company,
        found.role,
        found.language,
        found.feedback,
        found.feedback_quote,
        found.nobody_reason,
        found.subject,
        found.references,
        found.received,
    )


def from_bytes(raw: bytes, own: Collection[str], name: str) -> Answering:
    """A saved message (a file, or piped from a mail client) read as a rejection."""
    reading: Reading = read_rejection(raw, own=own)
    found = reading.rejection
    if found is None:
        why = reading.signals[0] if reading.signals else "it does not read as one"
        raise InputError(
            f"{name} does not read as a rejection ({why}): give --to, --company and the rest "
            "yourself, or check it with `feedback-mailer explain`."
        )
    return Answering(
        None,
        found.contact,
        found.contact_name,
        found.company,
        found.role,
        found.language,
        found.feedback.value,
        found.feedback_quote,
        found.nobody,
        found.subject,
        found.references,
        found.received,
    )


def parse_source(value: str) -> int | None:
    """An id ("12") or None for a file or "-"."""
    return int(value) if re.fullmatch(r"\d{1,9}", value.strip()) else None


def is_stale(answering: Answering, now: datetime) -> bool:
    return answering.received is not None and now - answering.received > STALE_AFTER


def nobody_sentence(answering: Answering) -> str:
    found = answering.nobody or "no address to reply to"
    return (
        f"There is nobody to ask in this rejection ({found}): give the address of a person "
        "with --to."
    )
