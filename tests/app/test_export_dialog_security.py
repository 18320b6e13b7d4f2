"""Export dialog: password-protected output and the classification confirmation."""
import pypdf
import pytest
from PySide6.QtCore import Qt

from briefbook.app.main import ask_passphrase_if_encrypted, unlocked_main_window


def test_export_with_a_password_gives_a_protected_pdf(qtbot, tmp_path, window):
    tmp_path = tmp_path / "out"
    dialog = window.show_export()
    dialog.folder.setText(str(tmp_path))
    dialog.set_format("pdf")
    dialog.password.setText("correct horse battery")
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=120000)
    out = tmp_path / "asean-china-som-2024.pdf"
    reader = pypdf.PdfReader(out)
    assert reader.is_encrypted
    assert not reader.decrypt("wrong password")
    assert reader.decrypt("correct horse battery")
    assert "ASEAN" in reader.pages[0].extract_text()
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no unprotected copy left


def test_book_marked_lower_than_an_item_needs_confirmation(qtbot, tmp_path, window):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    official = window.library.get("official:sun-weidong")
    official.classification = "SECRET"
    window.library.put(official)  # the sample book is marked RESTRICTED
    dialog = window.show_export()
    dialog.folder.setText(str(tmp_path))
    dialog.set_format("pdf")
    asked = []
    dialog.confirm_classification = lambda message: asked.append(message) or False
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    assert asked and "SUN Weidong" in asked[0]
    assert not dialog.running and not list(tmp_path.iterdir())
    dialog.confirm_classification = lambda message: True
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=120000)
    assert (tmp_path / "asean-china-som-2024.pdf").exists()


def test_unlock_asks_for_the_passphrase_of_an_encrypted_library(qtbot, tmp_path):
    from briefbook.store.conversion import encrypt_library
    from briefbook.store.crypto import WrongPassphraseError
    from briefbook.sample import load_sample
    from briefbook.store import Library
    path = tmp_path / "secret" / "library.json"
    with Library.open(path) as library:
        load_sample(library)
    encrypt_library(path, "a long passphrase")
    assert ask_passphrase_if_encrypted(tmp_path / "none.json", prompt=pytest.fail) is None
    prompts = []
    passphrase = ask_passphrase_if_encrypted(path, prompt=lambda m: prompts.append(m) or "wrong one!")
    assert "encrypted" in prompts[0]
    window = unlocked_main_window(path, False, passphrase,
                                  prompt=lambda m: prompts.append(m) or "a long passphrase")
    qtbot.addWidget(window)
    assert len(prompts) == 2  # asked again once after the wrong passphrase
    assert window.library.exists("official:kung-phoak")
    window.close()
    with pytest.raises(WrongPassphraseError):
        unlocked_main_window(path, False, "nope nope", prompt=lambda m: "still wrong")


def test_lock_closes_an_encrypted_library_and_idle_lock_fires(qtbot, tmp_path, isolated_settings):
    from briefbook.app.main import main_window
    from briefbook.sample import load_sample
    from briefbook.store import Library
    from briefbook.store.conversion import encrypt_library
    path = tmp_path / "secret" / "library.json"
    with Library.open(path) as library:
        load_sample(library)
    encrypt_library(path, "a long passphrase")
    window = main_window(path, passphrase="a long passphrase", preview_delay_ms=50)
    window.quiet = True
    qtbot.addWidget(window)
    window.show()
    assert window.act_lock.isEnabled()
    library = window.library
    with qtbot.waitSignal(window.locker.locked, timeout=5000):
        window.act_lock.trigger()
    assert library._storage is None  # closed: keys dropped, nothing left open
    assert not window.isVisible()
    # The idle timer locks by itself.
    again = main_window(path, passphrase="a long passphrase", preview_delay_ms=50)
    again.quiet = True
    qtbot.addWidget(again)
    again.show()
    again.locker.timer.setInterval(50)
    again.locker.timer.start()
    with qtbot.waitSignal(again.locker.locked, timeout=5000):
        pass
    assert again.library._storage is None


def test_plain_library_has_nothing_to_lock(window):
    assert not window.act_lock.isEnabled()
    assert window.locker.lock() is False
    assert window.isVisible()
