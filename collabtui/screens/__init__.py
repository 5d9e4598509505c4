"""Full screens, one per playbook template (the dashboard, a project, the board, …).

A screen reads the store off the UI thread (``CollabScreen.read_then``), shows what it
read, and writes through one store call per key. Registers share ``RegisterScreen``;
dialogs live in :mod:`collabtui.dialogs`; a screen opens another by naming it
(``self.go("board", project_id)``, see :mod:`collabtui.screens.router`).
"""
