"""The SMS line's acceptance checks (`scripts/acceptance`), grouped by what they exercise."""
