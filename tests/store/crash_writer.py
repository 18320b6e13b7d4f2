"""Child process for the crash test: commits forever, printing 'ACK n' after each durable commit.

Usage: python crash_writer.py LIBRARY_PATH
Each commit n saves official 'o<n>' and moves the counter record to n. Compaction is
forced often (small threshold) so kills also land inside snapshot writes and backups.
"""
import sys

from briefbook.model import Official
from briefbook.store import Library


def main() -> None:
    path = sys.argv[1]
    lib = Library.open(path, compact_bytes=16 * 1024)
    counter = lib.get("official:counter")
    n = int(counter.name) if counter else 0
    print("READY", n, flush=True)
    while True:
        n += 1
        with lib.transaction():
            lib.stage(Official(id=f"o{n}", name=f"Official {n}", biography=["x" * 300]))
            lib.stage(Official(id="counter", name=str(n)))
        print("ACK", n, flush=True)


if __name__ == "__main__":
    main()
