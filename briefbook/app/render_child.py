"""PDF building for the preview in a separate process (no Qt imported here).

reportlab's layout is seconds of pure Python for a long book; in a thread it
would hold the GIL and make every keystroke wait.  The preview therefore
composes the document in a worker thread and sends it (plain, picklable
dataclasses) to one long-lived helper process that returns the PDF bytes.
Nothing is written to disk.  Frozen builds and any failure to start the helper
fall back to building in the worker thread.
"""
from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def build_pdf_in_child(document, theme) -> bytes:
    from ..export import build_pdf_bytes
    return build_pdf_bytes(document, theme)


class ProcessBuilder:
    """``build(document, theme) -> bytes`` in a helper process, falling back to in-process."""

    def __init__(self, use_process: bool | None = None):
        # A frozen app must call multiprocessing.freeze_support() in its entry point before
        # helper processes can be spawned safely; until then frozen builds stay in-process.
        self.use_process = (not getattr(sys, "frozen", False)) if use_process is None \
            else use_process
        self._pool: ProcessPoolExecutor | None = None
        self.last_mode = ""
        self.closed = False

    def _pool_or_none(self) -> ProcessPoolExecutor | None:
        if not self.use_process:
            return None
        if self._pool is None:
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            except (OSError, ValueError):
                self.use_process = False
                return None
        return self._pool

    def build(self, document, theme) -> bytes:
        if self.closed:
            raise RuntimeError("the preview is closed")
        pool = self._pool_or_none()
        if pool is not None:
            try:
                data = pool.submit(build_pdf_in_child, document, theme).result()
                self.last_mode = "process"
                return data
            except (BrokenProcessPool, OSError, RuntimeError):
                if self.closed:
                    raise RuntimeError("the preview is closed") from None
                self._pool = None
                self.use_process = False
        from ..export import build_pdf_bytes
        self.last_mode = "thread"
        return build_pdf_bytes(document, theme)

    def close(self) -> None:
        """Stop the helper at once (a half-built preview is of no use to anyone)."""
        self.closed = True
        pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
