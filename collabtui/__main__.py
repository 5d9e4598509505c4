"""Allow ``python -m collabtui``."""

from collabtui.cli import main

main()
