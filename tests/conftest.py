"""Suite-wide fixtures. The app must never touch the network: sockets fail everywhere."""
from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


class NetworkAccessError(RuntimeError):
    pass


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    """Any attempt to open a network socket fails the test that made it (AF_UNIX stays allowed)."""
    real_socket = socket.socket

    class GuardedSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if family in (socket.AF_INET, socket.AF_INET6) and fileno is None:
                raise NetworkAccessError("Briefbook must not use the network")
            super().__init__(family, type, proto, fileno)

    socket.socket = GuardedSocket
    real_create = socket.create_connection

    def no_connection(*args, **kwargs):
        raise NetworkAccessError("Briefbook must not use the network")

    socket.create_connection = no_connection
    yield
    socket.socket = real_socket
    socket.create_connection = real_create


@pytest.fixture
def lib_path(tmp_path) -> Path:
    return tmp_path / "lib" / "library.json"


@pytest.fixture
def library(lib_path):
    from briefbook.store import Library
    lib = Library.open(lib_path)
    yield lib
    lib.close()


@pytest.fixture
def sample_library(library):
    from briefbook.sample import load_sample
    load_sample(library)
    return library


def run_cli(*args: str, env: dict | None = None, input: str | None = None):
    """Run the real CLI in a subprocess: ``python -m briefbook ARGS``."""
    import subprocess
    full_env = dict(os.environ)
    full_env.pop("BRIEFBOOK_DB", None)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "briefbook", *args], capture_output=True,
                          text=True, env=full_env, input=input, timeout=300)
