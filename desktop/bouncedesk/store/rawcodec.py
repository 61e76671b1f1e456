"""How raw messages are kept in the store: compressed, one message per blob, readable alone.

New blobs are zstd (level 1: about five times faster than zlib level 1 on mail text, for the
same size); blobs written by earlier versions are zlib and stay readable, told apart by their
first bytes, so no migration rewrites them.
"""

from __future__ import annotations

import threading
import zlib

import zstandard

_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_local = threading.local()


def compress_raw(data: bytes) -> bytes:
    c = getattr(_local, "compressor", None)
    if c is None:  # zstd (de)compressor objects must not be shared between threads
        c = _local.compressor = zstandard.ZstdCompressor(level=1)
    return c.compress(data)


def decompress_raw(blob: bytes) -> bytes:
    """The original bytes of a stored blob (zstd, or zlib from before); ValueError if damaged."""
    blob = bytes(blob)
    try:
        if blob.startswith(_ZSTD_MAGIC):
            d = getattr(_local, "decompressor", None)
            if d is None:
                d = _local.decompressor = zstandard.ZstdDecompressor()
            return d.decompress(blob)
        return zlib.decompress(blob)
    except (zstandard.ZstdError, zlib.error) as exc:
        raise ValueError(f"stored message is damaged: {exc}") from exc
