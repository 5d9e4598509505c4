"""Dialogs: modal screens that ask for one thing and return a typed result.

Every dialog subclasses :class:`collabtui.dialogs.base.CollabModal` (``ModalScreen[T]``);
forms that edit a record subclass :class:`collabtui.dialogs.forms.RecordForm`. Dialogs
call no store and open no screen: the screen that opens one passes the data and a
``save`` function, and gets the result back.
"""
