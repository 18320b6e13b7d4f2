"""The local library store: TinyDB over a crash-safe journal. No Qt."""
from .journal_storage import CorruptLibraryError, NewerSchemaError, StoreError
from .library import Library, default_library_path
from .lock import LibraryLockedError
from .media import PhotoError

__all__ = ["CorruptLibraryError", "Library", "LibraryLockedError", "NewerSchemaError",
           "PhotoError", "StoreError", "default_library_path"]
