"""The local library store: TinyDB over a crash-safe journal. No Qt."""
from .errors import StoreError
from .journal_storage import CorruptLibraryError, NewerSchemaError
from .library import Library, RecordChangedError, default_library_path
from .lock import LibraryLockedError
from .media import PhotoError
from .unlock import is_encrypted, lock_library, open_library

__all__ = ["CorruptLibraryError", "Library", "LibraryLockedError", "NewerSchemaError",
           "PhotoError", "RecordChangedError", "StoreError", "default_library_path", "is_encrypted", "lock_library",
           "open_library"]
