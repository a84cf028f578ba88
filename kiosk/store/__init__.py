from kiosk.store.db import Event, Store, open_store

__all__ = ["Event", "Store", "open_store"]
