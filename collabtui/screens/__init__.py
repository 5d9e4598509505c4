"""One module per template screen; modal dialogs subclass ``ModalScreen[T]``."""
