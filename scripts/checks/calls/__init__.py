"""The voice line's acceptance checks (`scripts/acceptance-calls`), grouped by what they
exercise."""
