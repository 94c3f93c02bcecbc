"""Per-poll ballot keys and sealed ballots (see the threat model in models.py).

A voter's ballot is sealed (libsodium sealed box) to the poll's public key, which is stored on the
poll. The private key lives only in a file under ``settings.POLL_KEY_DIR``, never in the database,
and is destroyed once the close has opened every box.

Plaintexts are padded to one length per poll, so that the ciphertext's length does not tell how
many choices an approval ballot made.
"""

import os
import re
import struct
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

# group id, number of marks; then per mark: subject id, mark code (ASCII, NUL-padded).
_HEADER = struct.Struct(">QH")
_MARK = struct.Struct(">Q8s")


class KeyMissing(Exception):
    """The poll's private key file is not in POLL_KEY_DIR (or is not the poll's key)."""


def key_create() -> bytes:
    """Write a new private key to the key store and return its public key."""
    private = PrivateKey.generate()
    public = bytes(private.public_key)
    directory = _directory()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)  # also when the directory came from an image or an older install
    fd = os.open(_path(public), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(bytes(private))
        file.flush()
        os.fsync(file.fileno())
    return public


def key_load(public: bytes) -> PrivateKey:
    try:
        private = PrivateKey(_path(public).read_bytes())
    except (OSError, ValueError, TypeError) as error:
        raise KeyMissing(_path(public)) from error
    if bytes(private.public_key) != public:
        raise KeyMissing(_path(public))
    return private


def key_destroy(public: bytes) -> None:
    """Overwrite the private key in place, then remove the file."""
    path = _path(public)
    try:
        with open(path, "r+b") as file:
            file.write(os.urandom(max(path.stat().st_size, 32)))
            file.flush()
            os.fsync(file.fileno())
        path.unlink()
    except FileNotFoundError:
        return


def key_publics() -> list[bytes]:
    """The public keys of the private keys in the store."""
    if not _directory().is_dir():
        return []
    names = (path.stem for path in _directory().glob("*.key"))
    return [bytes.fromhex(name) for name in names if re.fullmatch("[0-9a-f]{64}", name)]


def ballot_size(subjects: int) -> int:
    """The padded plaintext length of every ballot of a poll with this many subjects."""
    return _HEADER.size + subjects * _MARK.size


def encode(group_id: int, marks: Iterable[tuple[int, str]], *, size: int) -> bytes:
    marks = sorted(marks)
    body = _HEADER.pack(group_id, len(marks))
    body += b"".join(_MARK.pack(sid, code.encode("ascii")) for sid, code in marks)
    if len(body) > size:
        raise ValueError("ballot longer than the poll's padded size")
    return body.ljust(size, b"\0")


def decode(plaintext: bytes) -> tuple[int, list[tuple[int, str]]]:
    group_id, count = _HEADER.unpack_from(plaintext)
    marks = []
    for n in range(count):
        sid, code = _MARK.unpack_from(plaintext, _HEADER.size + n * _MARK.size)
        marks.append((sid, code.rstrip(b"\0").decode("ascii")))
    return group_id, marks


def seal(public: bytes, plaintext: bytes) -> bytes:
    return SealedBox(PublicKey(public)).encrypt(plaintext)


def unseal(private: PrivateKey, box: bytes) -> bytes:
    try:
        return SealedBox(private).decrypt(bytes(box))
    except CryptoError as error:
        raise KeyMissing("a sealed ballot does not open with the poll's key") from error


def _directory() -> Path:
    return Path(settings.POLL_KEY_DIR)


def _path(public: bytes) -> Path:
    # Named by the public key, not the poll id: ids can be reused (SQLite, a restored database),
    # keys cannot, so a stale file never stands in for a poll's key.
    return _directory() / f"{public.hex()}.key"
