"""Stored raw messages: new ones zstd, old zlib ones still readable, damage is a clear error."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from bouncedesk.store.rawcodec import compress_raw, decompress_raw

SAMPLE = (Path(__file__).resolve().parents[1] / "fixtures" / "bounces" / "postfix-dsn-userunknown.eml").read_bytes()


def test_roundtrip_is_exact_and_smaller():
    blob = compress_raw(SAMPLE)
    assert blob[:4] == b"\x28\xb5\x2f\xfd"  # a zstd frame
    assert len(blob) < len(SAMPLE)
    assert decompress_raw(blob) == SAMPLE


def test_blobs_written_by_earlier_versions_with_zlib_still_read():
    assert decompress_raw(zlib.compress(SAMPLE, 1)) == SAMPLE


@pytest.mark.parametrize("blob", [b"", b"not compressed at all", compress_raw(SAMPLE)[:-7]])
def test_damaged_blob_is_a_value_error(blob):
    with pytest.raises(ValueError, match="damaged"):
        decompress_raw(blob)
