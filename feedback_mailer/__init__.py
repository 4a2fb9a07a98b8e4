"""feedback-mailer: ask politely for interview feedback, follow up once, let it go."""

# Kept as a literal so `--version` needs no importlib.metadata look-up at start-up.
__version__ = "0.1.0"
