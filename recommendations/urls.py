from django.urls import path

from . import browse, feeds, views

app_name = "recommendations"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("lists/", browse.ArticleListView.as_view(), name="article_list"),
    path("lists/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("preview/<str:token>/", views.ArticlePreviewView.as_view(), name="article_preview"),
    path("films/", browse.FilmListView.as_view(), name="film_list"),
    path("films/<slug:slug>/", views.FilmDetailView.as_view(), name="film_detail"),
    path("people/", browse.PersonListView.as_view(), name="person_list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("authors/<slug:slug>/", browse.AuthorDetailView.as_view(), name="author_detail"),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path("tags/", browse.TagListView.as_view(), name="tag_list"),
    path("tags/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", feeds.NewListsFeed(), name="feed"),
    path("feed/atom/", feeds.NewListsAtomFeed(), name="feed_atom"),
    path("themes/<slug:slug>/feed/", feeds.ThemeListsFeed(), name="theme_feed"),
    path("themes/<slug:slug>/feed/atom/", feeds.ThemeListsAtomFeed(), name="theme_feed_atom"),
    path("people/<slug:slug>/feed/", feeds.PersonListsFeed(), name="person_feed"),
    path("people/<slug:slug>/feed/atom/", feeds.PersonListsAtomFeed(), name="person_feed_atom"),
]
