"""The harness `scripts/bench` and the acceptance scripts share, so each holds only its checks.

- `procs`: the venv, the Procfile's processes and HTTP on 127.0.0.1 (standard library only)
- `services`: the throwaway database and Redis db, the settings, the fake Twilio's process
- `stack`: the whole line started for one run (release, roster, web, workers)
- `driving`: signed webhooks in, and what the line sent read back at the fake Twilio
- `report`: the PASS/FAIL line of each check and the run's exit status
- `roster`: the sample roster the runs import
- `twilio_server`, `twilio_resources`: the Twilio-compatible server (the tests use it too)
"""
