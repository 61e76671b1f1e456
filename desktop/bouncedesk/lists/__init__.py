"""Address lists in and out: exports, mailing tools' suppression formats, checking a list."""
