"""PDF building for the preview in a helper process (no Qt imported here).

reportlab's layout is seconds of pure Python for a long book; in a thread it
would hold the GIL and make every keystroke wait.  The preview therefore
composes the document in a worker thread and hands it to one long-lived helper
process (``python -m briefbook.app.render_child``) that answers with the PDF
bytes.  The two talk over the helper's private stdin/stdout pipes with
length-prefixed frames; what crosses is our own document model (pickled between
our own two processes, nothing from outside).  Nothing is written to disk.
Frozen builds, and any failure of the helper, build in the worker thread instead.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

_HEADER = 8


def _write_frame(stream, payload: bytes) -> None:
    stream.write(len(payload).to_bytes(_HEADER, "big"))
    stream.write(payload)
    stream.flush()


def _read_frame(stream) -> bytes | None:
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        return None
    size = int.from_bytes(header, "big")
    payload = stream.read(size)
    return payload if len(payload) == size else None


def serve(requests, replies) -> None:
    """The helper's loop: (document, theme) in, (ok, pdf bytes or error text) out."""
    from briefbook.export import build_pdf_bytes
    while True:
        payload = _read_frame(requests)
        if payload is None:
            return
        try:
            document, theme = pickle.loads(payload)
            reply = (True, build_pdf_bytes(document, theme))
        except Exception as exc:  # noqa: BLE001 - reported to the app, the helper goes on
            reply = (False, f"{type(exc).__name__}: {exc}")
        _write_frame(replies, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


class HelperError(RuntimeError):
    pass


class ProcessBuilder:
    """``build(document, theme) -> bytes`` in the helper process, else in this one."""

    def __init__(self, use_process: bool | None = None):
        self.use_process = (not getattr(sys, "frozen", False)) if use_process is None \
            else use_process
        self._child: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self.last_mode = ""
        self.closed = False

    def _start(self) -> subprocess.Popen:
        root = str(Path(__file__).resolve().parents[2])  # so a source checkout works too
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        env.pop("QT_QPA_PLATFORM", None)
        return subprocess.Popen([sys.executable, "-m", "briefbook.app.render_child"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def _in_child(self, document, theme) -> bytes:
        if self._child is None or self._child.poll() is not None:
            self._child = self._start()
        child = self._child
        try:
            _write_frame(child.stdin, pickle.dumps((document, theme),
                                                   protocol=pickle.HIGHEST_PROTOCOL))
            payload = _read_frame(child.stdout)
        except (OSError, ValueError) as exc:
            raise HelperError(f"the preview helper stopped ({exc})") from None
        if payload is None:
            raise HelperError("the preview helper stopped")
        ok, result = pickle.loads(payload)
        if not ok:
            raise RuntimeError(result)  # an error in the export itself, as in-process
        return result

    def build(self, document, theme) -> bytes:
        with self._lock:
            if self.closed:
                raise RuntimeError("the preview is closed")
            if self.use_process:
                try:
                    data = self._in_child(document, theme)
                    self.last_mode = "process"
                    return data
                except HelperError:
                    if self.closed:
                        raise RuntimeError("the preview is closed") from None
                    self._stop()
                    self.use_process = False  # build here from now on
        from ..export import build_pdf_bytes
        self.last_mode = "thread"
        return build_pdf_bytes(document, theme)

    def _stop(self) -> None:
        child, self._child = self._child, None
        if child is not None and child.poll() is None:
            child.kill()
            child.wait(5)

    def close(self) -> None:
        """Stop the helper at once (a half-built preview is of no use to anyone)."""
        self.closed = True
        child, self._child = self._child, None
        if child is not None and child.poll() is None:
            child.kill()  # unblocks a worker thread waiting for its answer
            child.wait(5)


def main() -> None:
    # The protocol owns the real stdout; anything the export prints goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    main()
