"""gunicorn settings for `web: gunicorn wsgi:app` (gunicorn reads this file by itself)."""

import multiprocessing
import os
import sys
import tempfile
from pathlib import Path

workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Threads, not one request per process: a client that sends its body slowly holds one thread,
# not a whole worker, so Twilio's requests keep their answers fast. Past WEB_THREADS slow
# clients per process, a buffering proxy in front (README, "Deploying") takes the rest.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS") or 16)
timeout = 30
accesslog = None
control_socket_disable = True  # several web processes may share one host

# /metrics adds up what every worker process measured: they write it under this folder, which
# must be set before a worker imports prometheus_client (here, in the master, it is).
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="hotline-metrics-")
Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)

if (os.environ.get("LOG_FORMAT") or "").strip().lower() == "json":
    # gunicorn's own lines as JSON too, through the same formatter and guard as the app's.
    _stderr = {"class": "logging.StreamHandler", "formatter": "json",
               "filters": ["no_numbers"], "stream": "ext://sys.stderr"}
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "hotline.infra.logs.JsonLines"}},
        "filters": {"no_numbers": {"()": "hotline.infra.logs.NoNumbers"}},
        "handlers": {"stderr": _stderr},
        "root": {"level": os.environ.get("LOG_LEVEL", "INFO"), "handlers": ["stderr"]},
        "loggers": {name: {"level": "INFO", "handlers": ["stderr"], "propagate": False}
                    for name in ("gunicorn.error", "gunicorn.access")},
    }


def on_starting(server):
    """Refuse to start, in one line, when production settings are missing or unsafe."""
    os.environ.setdefault("HOTLINE_ENV", "production")
    from hotline.infra import config

    try:
        config.check(config.from_env())
    except config.ConfigError as error:
        sys.stderr.write(f"hotline: refusing to start: {error}\n")
        sys.exit(1)
    # Measurements of an earlier run are not this run's.
    for stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    """A worker that ended keeps its measurements, but no longer counts as live."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
