"""Talking to mail servers and reading mail; holds no state (the lifecycle decides)."""
