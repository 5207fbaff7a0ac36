import os

from django.core.asgi import get_asgi_application

from moviesite.serving import refuse_to_serve_on_the_development_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moviesite.settings")

application = get_asgi_application()
# Every server, runserver and gunicorn alike, starts here.
refuse_to_serve_on_the_development_key()
