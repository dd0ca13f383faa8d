"""The check-ins' and privacy acceptance checks (`scripts/acceptance-checkins`), grouped by
what they exercise."""
