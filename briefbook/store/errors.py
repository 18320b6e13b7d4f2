"""The store's base error (kept apart so the light codec module can use it)."""


class StoreError(Exception):
    """Base for store failures that deserve a clear message to the user."""
