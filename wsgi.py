"""Entry point for WSGI servers: `gunicorn -w 2 wsgi:app`."""

from timeline import create_app

app = create_app()
