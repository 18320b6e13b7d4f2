"""Hostile text through the real CLI build: printed literally, never executed, never fetched.

User text must never reach reportlab's paragraph markup unescaped, and no
``<img>``/link may be built from it (CVE-2023-33733: code execution through
``[[[...]]]`` in markup attributes; CVE-2020-28463: ``<img src=URL>`` fetches
the URL).  The library is filled through ``briefbook import`` with a pack of
hostile strings, built to PDF and DOCX with ``briefbook build``, and then:

* a file the CVE-2023-33733 payload would create does not exist;
* a local socket the ``<img>``/``<a>`` URLs point at received no connection;
* a local file an ``<img src=file:...>`` names is not embedded;
* every hostile string appears literally in the PDF (pdftotext) and the DOCX;
* the PDF has no JavaScript/Launch actions and no link to a non-web URL.
"""
from __future__ import annotations

import json
import re
import shutil
import _socket
import subprocess
from pathlib import Path

import pytest

from briefbook.cli import main


def _export_available() -> bool:
    try:
        from briefbook.export import export_book  # noqa: F401
    except ImportError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not _export_available(),
    reason="briefbook.export.export_book is not on this branch yet (the export helper writes "
           "it); the lead runs this test after merging")


def cve_2023_33733(marker: Path) -> str:
    """The published reportlab sandbox escape, aimed at creating *marker*."""
    return ("<para><font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch "
            f"{marker}') for Word in [ orgTypeFun( 'Word', (str,), {{ 'mutated': 1, "
            "'startswith': lambda self, x: 1 == 0, '__eq__': lambda self, x: self.mutate() and "
            "self.mutated < 0 and str(self) == x, 'mutate': lambda self: { setattr(self, "
            "'mutated', self.mutated - 1) }, '__hash__': lambda self: hash(str(self)), }, ) ] ] "
            "for orgTypeFun in [type(type(1))] ] and 'red'\">exploit</font></para>")


def hostile_strings(port: int, marker: Path, secret_file: Path) -> list[str]:
    return [
        "<b>not bold</b> <i>not italic</i> <u>x</u> <strike>y</strike> <br/> </para>",
        f'<img src="http://127.0.0.1:{port}/cve-2020-28463.png" width="50" height="50"/>',
        f'<img src="{secret_file}" width="20" height="20"/> and <img src="file://{secret_file}"/>',
        f'<a href="http://127.0.0.1:{port}/link">a link</a> <link href="javascript:alert(1)">j</link>',
        "[[[__import__('os').system('echo pwned')]]] and [[[ 7*7 ]]]",
        "AT&T & Co; &amp; &lt;tag&gt; &#60; &nbsp; &bogus; &",
        '<font face="../../../../etc/passwd" color="red" size="99">font</font>',
        '<unichar name="LATIN SMALL LETTER A"/> <seq id="x"/> <onDraw name="x" label="y"/>',
        "<para autoLeading='max'> unclosed <b> tags <i> everywhere",
        "{{7*7}} ${7*7} %(name)s %s {0} \\n \\x00 '; DROP TABLE officials; --",
        cve_2023_33733(marker),
    ]


@pytest.fixture
def trap(tmp_path):
    """A local listening socket the hostile URLs point at.

    Made with the C-level ``_socket`` so it works under a suite-wide guard that
    makes ``socket.socket`` refuse network sockets (that guard would also turn
    any fetch by the exporter into an error, which fails the build below).
    """
    server = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _pack(strings: list[str], port: int) -> dict:
    bio = list(strings)
    official = {"id": "hostile-person", "name": strings[0][:60], "native_name": "<b>名</b>",
                "honorific": "&", "country": "<i>X</i>", "biography": bio,
                "positions": [{"title": strings[4][:80], "organization": strings[5],
                               "start": "2020"}],
                "sources": [{"title": strings[1][:90], "publisher": "<b>P</b>",
                             "url": "javascript:alert(document.cookie)", "date": "2021"},
                            {"title": "file source", "url": f"file://{Path('/etc/passwd')}"},
                            {"title": "web source", "url": f"http://127.0.0.1:{port}/source"}]}
    event = {"id": "hostile-event", "title": "Meeting <b>&</b> [[[1]]]", "kind": "bilateral meeting",
             "start": "2024-05-09", "location": strings[2][:100],
             "participants": ["hostile-person"], "objectives": strings[:4],
             "summary": "\n".join(strings), "outcomes": strings[4:]}
    partnership = {"id": "hostile-pact", "name": "Pact <i>&amp;</i>", "summary": strings[-1],
                   "milestones": [{"date": "2020", "text": s} for s in strings[:3]]}
    book = {"id": "hostile-book", "title": "Book <b>title</b> & [[[x]]]",
            "subtitle": strings[1][:100], "delegation": strings[5], "destination": "<br/>",
            "start": "2024-05-09", "classification": "", "sections": [
                {"title": "Section <i>one</i> &", "items": [
                    {"ref": "official:hostile-person"}, {"ref": "event:hostile-event"},
                    {"ref": "partnership:hostile-pact"},
                    {"title": "Points <b>&</b>", "kind": "points", "text": "\n".join(strings)},
                    {"title": strings[6][:80], "kind": "note", "text": strings[-1]}]}]}
    return {"format": "briefbook-pack", "version": 1, "officials": [official],
            "events": [event], "partnerships": [partnership], "books": [book]}


def _normal(text: str) -> str:
    """Compare characters, not layout: line wrapping adds/drops spaces, pdftotext joins a
    line ending in '-' with the next (dropping the '-'), and zero-width marks may appear."""
    text = re.sub(r"[\s\u200b\u00ad\ufeff-]+", "", text)
    return text.casefold()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_hostile_text_prints_literally_and_nothing_runs_or_is_fetched(tmp_path, trap, capsys):
    import docx
    import pypdf

    port = trap.getsockname()[1]
    marker = tmp_path / "PWNED"
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n" + b"SECRET-LOCAL-FILE" * 10)
    strings = hostile_strings(port, marker, secret)
    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps(_pack(strings, port), ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "lib" / "library.json"
    assert main(["--db", str(db), "import", str(pack)]) == 0, capsys.readouterr().err

    pdf, docx_path = tmp_path / "book.pdf", tmp_path / "book.docx"
    for out in (pdf, docx_path):
        code = main(["--db", str(db), "build", "hostile-book", "-o", str(out)])
        assert code == 0, capsys.readouterr().err

    assert not marker.exists(), "the CVE-2023-33733 payload ran"
    with pytest.raises(BlockingIOError):
        trap._accept()                     # nothing connected to the URLs in the text
    assert b"SECRET-LOCAL-FILE" not in pdf.read_bytes()

    text = _normal(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout)
    document = docx.Document(str(docx_path))
    docx_text = _normal(" ".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for row in t.rows for c in row.cells]))
    for hostile in strings:
        needle = _normal(hostile)
        assert needle in text, f"PDF lost or altered: {hostile[:70]!r}"
        assert needle in docx_text, f"DOCX lost or altered: {hostile[:70]!r}"

    raw = pdf.read_bytes()
    assert b"/JavaScript" not in raw and b"/Launch" not in raw
    reader = pypdf.PdfReader(str(pdf))
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            uri = str(action.get_object().get("/URI", "")) if action else ""
            assert not re.match(r"(?i)\s*(javascript|file|data|vbscript):", uri), uri
    for rel in document.part.rels.values():
        if rel.is_external:
            assert not re.match(r"(?i)\s*(javascript|file|data|vbscript):", rel.target_ref)
