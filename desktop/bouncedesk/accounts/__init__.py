"""Mail accounts: the registry in the store and keyring (`registry`), OAuth sign-in (`signin`)."""
