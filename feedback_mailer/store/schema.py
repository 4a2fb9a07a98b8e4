"""The database schema and its forward migrations (`PRAGMA user_version`)."""

from __future__ import annotations

from feedback_mailer.store.states import (
    FOLLOW_UP_STATUSES,
    MESSAGE_KINDS,
    POINT_KINDS,
    REJECTION_FEEDBACK,
    REJECTION_STATUSES,
    REPLY_KINDS,
    REQUEST_STATUSES,
    THANK_YOU_STATUSES,
    sql_list,
)

_SCHEMA_V1 = f"""
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    company TEXT NOT NULL,
    role TEXT,
    contact_name TEXT,
    contact_email TEXT NOT NULL,
    template TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({sql_list(REQUEST_STATUSES)})),
    status_reason TEXT,
    created_at TEXT NOT NULL,
    attempt_at TEXT,
    sent_at TEXT,
    message_id TEXT NOT NULL UNIQUE,
    replied_at TEXT,
    reply_from TEXT,
    reply_excerpt TEXT,
    recipient_tz TEXT NOT NULL,
    interview_date TEXT
);
CREATE INDEX requests_by_status ON requests (status);
CREATE INDEX requests_by_contact ON requests (contact_email COLLATE NOCASE, status);

CREATE TABLE follow_ups (
    request_id INTEGER PRIMARY KEY REFERENCES requests (id),
    status TEXT NOT NULL CHECK (status IN ({sql_list(FOLLOW_UP_STATUSES)})),
    due_at TEXT,
    sent_at TEXT,
    message_id TEXT UNIQUE,
    reason TEXT,
    template TEXT NOT NULL DEFAULT 'follow_up',
    claimed_at TEXT
);
CREATE INDEX follow_ups_due ON follow_ups (status, due_at);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL CHECK (kind IN ('request','follow_up')),
    message_id TEXT NOT NULL UNIQUE,
    raw BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX messages_by_request ON messages (request_id);

CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL CHECK (kind IN ({sql_list(REPLY_KINDS)})),
    key TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid INTEGER,
    message_id TEXT,
    from_addr TEXT,
    date TEXT,
    subject TEXT,
    excerpt TEXT,
    detail TEXT NOT NULL DEFAULT '{{}}',
    found_at TEXT NOT NULL,
    UNIQUE (request_id, key)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER REFERENCES requests (id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{{}}'
);
CREATE INDEX events_by_request ON events (request_id, id);
-- Append-only: history may grow, never change.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE scan_state (
    folder TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
"""

# Version 2: a follow-up can be held (a possible answer, an unreadable message, a
# missed send time) without losing its due time, and replies know more kinds.
_SCHEMA_V2 = f"""
ALTER TABLE follow_ups ADD COLUMN hold TEXT;
CREATE TABLE replies_v2 (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL CHECK (kind IN ({sql_list(REPLY_KINDS)})),
    key TEXT NOT NULL,
    folder TEXT NOT NULL,
    uid INTEGER,
    message_id TEXT,
    from_addr TEXT,
    date TEXT,
    subject TEXT,
    excerpt TEXT,
    detail TEXT NOT NULL DEFAULT '{{}}',
    found_at TEXT NOT NULL,
    UNIQUE (request_id, key)
);
INSERT INTO replies_v2 SELECT * FROM replies;
DROP TABLE replies;
ALTER TABLE replies_v2 RENAME TO replies
"""

# Version 3: after the answer (issue 15). A request has a language; an answer's text
# is kept (`replies.body`) so its feedback can be quoted; a thank-you is a third kind
# of message we send, once, with its own state; reflection notes, their points and
# their tags live beside the requests (a note may have no request at all).
_SCHEMA_V3 = f"""
ALTER TABLE requests ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
CREATE INDEX requests_by_reply ON requests (replied_at);
ALTER TABLE replies ADD COLUMN body TEXT;
CREATE TABLE messages_v3 (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL CHECK (kind IN ({sql_list(MESSAGE_KINDS)})),
    message_id TEXT NOT NULL UNIQUE,
    raw BLOB NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO messages_v3 (id, request_id, kind, message_id, raw, created_at)
    SELECT id, request_id, kind, message_id, raw, created_at FROM messages;
DROP TABLE messages;
ALTER TABLE messages_v3 RENAME TO messages;
CREATE INDEX messages_by_request ON messages (request_id);

CREATE TABLE thank_yous (
    request_id INTEGER PRIMARY KEY REFERENCES requests (id),
    status TEXT NOT NULL CHECK (status IN ({sql_list(THANK_YOU_STATUSES)})),
    message_id TEXT UNIQUE,
    in_reply_to TEXT,
    recipient TEXT,
    attempt_at TEXT,
    sent_at TEXT,
    reason TEXT
);

CREATE TABLE reflections (
    id INTEGER PRIMARY KEY,
    request_id INTEGER UNIQUE REFERENCES requests (id),
    company TEXT NOT NULL,
    role TEXT,
    interview_date TEXT,
    feedback TEXT,
    notes TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE reflection_points (
    id INTEGER PRIMARY KEY,
    reflection_id INTEGER NOT NULL REFERENCES reflections (id),
    kind TEXT NOT NULL CHECK (kind IN ({sql_list(POINT_KINDS)})),
    position INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX reflection_points_by_reflection ON reflection_points (reflection_id, kind, position);
CREATE TABLE point_tags (
    point_id INTEGER NOT NULL REFERENCES reflection_points (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (point_id, tag)
);
CREATE INDEX point_tags_by_tag ON point_tags (tag)
"""

# Version 4: rejection emails found in the inbox (issue 20). What was read from each is
# kept, never its body; `message_id` is its Message-ID (else a hash of its bytes), so
# each is recorded once; `request_id` is the request that answers it, set in the
# transaction that records that request.
_SCHEMA_V4 = f"""
CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    received TEXT,
    company TEXT,
    role TEXT,
    language TEXT NOT NULL,
    contact TEXT,
    contact_name TEXT,
    feedback TEXT NOT NULL CHECK (feedback IN ({sql_list(REJECTION_FEEDBACK)})),
    feedback_quote TEXT,
    nobody_reason TEXT,
    subject TEXT NOT NULL,
    thread_references TEXT NOT NULL DEFAULT '',
    folder TEXT,
    uid INTEGER,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ({sql_list(REJECTION_STATUSES)})),
    request_id INTEGER REFERENCES requests (id),
    found_at TEXT NOT NULL
);
CREATE INDEX rejections_by_received ON rejections (status, received);
CREATE INDEX rejections_by_request ON rejections (request_id)
"""

# Version 5: how the request addressed the contact (`send --greet`), so that the
# follow-up and the thank-you greet as it did, in every language. NULL: no --greet
# (the template's own choice, read back from the stored message's first line).
_SCHEMA_V5 = """
ALTER TABLE requests ADD COLUMN greet TEXT
"""

# MIGRATIONS[n] takes a database from user_version n to n + 1.
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3, _SCHEMA_V4, _SCHEMA_V5)
SCHEMA_VERSION = len(MIGRATIONS)
