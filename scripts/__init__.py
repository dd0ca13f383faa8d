"""The repository's scripts as a package, so their shared code imports as `scripts.harness`.

The test suite imports the Twilio-compatible server from here too (`scripts.harness`); nothing
under scripts/ imports from tests/.
"""
