"""Config, credentials, paths and the answers of `init`."""
