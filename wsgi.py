"""The WSGI entry point: `gunicorn wsgi:app`."""

from hotline.app import create_app

app = create_app()
