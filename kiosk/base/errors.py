"""Refusals the screens and the command line explain to a person, kept apart from bugs.

Every refusal is a ``KioskError`` subclass with a stable ``code`` (the screen picks its translated
text by it), an English one-line ``message`` (the command line prints it) and ``details`` that a
screen needs to say what to do next (when a limit resets, how many PIN tries remain...).
"""

from __future__ import annotations

from typing import Any


class KioskError(Exception):
    """A known refusal or environment problem; nothing was changed."""

    code = "error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(KioskError):
    code = "invalid_input"


class UnknownMember(KioskError):
    code = "unknown_member"


class MemberInactive(KioskError):
    code = "member_inactive"


class AlreadyRegistered(KioskError):
    code = "already_registered"


class ConsentRequired(KioskError):
    code = "consent_required"


class UnknownItem(KioskError):
    code = "unknown_item"


class CampaignNotActive(KioskError):
    code = "campaign_not_active"


class OutsideHours(KioskError):
    code = "outside_hours"


class NotEligible(KioskError):
    code = "not_eligible"


class AttendantRequired(KioskError):
    code = "attendant_required"


class LimitReached(KioskError):
    code = "limit_reached"


class OutOfStock(KioskError):
    code = "out_of_stock"


class UnknownHandout(KioskError):
    code = "unknown_handout"


class AlreadyVoided(KioskError):
    code = "already_voided"


class UnknownActivity(KioskError):
    code = "unknown_activity"


class ActivityClosed(KioskError):
    code = "activity_closed"


class UnknownAttendant(KioskError):
    code = "unknown_attendant"


class WrongPin(KioskError):
    code = "wrong_pin"


class Locked(KioskError):
    code = "locked"


class NotPermitted(KioskError):
    code = "not_permitted"


class InvalidCredential(KioskError):
    """A QR payload that must not be accepted; ``reason`` says why."""

    code = "invalid_credential"

    def __init__(self, reason: str, message: str, **details: Any) -> None:
        super().__init__(message, reason=reason, **details)
        self.reason = reason


class StoreError(KioskError):
    """The station database cannot do its job: disk full, locked, corrupt or too new."""

    code = "store_error"


class ProgrammeClosed(KioskError):
    code = "programme_closed"


class ProgrammeFull(KioskError):
    code = "programme_full"


class AlreadySignedUp(KioskError):
    code = "already_signed_up"
