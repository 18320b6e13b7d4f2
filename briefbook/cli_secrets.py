"""The command line's passphrases, encrypted libraries and protected builds.

Kept out of :mod:`briefbook.cli` so that module stays a plain table of
commands.  A passphrase comes from ``--passphrase-file FILE`` (one trailing
newline is dropped), else ``BRIEFBOOK_PASSPHRASE``, else a prompt when standard
input is a terminal.  Nothing here prints a secret.
"""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from .cli import UserError

PASSPHRASE_ENV = "BRIEFBOOK_PASSPHRASE"
HOW_TO_GIVE = (f"Give it with --passphrase-file FILE or the {PASSPHRASE_ENV} environment "
               "variable.")


def read_secret_file(path: Path, what: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such {what} file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a {what} file") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: the {what} file is not UTF-8 text") from None
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    if not text:
        raise UserError(f"{path}: the {what} file is empty")
    return text


def passphrase(args, *, prompt: str = "Passphrase: ", confirm: bool = False) -> str | None:
    if getattr(args, "passphrase_file", None) is not None:
        return read_secret_file(args.passphrase_file, "passphrase")
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("Repeat it: ") != first:
            raise UserError("the two passphrases differ; nothing was changed")
        return first or None
    return None


def _required(args, path: Path, **kwargs) -> str:
    secret = passphrase(args, **kwargs)
    if secret is None:
        raise UserError(f"The library {path} is encrypted: a passphrase is needed. {HOW_TO_GIVE}")
    return secret


def open_cli_library(args, path: Path, *, read_only: bool):
    from .store import is_encrypted, open_library
    secret = _required(args, path) if is_encrypted(path) else None
    return open_library(path, secret, read_only=read_only)


def library_codec(args, path: Path):
    """The codec for store-level tools (restore-backup): None for a plain library."""
    from .store import is_encrypted
    from .store.conversion import finish_interrupted_conversion
    finish_interrupted_conversion(path)
    if not is_encrypted(path):
        return None
    from .store.crypto import EncryptedCodec
    return EncryptedCodec.unlock(path, _required(args, path))


def build_guarded(args, library, export_book):
    """``build``: refuse a book marked lower than its items; protect the file when asked."""
    from .security.classification_check import ClassificationError, check_export_allowed
    from .security.protect import ProtectError, export_protected

    password = (read_secret_file(args.password_file, "password")
                if getattr(args, "password_file", None) is not None else None)
    book = library.get(f"book:{args.book_id}")
    if book is not None:
        try:
            check_export_allowed(book, library)
        except ClassificationError as exc:
            raise UserError(str(exc)) from None

    def export(out: Path):
        return export_book(library, args.book_id, out, paper=args.paper, draft=args.draft or None)

    if password is None:
        return export(args.output)
    try:
        return export_protected(export, args.output, password)
    except ProtectError as exc:
        raise UserError(str(exc)) from None


def run_encryption_command(args, path: Path) -> str:
    """``encrypt``, ``decrypt`` and ``change-passphrase``; returns the line to print."""
    from .store import is_encrypted
    from .store.conversion import change_passphrase, decrypt_library, encrypt_library

    if args.command == "encrypt":
        secret = passphrase(args, prompt="New passphrase: ", confirm=True)
        if secret is None:
            raise UserError(f"Give the passphrase to set with --passphrase-file FILE or "
                            f"{PASSPHRASE_ENV}.")
        report = encrypt_library(path, secret)
        return (f"Encrypted {path}: {report.summary()}. Keep {path.name}.key with it: without "
                "that file and the passphrase nothing can be read.")
    if not is_encrypted(path):
        raise UserError(f"The library {path} is not encrypted.")
    if args.command == "decrypt":
        report = decrypt_library(path, _required(args, path))
        return f"Decrypted {path}: {report.summary()}."
    old = _required(args, path, prompt="Current passphrase: ")
    new = read_secret_file(args.new_passphrase_file, "new passphrase")
    report = change_passphrase(path, old, new, rekey=args.rekey)
    if report is not None:
        return f"Changed the passphrase of {path} and re-encrypted it: {report.summary()}."
    return f"Changed the passphrase of {path}."
