"""Scenarios that need a real X server; run by test_gui_xvfb.py under xvfb-run.

    python xvfb_scenarios.py screenshot LIBRARY.json OUT.png
    python xvfb_scenarios.py mouse-drag LIBRARY.json

Each prints one JSON line with what it observed.
"""
import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def build(db):
    from briefbook.app import main_window
    win = main_window(Path(db), preview_delay_ms=10)
    win.resize(1600, 950)
    win.show()
    QTest.qWaitForWindowExposed(win)
    return win


def screenshot(db, out):
    win = build(db)
    win.library_panel.select_ref("official:kung-phoak")
    outline = win.outline_panel
    biographies = outline.model.index(2, 0)
    outline.view.setCurrentIndex(outline.model.index(1, 0, biographies))
    win.preview.refresh_now()
    for _ in range(600):  # up to a minute for the real export to render the preview
        if win.preview.document.pageCount() or win.preview.last_error:
            break
        QTest.qWait(100)
    QTest.qWait(300)
    image = win.grab()
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(out))
    win.act_dark.trigger()  # the dark palette too, beside it
    QTest.qWait(300)
    dark = Path(out).with_name(Path(out).stem + "-dark.png")
    ok = win.grab().save(str(dark)) and ok
    win.act_dark.trigger()
    result = {"saved": ok, "width": image.width(), "height": image.height(),
              "platform": QApplication.platformName(),
              "preview_pages": win.preview.document.pageCount(),
              "preview_message": win.preview.last_error}
    win.close()
    return result


def _drag(source_viewport, start, target_viewport, target):
    """Press on *start*, move past the drag distance, then (inside QDrag.exec's own event
    loop, driven by timers) move over *target* and release there."""
    steps = iter(range(8))

    def tick():
        n = next(steps, None)
        if n is None:
            return
        if n < 6:
            QTest.mouseMove(target_viewport, target + QPoint(0, n % 2))
            QTimer.singleShot(40, tick)
        else:
            QTest.mouseRelease(target_viewport, Qt.LeftButton, Qt.NoModifier, target)

    QTest.mousePress(source_viewport, Qt.LeftButton, Qt.NoModifier, start)
    QTimer.singleShot(40, tick)
    for i in range(1, 6):
        QTest.mouseMove(source_viewport, start + QPoint(12 * i, 4 * i))
    QTest.qWait(400)


def mouse_drag(db):
    """Real drags with Qt's drag manager: a record from the library into the outline, then
    that item from one section into another."""
    win = build(db)
    win.new_book("Mouse trip")
    view = win.library_panel.view
    outline = win.outline_panel.view
    model = win.outline_panel.model
    win.library_panel.select_ref("event:2019-prak-sokhonn-li-keqiang")
    start = view.visualRect(view.currentIndex()).center()
    target = outline.visualRect(model.index(0, 0)).center()
    _drag(view.viewport(), start, outline.viewport(), target)
    after_copy = [[i.ref for i in s.items if not i.is_text] for s in win.session.book.sections]
    win.outline_panel.related.hide()
    outline.expandAll()
    item = model.index(0, 0, model.index(0, 0))
    outline.setCurrentIndex(item)
    start = outline.visualRect(item).center()
    target = outline.visualRect(model.index(2, 0)).center()  # onto "Backgrounds"
    _drag(outline.viewport(), start, outline.viewport(), target)
    after_move = [[i.ref for i in s.items if not i.is_text] for s in win.session.book.sections]
    result = {"after_copy": after_copy, "after_move": after_move,
              "undo": win.undo_stack.count(), "platform": QApplication.platformName()}
    win.close()
    return result


if __name__ == "__main__":
    command, db = sys.argv[1], sys.argv[2]
    from briefbook.app.main import application
    application()
    if command == "screenshot":
        print(json.dumps(screenshot(db, sys.argv[3])))
    else:
        print(json.dumps(mouse_drag(db)))
