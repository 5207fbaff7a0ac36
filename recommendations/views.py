from django.views.generic import DetailView, ListView

from .models import Article, Film, Person, Theme


class HomeView(ListView):
    template_name = "recommendations/home.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):
        return Article.objects.live().for_listing()


class ArticleDetailView(DetailView):
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.live().for_countdown()


class FilmDetailView(DetailView):
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.for_film_page()


class PersonDetailView(DetailView):
    context_object_name = "person"

    def get_queryset(self):
        return Person.objects.for_person_page()


class ThemeDetailView(DetailView):
    context_object_name = "theme"

    def get_queryset(self):
        return Theme.objects.for_theme_page()
