"""HTML articles (saved pages, rich pastes) and WordPress exports through the article parser."""

from pathlib import Path

from recommendations.parsing import parse_html, read_wxr

WXR = Path(__file__).parent / "data" / "wxr" / "magazine.xml"


def test_the_page_title_drops_the_site_name():
    html = "<title>Movies Like Heat – Reel Talk</title><h2>2. Thief (1981)</h2><p>a</p><h2>1. Ronin (1998)</h2><p>b</p>"

    parsed = parse_html(html)

    assert (parsed.title, parsed.subject.title, parsed.subject.how) == (
        "Movies Like Heat",
        "Heat",
        "the title says “Movies Like Heat”",
    )


def test_dropped_markup_never_becomes_entries():
    html = """<nav><h2>3. Menu Film (2001)</h2></nav>
<header><h2>4. Header Film (2002)</h2></header>
<script>document.write("<h2>5. Script Film (2003)</h2>")</script>
<style>/* <h2>6. Style Film (2004)</h2> */</style>
<!-- <h2>7. Comment Film (2005)</h2> -->
<form><h2>8. Form Film (2006)</h2></form>
<aside><h2>9. Aside Film (2007)</h2></aside>
<div class="related-posts"><h2>10. Related Film (2008)</h2></div>
<p>Films like Heat.</p>
<h2>2. Thief (1981)</h2><p>Mann.</p>
<h2>1. Ronin (1998)</h2><p>Cars.</p>
<footer><h2>11. Footer Film (2009)</h2></footer>"""

    parsed = parse_html(html)

    assert [(entry.rank, entry.title) for entry in parsed.entries] == [(2, "Thief"), (1, "Ronin")]


def test_ordered_lists_number_entries_as_the_page_shows_them():
    counting_up = parse_html("<p>Movies like Heat</p><ol start='3'><li>Thief (1981)</li><li>Ronin (1998)</li></ol>")
    reversed_list = parse_html("<p>Movies like Heat</p><ol reversed><li>Thief</li><li>Ronin</li><li>Drive</li></ol>")

    assert [(entry.rank, entry.title) for entry in counting_up.entries] == [(3, "Thief"), (4, "Ronin")]
    assert [(entry.rank, entry.title) for entry in reversed_list.entries] == [(3, "Thief"), (2, "Ronin"), (1, "Drive")]


def test_a_rich_paste_keeps_its_headings_bold_lines_and_line_numbers():
    html = (
        "<p>If you enjoyed <i>Zodiac</i>, try these.</p>\n"
        "<p><b>Prisoners (2013)</b></p>\n"
        "<p>A father and a detective.</p>\n"
        "<p><strong>Memories of Murder (2003)</strong> Two detectives and a killer nobody catches in rural Korea.</p>\n"
    )

    parsed = parse_html(html)

    assert [(entry.rank, entry.title, entry.year, entry.line, entry.blurb) for entry in parsed.entries] == [
        (2, "Prisoners", 2013, 2, "A father and a detective."),
        (1, "Memories of Murder", 2003, 4, "Two detectives and a killer nobody catches in rural Korea."),
    ]
    assert (parsed.subject.title, parsed.intro) == ("Zodiac", "If you enjoyed Zodiac, try these.")


def test_h3_films_under_h2_groups_are_the_entries():
    html = """<h1>Movies like Alien</h1><p>Space horror, old and new.</p>
<h2>The classics</h2><h3>The Thing (1982)</h3><p>Antarctica.</p><h3>Event Horizon (1997)</h3><p>Hell.</p>
<h2>The new wave</h2><h3>Life (2017)</h3><p>Mars.</p>"""

    parsed = parse_html(html)

    assert [(entry.rank, entry.title) for entry in parsed.entries] == [
        (3, "The Thing"),
        (2, "Event Horizon"),
        (1, "Life"),
    ]
    assert [(item.text, item.reason) for item in parsed.skipped] == [
        ("The classics", "section heading"),
        ("The new wave", "section heading"),
    ]


def test_images_are_collected_from_the_content():
    html = '<p>Films like Heat</p><h2>Thief (1981)</h2><img src="/a.jpg"><img src="data:image/png;base64,AA"><p>x</p>'

    assert parse_html(html).images == ["/a.jpg"]


def test_a_wordpress_export_reports_every_post():
    report = read_wxr(WXR.read_bytes())

    assert report.summary().splitlines() == [
        "1 of 4 posts look like “movies like X” lists.",
        "Imported: “Movies Like Heat” (about Heat, 3 entries)",
        "Skipped: “Our review of Heat”: no countdown of films found (No entries found. Each film needs a heading "
        "line of its own, such as “6. Escape Plan (2013)” or “Escape Plan (2013)”, followed by its blurb.)",
        "Skipped: “Movies like Alien (draft)”: not a published post (status “draft”)",
        "Skipped: “The best heist films”: no subject found: no “movies like X” or similar phrase in the title or intro",
    ]


def test_an_imported_post_carries_its_date_author_terms_and_images():
    [post] = read_wxr(WXR.read_bytes()).imported
    article = post.article

    assert (post.post_id, post.date, post.author) == ("10", "2019-03-01T10:00:00+00:00", "Jane Doe")
    assert (article.title, article.date, article.author, article.tags) == (
        "Movies Like Heat",
        "2019-03-01",
        "Jane Doe",
        ["Lists", "heist"],
    )
    assert article.images == [
        "https://reeltalk.example/wp-content/uploads/heat-poster.jpg",
        "https://reeltalk.example/wp-content/uploads/thief.jpg",
    ]
    assert article.intro == "If you loved Michael Mann's Heat, these heist films are for you."
    assert [(entry.rank, entry.title, entry.year, entry.blurb) for entry in article.entries] == [
        (3, "Thief", 1981, "James Caan as a safecracker who wants out."),
        (2, "Ronin", 1998, "Car chases through Paris."),
        (1, "Inside Man", 2006, "Spike Lee's bank job."),
    ]
    assert post.as_json()["article"]["entries"][0]["title"] == "Thief"


def test_an_author_without_a_display_name_keeps_the_login_and_pub_date_stands_in_for_gmt():
    export = (
        WXR.read_text(encoding="utf-8")
        .replace("<wp:post_date_gmt><![CDATA[2019-03-01 10:00:00]]></wp:post_date_gmt>", "")
        .replace("<wp:author_display_name><![CDATA[Jane Doe]]></wp:author_display_name>", "")
    )

    [post] = read_wxr(export).imported

    assert (post.author, post.date) == ("jdoe", "2019-03-01T10:00:00+00:00")


def test_a_year_set_apart_from_a_bold_title_is_its_year():
    items = parse_html(
        "<h1>Shows like Succession</h1><p>The Roys are gone.</p><ol reversed>"
        "<li><strong>Dynasty</strong> <span class='years'>1981–1989</span><p>Shoulder pads.</p></li>"
        "<li><strong>The Lion in Winter</strong> <span>1968</span><p>Henry II.</p></li></ol>"
    )
    paragraphs = parse_html(
        "<h1>Shows like Succession</h1><p>The Roys are gone.</p><p><b>Peep Show</b> <small>(2003–2015)</small></p>"
        "<p>Two flatmates.</p><p><b>Veep</b> <small>2012–2019</small></p><p>Washington.</p>"
    )

    assert [(entry.title, entry.year, entry.kind) for entry in items.entries + paragraphs.entries] == [
        ("Dynasty", 1981, "tv"),
        ("The Lion in Winter", 1968, "film"),
        ("Peep Show", 2003, "tv"),
        ("Veep", 2012, "tv"),
    ]


def test_a_breadcrumb_title_and_the_bold_headline_it_was_cut_from():
    html = (
        "<html><head><title>CineFanatic :: Features :: Still Afraid to Go in the Water?</title></head><body>"
        "<table><tr><td><a href='/'>Home</a><br></td><td>"
        "<font size='4'><b>Still Afraid to Go in the Water? Eight Creature Features for Jaws Lovers</b></font><br>"
        "It has been thirty years since Jaws (1975).<br><br><b>2.</b> Piranha (1978)<br>Dante.<br><br>"
        "<b>1.</b> Orca (1977)<br>A whale.</td></tr></table></body></html>"
    )

    parsed = parse_html(html)

    assert parsed.title == "Still Afraid to Go in the Water? Eight Creature Features for Jaws Lovers"
    assert (parsed.subject.title, [entry.title for entry in parsed.entries]) == ("Jaws", ["Piranha", "Orca"])


def test_a_credits_line_with_initials_gives_the_director_and_a_leading_apostrophe_stays():
    html = (
        "<h1>No Country for Old Men, and Then What?</h1><p>A coin toss.</p>"
        "<h2>No. 2 &#8212; Blood Simple, 1984</h2><p><em>Directed by Joel Coen | Starring John Getz, "
        "Frances McDormand, M. Emmet Walsh</em></p><p>A Texas noir.</p>"
        "<h2>No. 1 &#8212; &#8217;71, 2014</h2><p><em>Directed by Yann Demange</em></p><p>Belfast.</p>"
    )

    parsed = parse_html(html)

    assert [(entry.title, entry.year, entry.director, entry.blurb) for entry in parsed.entries] == [
        ("Blood Simple", 1984, "Joel Coen", "A Texas noir."),
        ("’71", 2014, "Yann Demange", "Belfast."),
    ]


def test_notes_under_a_table_naming_its_films_are_their_blurbs():
    html = (
        "<h1>Whiplash, and then?</h1><p>Music films that draw blood.</p><table>"
        "<tr><th>#</th><th>Film</th><th>Year</th></tr><tr><td>1</td><td>Black Swan</td><td>2010</td></tr>"
        "<tr><td>2</td><td>Tár</td><td>2022</td></tr></table><h2>Notes</h2>"
        "<p><strong>Black Swan.</strong> The ballet equivalent, with a monstrous mentor standing by.</p>"
        "<p><strong>Tár.</strong> Cate Blanchett as a conductor at the top of the world.</p>"
    )

    parsed = parse_html(html)

    assert [(entry.title, entry.year, entry.blurb) for entry in parsed.entries] == [
        ("Black Swan", 2010, "The ballet equivalent, with a monstrous mentor standing by."),
        ("Tár", 2022, "Cate Blanchett as a conductor at the top of the world."),
    ]
