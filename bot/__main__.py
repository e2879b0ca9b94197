"""Command line: `python -m bot check`, `python -m bot lookup <text>`."""
from bot.cli import main

raise SystemExit(main())
