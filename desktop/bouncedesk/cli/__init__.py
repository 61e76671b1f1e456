"""The command line: `main` parses arguments; one module per group of commands; `common` holds
what they share (opening the store, secrets, tables on a terminal)."""
