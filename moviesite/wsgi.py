import os

from django.core.wsgi import get_wsgi_application

from moviesite.serving import refuse_to_serve_on_the_development_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moviesite.settings")

application = get_wsgi_application()
# Every server, runserver and gunicorn alike, starts here.
refuse_to_serve_on_the_development_key()
