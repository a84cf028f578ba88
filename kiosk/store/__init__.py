from kiosk.store.db import Event, Store

__all__ = ["Event", "Store"]
