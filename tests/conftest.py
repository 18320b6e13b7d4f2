"""Suite-wide fixtures. The app must never touch the network: sockets fail everywhere."""
import socket

import pytest


class _NoNetwork(socket.socket):
    def __init__(self, *args, **kwargs):
        raise OSError("network access is forbidden in Briefbook's tests")


@pytest.fixture(autouse=True, scope="session")
def no_network():
    original = socket.socket
    socket.socket = _NoNetwork
    yield
    socket.socket = original
