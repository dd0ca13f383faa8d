"""The hotline's shell around the `routing` engine: web, queue, database and Twilio.

The app factory is `hotline.app.create_app`; `hotline/README.md` draws the map of the folders
and the rules that keep imports going one way.
"""
