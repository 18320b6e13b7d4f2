"""Child process for the encrypted crash tests (killed with SIGKILL at random moments).

Usage: python encryption_crash_child.py writer LIBRARY_PATH
       python encryption_crash_child.py convert LIBRARY_PATH
The passphrase comes from BRIEFBOOK_PASSPHRASE.

``writer`` commits forever to an encrypted library, printing 'ACK n' after each
durable commit; compaction is forced often so kills land inside sealed snapshot
writes and backups too.  ``convert`` encrypts a plain library, printing a line
before every file it writes or deletes, so the parent can kill it at each step.
"""
import os
import sys

from briefbook.model import Official
from briefbook.store import crypto, open_library
from briefbook.store import conversion

# Test-cost key derivation (the parameters are stored in the key file).
crypto.ARGON2_PARAMS = {"iterations": 1, "lanes": 1, "memory_kib": 64}
crypto.SCRYPT_PARAMS = {"n": 2 ** 4, "r": 8, "p": 1}


def writer(path: str, passphrase: str) -> None:
    lib = open_library(path, passphrase)
    lib._storage.compact_bytes = 16 * 1024
    counter = lib.get("official:counter")
    n = int(counter.name) if counter else 0
    print("READY", n, flush=True)
    while True:
        n += 1
        with lib.transaction():
            lib.stage(Official(id=f"o{n}", name=f"Official {n}", biography=["x" * 300]))
            lib.stage(Official(id="counter", name=str(n)))
        print("ACK", n, flush=True)


def convert(path: str, passphrase: str) -> None:
    real_write, real_remove, real_replace = conversion.atomic_write, conversion._remove, os.replace

    def write(target, data):
        print("WRITE", target.name, flush=True)
        real_write(target, data)

    def remove(target):
        print("REMOVE", target.name, flush=True)
        real_remove(target)

    def replace(src, dst):
        print("REPLACE", os.path.basename(dst), flush=True)
        real_replace(src, dst)

    conversion.atomic_write, conversion._remove = write, remove
    conversion.os.replace = replace
    print("READY", flush=True)
    conversion.encrypt_library(path, passphrase)
    print("DONE", flush=True)


if __name__ == "__main__":
    {"writer": writer, "convert": convert}[sys.argv[1]](sys.argv[2], os.environ["BRIEFBOOK_PASSPHRASE"])
