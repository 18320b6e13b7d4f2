"""Command line: ``briefbook [--db PATH] COMMAND``; no command opens the app.

Exit status: 0 success, 1 a user error (one line on stderr), 2 bad usage.
This interface is stable: scripts and tests rely on it.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__

KIND_CHOICES = {"officials": "official", "events": "event", "partnerships": "partnership",
                "books": "book"}


class UserError(Exception):
    """Reported as one line on stderr with exit status 1."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbook", description="Build briefing books from a local library.")
    parser.add_argument("--version", action="version", version=f"briefbook {__version__}")
    parser.add_argument("--db", metavar="PATH", type=Path,
                        help="the library's main file (default: BRIEFBOOK_DB or the user data folder)")
    parser.add_argument("--read-only", action="store_true",
                        help="open the library without taking the writer lock")
    parser.add_argument("--passphrase-file", metavar="FILE", type=Path,
                        help="the passphrase of an encrypted library, in FILE (or set "
                             "BRIEFBOOK_PASSPHRASE); for 'encrypt', the passphrase to set")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="merge a pack (.bbpack or pack.json) into the library")
    p.add_argument("pack", type=Path)
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("export-pack", help="write the library (or one book) as a .bbpack")
    p.add_argument("out", type=Path)
    p.add_argument("--book", metavar="ID")

    p = sub.add_parser("list", help="list records of one kind")
    p.add_argument("kind", choices=sorted(KIND_CHOICES))
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("search", help="ranked search over names, titles, tags and text")
    p.add_argument("text")
    p.add_argument("--kind", choices=["official", "event", "partnership", "book"])
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("build", help="export a book as PDF or DOCX")
    p.add_argument("book_id")
    p.add_argument("-o", "--output", type=Path, required=True, help="OUT.pdf or OUT.docx")
    p.add_argument("--paper", choices=["A4", "Letter"])
    p.add_argument("--draft", action="store_true", help="add a DRAFT watermark")
    p.add_argument("--password-file", metavar="FILE", type=Path,
                   help="protect the file with the password in FILE (AES-256)")

    p = sub.add_parser("import-article",
                       help="propose records from an article (.txt, .html, .docx); --apply writes")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print the proposals as JSON")
    p.add_argument("--apply", action="store_true", help="write the proposals (one commit)")
    p.add_argument("--date", metavar="YYYY-MM-DD",
                   help="the article's date, to resolve 'on Sunday' and dates without a year")

    sub.add_parser("sample", help="load the bundled sample library into this library")
    sub.add_parser("restore-backup", help="replace a damaged library with its newest valid backup")

    sub.add_parser("encrypt", help="encrypt the library under the passphrase (--passphrase-file)")
    sub.add_parser("decrypt", help="store an encrypted library unencrypted again")
    p = sub.add_parser("change-passphrase", help="set a new passphrase for an encrypted library")
    p.add_argument("--new-passphrase-file", metavar="FILE", type=Path, required=True)
    p.add_argument("--rekey", action="store_true",
                   help="also re-encrypt everything under a new key (slower)")
    return parser


def _library_path(args) -> Path:
    from .store import default_library_path
    return args.db if args.db is not None else default_library_path()


def _open_library(args, *, read_only: bool | None = None):
    from .cli_secrets import open_cli_library

    if args.db is None:
        from .sample import default_path_on_first_start
        default_path_on_first_start()
    return open_cli_library(args, _library_path(args),
                            read_only=args.read_only if read_only is None else read_only)


def _label(record) -> str:
    return getattr(record, "name", None) or getattr(record, "title", "")


def cmd_import(args) -> int:
    from .packs import import_pack
    with _open_library(args) as library:
        report = import_pack(library, args.pack)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(f"Imported {args.pack}: {report.summary()}")
    return 0


def cmd_export_pack(args) -> int:
    from .packs import export_pack
    with _open_library(args, read_only=True) as library:
        out = export_pack(library, args.out, book_id=args.book)
    print(f"Wrote {out}")
    return 0


def cmd_list(args) -> int:
    kind = KIND_CHOICES[args.kind]
    with _open_library(args, read_only=True) as library:
        records = library.books() if kind == "book" else library.all(kind)
        if args.json:
            print(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=1))
        else:
            for record in records:
                print(f"{record.id}\t{_label(record)}")
    return 0


def cmd_search(args) -> int:
    with _open_library(args, read_only=True) as library:
        hits = library.search(args.text, kinds=[args.kind] if args.kind else None,
                              limit=args.limit)
        rows = []
        for hit in hits:
            record = library.get(hit.ref)
            rows.append({"ref": hit.ref, "kind": hit.kind, "id": hit.record_id,
                         "label": _label(record), "score": hit.score})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(f"{row['ref']}\t{row['label']}")
    return 0


def cmd_build(args) -> int:
    try:
        from .export import ExportError, export_book
    except ImportError as exc:
        raise UserError(f"PDF/DOCX export is not available in this build ({exc})") from None
    suffix = args.output.suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise UserError(f"{args.output}: the output must end in .pdf or .docx")
    from .cli_secrets import build_guarded
    with _open_library(args, read_only=True) as library:
        try:
            result = build_guarded(args, library, export_book)
        except ExportError as exc:
            raise UserError(str(exc)) from None
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.output}")
    return 0


def cmd_import_article(args) -> int:
    from datetime import date

    from .articles import ArticleError, apply_import, plan_import, propose, read_article
    article_date = None
    if args.date:
        try:
            article_date = date.fromisoformat(args.date)
        except ValueError:
            raise UserError(f"--date {args.date!r} is not a date; use YYYY-MM-DD") from None
    try:
        article = read_article(args.file)
        with _open_library(args, read_only=not args.apply) as library:
            proposals = propose(library, article, article_date)
            preview = plan_import(library, proposals)
            plan = apply_import(library, proposals) if args.apply else None
    except ArticleError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps({**proposals.to_dict(), "plan": preview.to_dict(),
                          "applied": plan.to_dict() if plan else None},
                         ensure_ascii=False, indent=1))
        return 0
    event = proposals.event
    if event is not None:
        when = "/".join(d.iso() for d in (event.record.start, event.record.end) if d) or "date?"
        print(f"event\t{event.status}\t{event.record.title} ({when}, "
              f"{event.record.location or 'place?'})")
    for p in proposals.officials:
        print(f"official\t{p.status}\t{p.record.name}\t{p.title}")
    for p in proposals.partnerships:
        print(f"partnership\t{p.status}\t{p.record.name}")
    print(f"source\t{proposals.source.label() or '?'}")
    for p in proposals.all():
        for note in p.notes:
            print(f"note: {p.kind} {p.label}: {note}", file=sys.stderr)
    for note in proposals.source_notes + proposals.warnings:
        print(f"note: {note}", file=sys.stderr)
    print(f"Applied: {plan.summary()}" if plan else
          f"Would write: {preview.summary()}. Nothing written (use --apply to write).")
    return 0


def cmd_sample(args) -> int:
    from .sample import load_sample
    with _open_library(args) as library:
        report = load_sample(library)
    print(f"Loaded the sample library: {report.summary()}")
    return 0


def cmd_restore_backup(args) -> int:
    from .store.recovery import restore_newest_backup
    path = args.db
    if path is None:
        from .store import default_library_path
        path = default_library_path()
    from .cli_secrets import library_codec
    backup = restore_newest_backup(path, library_codec(args, path))
    print(f"Restored {path} from {backup}")
    return 0


def cmd_encryption(args) -> int:
    from .cli_secrets import run_encryption_command
    print(run_encryption_command(args, _library_path(args)))
    return 0


COMMANDS = {"import": cmd_import, "export-pack": cmd_export_pack, "list": cmd_list,
            "search": cmd_search, "build": cmd_build, "sample": cmd_sample,
            "restore-backup": cmd_restore_backup, "encrypt": cmd_encryption,
            "decrypt": cmd_encryption, "change-passphrase": cmd_encryption,
            "import-article": cmd_import_article}


def _pack_to_open(argv: list[str]) -> Path | None:
    """``briefbook FILE.bbpack`` (a double-click on a pack): remove it from *argv*, return it."""
    if argv and argv[-1].lower().endswith(".bbpack") and not argv[-1].startswith("-"):
        if len(argv) == 1 or argv[-2] not in ("--db", "import", "export-pack"):
            return Path(argv.pop())
    return None


def main(argv: list[str] | None = None) -> int:
    from .model import ValidationError
    from .store import PhotoError, StoreError

    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    open_pack = _pack_to_open(argv)
    args = parser.parse_args(argv)
    if args.command is None:
        try:
            from .app.main import run_app
        except ImportError as exc:
            print(f"briefbook: the desktop app could not start ({exc})", file=sys.stderr)
            return 1
        if open_pack is not None:
            return run_app(args.db, read_only=args.read_only, open_pack=open_pack)
        return run_app(args.db, read_only=args.read_only)
    errors = (UserError, StoreError, ValidationError, PhotoError, FileNotFoundError,
              PermissionError, IsADirectoryError)
    try:
        from .packs import PackError
        errors = errors + (PackError,)
        return COMMANDS[args.command](args)
    except errors as exc:
        message = str(exc) or exc.__class__.__name__
        print(f"briefbook: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("briefbook: interrupted", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
