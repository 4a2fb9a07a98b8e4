"""Real servers for the test suite: TLS material, an aiosmtpd SMTP server, Dovecot IMAP.

Plain modules (no pytest import at module level) so the benchmark can reuse them;
the pytest fixtures live in ``support.fixtures``.
"""
