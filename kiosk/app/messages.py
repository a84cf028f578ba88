"""Every refusal from the core as a friendly line in the rider's language, with what to do next; the
labels of the core's purposes and occupations."""

from __future__ import annotations

from PySide6.QtCore import QObject

from kiosk.app.language import Language
from kiosk.base.errors import KioskError
from kiosk.core.casework import STATUSES, Category
from kiosk.core.checkins import PURPOSES
from kiosk.core.members import OCCUPATIONS, PLATFORMS


class Refusals(QObject):
    """Translated texts live here (context "Refusals") so the core stays free of Qt."""

    def text(self, error: KioskError) -> str:
        d = error.details
        code = error.code
        if code == "invalid_credential":
            return {
                "malformed": self.tr("This code could not be read. Try again, or enter your phone number."),
                "unknown_key": self.tr("This code is from a station this kiosk does not know. "
                                       "Please enter your phone number."),
                "bad_signature": self.tr("This code is not genuine. Please ask the attendant."),
                "expired": self.tr("Your code has expired. Please ask the attendant for a new one."),
                "revoked": self.tr("This card was reported lost. Please use your new code."),
                "not_yet_valid": self.tr("This code is not valid yet. Please ask the attendant."),
                "voucher": self.tr("This is a voucher, not a membership code: keep it for the service it is for. "
                                   "To check in, scan your membership code or enter your phone number."),
            }.get(d.get("reason", ""), self.tr("This code cannot be used. Please ask the attendant."))
        if code == "invalid_input":
            return {
                "phone": self.tr("Please enter an 11-digit mobile number starting with 1."),
                "name": self.tr("Please enter your name (up to 20 characters)."),
                "pin": self.tr("A PIN is 6 to 8 digits."),
                "station_name": self.tr("The station name must be 1 to 40 characters."),
                "config": self.tr("That setting is not allowed here."),
                "hub_url": self.tr("The hub address must start with http:// or https://."),
                "station_history": self.tr("This station already has its own records: only a fresh station "
                                           "can be enrolled (see 'kiosk repair')."),
                "folder": self.tr("That folder cannot be found. Is the USB stick in?"),
                "reply_file": self.tr("There is no reply from the union office (*.reply) in that folder."),
                "category": self.tr("Please choose what you need help with."),
                "id_number": self.tr("This ID card number is not valid. Please check it."),
                "answer": self.tr("Please check your answers: one is missing or not valid."),
                "session": self.tr("Please choose a session."),
                "description": self.tr("Please keep it to 500 characters."),
                "consent": self.tr("To be called back, agree that the union's caseworker may have your number."),
                "hub_box": self.tr("This station is not linked to the union office, so it cannot take help "
                                   "requests. Please call the union's hotline 12351."),
            }.get(d.get("field", ""), self.tr("Please check what you entered and try again."))
        if code == "limit_reached":
            if d.get("period") == "request":
                return self.tr("Only %1 more can be handed out now.").replace("%1", str(d.get("limit")))
            if d.get("resets_on"):
                return self.tr("You have had your share. Available again on %1.").replace("%1", d["resets_on"])
            return self.tr("You have had your share for this campaign.")
        if code == "outside_hours":
            return self.tr("This is handed out from %1 to %2. Please come back then.").replace(
                "%1", d.get("opens_at", "")).replace("%2", d.get("closes_at", ""))
        if code == "campaign_not_active":
            return self.tr("This campaign runs from %1 to %2.").replace("%1", d.get("starts_on", "")).replace(
                "%2", d.get("ends_on", ""))
        if code == "not_eligible":
            if d.get("rule") == "union_member":
                return self.tr("This is for union members. Join the union at the desk to receive it.")
            return self.tr("This is for other occupations. Please ask the attendant.")
        if code == "wrong_pin":
            return self.tr("Wrong PIN. %n try(s) left.", "", d.get("remaining", 0))
        if code == "locked":
            return self.tr("Too many wrong PINs. Please wait %n second(s).", "", d.get("wait_s", 0))
        if code == "store_error":
            if d.get("cause") == "disk_full":
                return self.tr("The kiosk's storage is full: nothing was saved. Please call the technician.")
            return self.tr("The kiosk's database has a problem: nothing was saved. Please call the technician.")
        if code == "printer_error" and d.get("reason") == "none":
            return self.tr("No receipt printer is set up at this station.")
        simple = {
            "unknown_member": self.tr("We could not find you. Please register, or ask the attendant."),
            "member_inactive": self.tr("Your membership is not active. Please ask the attendant."),
            "already_registered": self.tr("This phone number is already registered. Please check in instead."),
            "consent_required": self.tr("Please agree to the privacy notice to register."),
            "unknown_item": self.tr("This item is not available here."),
            "attendant_required": self.tr("Please ask the attendant for this item."),
            "out_of_stock": self.tr("Sorry, this is out of stock here. Please ask the attendant."),
            "unknown_handout": self.tr("That handout was not found."),
            "already_voided": self.tr("That handout was already voided."),
            "unknown_activity": self.tr("That activity was not found."),
            "activity_closed": self.tr("This activity is not open for sign-in now."),
            "programme_closed": self.tr("This sign-up is closed."),
            "programme_full": self.tr("Sorry, this is full here, with no waiting list."),
            "already_signed_up": self.tr("You have already signed up for this."),
            "unknown_attendant": self.tr("Please sign in as an attendant first."),
            "not_permitted": self.tr("Only a technician may open this."),
            "printer_error": self.tr("The receipt printer did not print. Check the paper and the cable, "
                                     "then try again."),
            "sync_failed": self.tr("Sync failed: %1").replace("%1", error.message),
        }
        return simple.get(code, self.tr("Sorry, that did not work. Please ask the attendant."))


class Labels(QObject):
    """The screens' names for the core's keys (context "Labels"): every key the core knows has one."""

    def purposes(self) -> list[dict[str, str]]:
        labels = {"rest": self.tr("Rest"), "water": self.tr("Drink water"), "charging": self.tr("Charge my phone"),
                  "meal_heating": self.tr("Heat a meal"), "restroom": self.tr("Restroom"),
                  "legal_help": self.tr("Rights and legal help"), "activity": self.tr("An activity or training")}
        return [{"key": key, "label": labels[key]} for key in PURPOSES]

    def occupations(self) -> list[dict[str, str]]:
        labels = {"delivery_rider": self.tr("Delivery rider"), "courier": self.tr("Courier"),
                  "ride_hailing_driver": self.tr("Ride-hailing driver"), "truck_driver": self.tr("Truck driver"),
                  "other": self.tr("Other")}
        return [{"key": key, "label": labels[key]} for key in OCCUPATIONS]

    def platforms(self) -> list[dict[str, str]]:
        """The platforms offered, kept under their Chinese names (as the roster has them), shown in the
        language showing."""
        labels = {"美团": self.tr("Meituan"), "饿了么": self.tr("Ele.me"), "顺丰": self.tr("SF Express"),
                  "京东": self.tr("JD Logistics"), "滴滴出行": self.tr("DiDi"), "货拉拉": self.tr("Lalamove"),
                  "闪送": self.tr("Shansong")}
        return [{"key": key, "label": labels[key]} for key in PLATFORMS]

    @staticmethod
    def help_categories(language: Language, categories: list[Category], offered: bool = False) -> list[dict[str, str]]:
        """What a request may be about, named as the union office named it in the language showing
        (``offered``: only those offered to riders now)."""
        return [{"key": c.key, "label": language.pick(c.label_zh, c.label_en)} for c in categories
                if c.active or not offered]

    def help_status(self, status: str) -> str:
        labels = {"new": self.tr("received, waiting for a caseworker"), "contacted": self.tr("contacted"),
                  "in_progress": self.tr("being handled"),
                  "referred_legal_aid": self.tr("passed to legal aid"),
                  "referred_labour_inspection": self.tr("passed to the labour inspectors"),
                  "referred_platform": self.tr("taken up with the platform"), "resolved": self.tr("resolved"),
                  "closed": self.tr("closed")}
        assert set(labels) == set(STATUSES)
        return labels.get(status, status)
