"""The routing engine: triage, rosters and on-call, dispatch decisions and texted commands.

Pure functions over frozen dataclasses. See README.md in this folder.
"""
