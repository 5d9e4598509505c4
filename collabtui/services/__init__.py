"""Application services shared by the CLI and the app.

A service reads what it needs from the store and does one job the way both the
``collab`` commands and the terminal app want it done; neither front end repeats it.
"""
