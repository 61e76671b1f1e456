"""Acting on recipients — the one API the CLI and the GUI call: retry, suppress, pause, contact,
undo (`actions`), re-sending our own copy (`resend`), trusting bounces (`review`), corrections."""
