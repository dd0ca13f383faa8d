"""The acceptance scripts' checks, one package per script and one module per group of checks.

`scripts/acceptance` runs `checks.sms`, `scripts/acceptance-calls` runs `checks.calls` and
`scripts/acceptance-checkins` runs `checks.checkins`, `scripts/acceptance-console` runs
`checks.console`; all of them on `scripts.harness`.
"""
