"""The subcommands, one module per area, imported only when used (see cli.LAZY_COMMANDS)."""
