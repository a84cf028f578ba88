"""Station Kiosk: check-ins, handouts and membership codes at union service stations."""

__version__ = "0.1.0"
