"""Taking mail in: files and IMAP folders (`sources`, `poller`) → parse and classify (`analysis`,
`parsepool`) → store and apply the policy (`ingest`); `reparse` reads stored mail again."""
