"""Domain errors: each carries a message a user can act on, never a traceback."""


class BounceDeskError(Exception):
    """Base of every expected fault; the CLI prints it on one line and exits 2."""


class InputError(BounceDeskError):
    """A path, file or argument the user gave cannot be used."""


class StoreError(BounceDeskError):
    """The local store cannot be opened or is from a newer version."""


class MailError(BounceDeskError):
    """A mail server (IMAP or SMTP) could not be reached or refused us."""


class AuthError(MailError):
    """The server refused the credentials; retrying will not help."""


class SecretStoreError(BounceDeskError):
    """No usable OS keyring, or it refused to store or give a secret."""
