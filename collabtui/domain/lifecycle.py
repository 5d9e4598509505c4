"""The status machines of the playbook's records: which status may follow which.

One table per record kind and one check, shared by the store (which refuses a move the
table does not allow) and the screens (which offer only the allowed moves).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from collabtui.domain.enums import ResourceStatus, RiskStatus
from collabtui.domain.errors import ValidationError
from collabtui.i18n import label_value, t


@dataclass(frozen=True)
class Lifecycle:
    """The allowed status moves of one record kind."""

    enum: type[StrEnum]
    moves: dict[StrEnum, frozenset[StrEnum]]
    #: The message key of a refused move (``old`` and ``new`` are its labels).
    refusal: str

    def allows(self, old: str, new: str) -> bool:
        """Whether a record may go from ``old`` to ``new``."""
        return self.enum(new) in self.moves[self.enum(old)]

    def check(self, old: str, new: str) -> None:
        """A :class:`ValidationError` on the ``status`` field unless the move is allowed."""
        if not self.allows(old, new):
            name = self.enum.__name__
            raise ValidationError(
                t(
                    self.refusal,
                    old=label_value(name, self.enum(old).value),
                    new=label_value(name, self.enum(new).value),
                ),
                "status",
            )


_R = ResourceStatus
#: A resource request: approved or rejected, then in place (or back to requested).
RESOURCE = Lifecycle(
    ResourceStatus,
    {
        _R.REQUESTED: frozenset({_R.APPROVED, _R.REJECTED}),
        _R.APPROVED: frozenset({_R.IN_PLACE, _R.REQUESTED}),
        _R.REJECTED: frozenset({_R.REQUESTED}),
        _R.IN_PLACE: frozenset(),
    },
    "resource.err.transition",
)

_S = RiskStatus
#: A risk warning: assessed, mitigated, then closed or materialized (and reopened).
RISK = Lifecycle(
    RiskStatus,
    {
        _S.OPEN: frozenset({_S.ASSESSING, _S.MITIGATING, _S.CLOSED, _S.MATERIALIZED}),
        _S.ASSESSING: frozenset({_S.MITIGATING, _S.CLOSED, _S.MATERIALIZED}),
        _S.MITIGATING: frozenset({_S.CLOSED, _S.MATERIALIZED}),
        _S.CLOSED: frozenset({_S.OPEN}),
        _S.MATERIALIZED: frozenset({_S.OPEN}),
    },
    "risk.err.transition",
)
