"""Every decision and state change of a request and its one follow-up.

`drafts` prepares a request, `delivery` sends it at most once, `follow_ups`
times and sends the one follow-up, `scanning` and `replies` decide what a
message in the mailbox means for a request, `marks` records what the person
says, `closing` lets unanswered requests go, `recovery` settles interrupted
sends, and `run` is what `check` and `run` do, in order. `outcomes` holds the
status changes all of them use. Nothing else changes a request's state.
"""
