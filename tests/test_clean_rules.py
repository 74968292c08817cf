"""The cleaner's rules on small hand-written texts: each kind of noise goes with its reason, and
sentences that merely look like noise stay."""

from __future__ import annotations

import re

import pytest

from newsfuse.clean import clean_article, clean_text
from newsfuse.types import Article

BEFORE = "Heavy rain flooded the lower town on Wednesday, and about 3,000 people left their homes."
AFTER = "The regional governor said the government would pay for the repairs to the bridge."


def around(*lines: str) -> str:
    """A small article: a story paragraph, the lines under test, another story paragraph."""
    return "\n\n".join([BEFORE, "\n".join(lines), AFTER])


@pytest.mark.parametrize(("line", "reason"), [
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Reading Time:2 minutes", "reading-time"),
    ("5 min read", "reading-time"),
    ("Why you can trust SCMP", "trust-badge"),
    ("Select Voice", "player-widget"),
    ("Listen to this article", "player-widget"),
    ("250 WPM", "player-widget"),
    ("Share this article", "share-widget"),
    ("Share on Facebook", "share-widget"),
    ("Skip to content", "navigation"),
    ("Home > World > Europe", "navigation"),
    ("We use cookies to improve your experience. By continuing to browse, you agree to our cookie policy.",
     "cookie-banner"),
    ("Accept all cookies", "cookie-banner"),
    ("Subscribe to our newsletter for the latest updates", "subscribe-prompt"),
    ("Read more: Floods hit the northern towns", "related-links"),
    ("Related", "related-links"),
    ("(c) 2023 the Asia News Network", "copyright"),
    ("© 2024 Lowmere Herald. All rights reserved.", "copyright"),
    ("Distributed by Tribune Content Agency, LLC.", "distribution"),
    ("This article was originally published by Futurism.", "distribution"),
    ("___", "separator"),
    ("* * *", "separator"),
    ("By Anna Petrovic", "byline"),
    ("By ANNA PETROVIC and Jonas Reed, Reuters", "byline"),
    ("Fahad Shabbir (@FahadShabbir) Published February 22, 2023 | 11:40 AM", "byline"),
    ("Published March 14, 2024 | 9:15 AM", "dateline-header"),
    ("Saturday, January 8, 2005", "dateline-header"),
    ("Rescue workers carry a resident through Quay Street, March 13, 2024 (Photo: Jonas Reed/Herald)", "caption"),
    ("The minister, second from left, arrives for the talks in Tokyo (Reuters)", "caption"),
    ("FILE - In this Jan. 5, 2019 file photo, a man walks past the ministry in Tokyo.", "caption"),
    ("Image: Francis Tyers.", "caption"),
])
def test_noise_line_is_removed_with_reason(line: str, reason: str) -> None:
    cleaned = clean_text(around(line))
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    assert [(r.text, r.reason) for r in cleaned.removed] == [(line, reason)]
    assert cleaned.removed[0].line == 3


@pytest.mark.parametrize("sentence", [
    "By Tuesday, the water had receded from most of the town.",
    "NASA (National Aeronautics and Space Administration) Administrator Bill Nelson said the launch would go ahead.",
    "The company said it would stop using third-party cookies on its website next year.",
    "Copyright law was at the centre of the dispute, lawyers said.",
    "Distributed by hand, the leaflets urged residents to leave before dark.",
    "Share prices fell 3% on Tuesday.",
    "Print media revenue declined sharply last year.",
    "Related talks will continue in March.",
    "Read more about the plan on the ministry's website.",
    "Fast food chains closed their shops near the river.",
    "The report was first published by the Associated Press (AP).",
    "Home prices in the valley rose 4% last year, the land registry said.",
    "Aug. 2 -- DTE Energy Music Theatre, Clarkston, MI",
    "Die elektronische Patientenakte (ePA)",
    "Tokyo Olympics (2021) Organisers said the games made a loss.",
    "US — China trade talks resumed on Monday.",
    "Japan (Reuters reported) is ready to talk.",
])
def test_sentence_that_looks_like_noise_is_kept(sentence: str) -> None:
    cleaned = clean_text(around(sentence))
    assert sentence in cleaned.text
    assert cleaned.removed == []


def test_foreign_cookie_banner_after_a_close_button_is_removed() -> None:
    text = around("X", "Wir verwenden Cookies, um Inhalte und Anzeigen zu personalisieren und die Zugriffe "
                       "auf unsere Website zu analysieren.")
    cleaned = clean_text(text)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    assert [(r.text[:3], r.reason, r.detail) for r in cleaned.removed] == [
        ("X", "cookie-banner", ""), ("Wir", "cookie-banner", "de")]


def test_foreign_paragraph_is_removed_with_its_language() -> None:
    spanish = "El gobierno regional anunció nuevas medidas para las familias afectadas por las inundaciones."
    cleaned = clean_text(around(spanish))
    assert spanish not in cleaned.text
    assert [(r.reason, r.detail) for r in cleaned.removed] == [("foreign-language", "es")]


def test_article_in_another_language_keeps_its_text() -> None:
    german = ("Der Fluss trat am Mittwoch über die Ufer, und etwa dreitausend Menschen mussten ihre Häuser "
              "verlassen.\n\nDie Regierung hat den Notstand ausgerufen und will die Reparaturen bezahlen.\n\n"
              "Datenschutz war in der Debatte über die Warn-App ein wichtiges Thema.")
    cleaned = clean_text(german)
    assert cleaned.language == "de"
    assert cleaned.text == german and cleaned.removed == []


def test_player_buttons_next_to_the_player_are_removed_but_not_across_a_blank_line() -> None:
    text = "\n".join([BEFORE, "", "Select Voice", "Slow", "Average", "Fast", "", "What comes next", AFTER])
    cleaned = clean_text(text)
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("Select Voice", "player-widget"), ("Slow", "player-widget"), ("Average", "player-widget"),
        ("Fast", "player-widget")]
    assert "What comes next" in cleaned.text


def test_title_is_taken_from_the_first_line_and_not_recorded() -> None:
    cleaned = clean_text(f"Flood kills 14 in Estwick\n{BEFORE}\n{AFTER}")
    assert cleaned.title == "Flood kills 14 in Estwick"
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}" and cleaned.removed == []


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    cleaned = clean_text(f"{BEFORE}\n{AFTER}")
    assert cleaned.title == "" and cleaned.text == f"{BEFORE}\n\n{AFTER}"


def test_known_title_repeated_at_the_top_is_dropped() -> None:
    cleaned = clean_text(f"Flood kills 14 in Estwick\n\n{BEFORE}", title="Flood Kills 14 in Estwick")
    assert cleaned.title == "Flood Kills 14 in Estwick"
    assert cleaned.text == BEFORE
    assert [(r.reason, r.detail) for r in cleaned.removed] == [("title", "repeats the title")]


@pytest.mark.parametrize(("line", "prefix"), [
    ("MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023) Japan and China met.", "MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023)"),
    ("WASHINGTON (AP) — Japan and China met.", "WASHINGTON (AP)"),
    ("NEW YORK, Feb 22 (Reuters) - Japan and China met.", "NEW YORK, Feb 22 (Reuters)"),
    ("TOKYO — Japan and China met.", "TOKYO"),
    ("ESTWICK, March 14 (NWS) — Japan and China met.", "ESTWICK, March 14 (NWS)"),
])
def test_dateline_prefix_is_stripped_and_the_sentence_kept(line: str, prefix: str) -> None:
    cleaned = clean_text(f"{line}\n\n{AFTER}")
    assert cleaned.text == f"Japan and China met.\n\n{AFTER}"
    assert [(r.text, r.reason, r.detail) for r in cleaned.removed] == [(prefix, "dateline-header", "dateline")]


def test_dateline_is_only_looked_for_at_the_top() -> None:
    late = "TOKYO — Japan and China met."
    cleaned = clean_text("\n\n".join([BEFORE, AFTER, "The talks ended late.", late]))
    assert late in cleaned.text


def test_repeated_paragraph_is_removed_and_first_kept() -> None:
    text = "\n\n".join([f"{BEFORE} {AFTER}", "Officials met on Thursday to count the damage.", BEFORE, AFTER])
    cleaned = clean_text(text)
    assert cleaned.text == f"{BEFORE} {AFTER}\n\nOfficials met on Thursday to count the damage."
    assert [(r.reason, r.line, r.detail) for r in cleaned.removed] == [
        ("repeated-paragraph", 5, "first at line 1"), ("repeated-paragraph", 7, "first at line 1")]


def test_a_paragraph_made_of_earlier_sentences_of_two_paragraphs_is_a_repeat_and_a_new_word_is_not() -> None:
    # The rule splits a paragraph only when every word of it was given before: sentences given in two
    # earlier paragraphs still make a repeat, named after the first; one word more, and it is news.
    moved = "Officials met on Thursday to count the damage."
    text = "\n\n".join([BEFORE, f"{moved} The bridge stays shut.", f"{AFTER} {moved}", f"{BEFORE} {moved}",
                        f"{BEFORE} {moved} Schools reopen Monday."])
    cleaned = clean_text(text)
    assert [(r.reason, r.line, r.detail) for r in cleaned.removed] == [("repeated-paragraph", 7, "first at line 1")]
    assert cleaned.text.endswith("Schools reopen Monday.")


def test_short_repeated_lines_are_not_counted_as_repeated_paragraphs() -> None:
    text = "\n\n".join([BEFORE, "He declined.", AFTER, "He declined."])
    assert clean_text(text).text.count("He declined.") == 2


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = ("The river rose almost four metres in six hours after two days of heavy\n"
               "rain across the hills, and about 3,000 people spent the night in schools\n"
               "and sports halls while the fire service searched the lower streets for\n"
               "anyone left behind.\n\n"
               "The mayor said two firefighters were among the dead and that the bridge\n"
               "over the river had partly collapsed shortly before midnight on Wednesday.\n")
    cleaned = clean_text(wrapped)
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 2 and "\n" not in cleaned.text.replace("\n\n", "")
    assert paragraphs[0].startswith("The river rose") and paragraphs[0].endswith("anyone left behind.")


def test_bullets_are_kept_without_their_marker_and_lines_become_paragraphs() -> None:
    cleaned = clean_text(f"Talks resume after four years\n- Sun Weidong takes aim at Tokyo\n-\n{BEFORE}")
    assert cleaned.text == f"Sun Weidong takes aim at Tokyo\n\n{BEFORE}"
    assert [(r.text, r.reason) for r in cleaned.removed] == [("-", "separator")]


def test_invisible_characters_and_odd_spaces_are_normalised() -> None:
    cleaned = clean_text("The\u00a0river\u200b rose\t\tfast.\r\n\r\nIt fell\u00ad again.")
    assert cleaned.text == "The river rose fast.\n\nIt fell again."


def test_cleaning_twice_changes_nothing() -> None:
    raw = around("Advertisement", "Select Voice") + "\n\n© 2024 Lowmere Herald"
    once = clean_text(f"Flood kills 14 in Estwick\n{raw}")
    twice = clean_text(once.text, once.title)
    assert twice.text == once.text and twice.removed == []


def test_clean_article_returns_a_new_article_and_keeps_earlier_removals() -> None:
    article = Article(id="a", text=around("Advertisement"), outlet="Herald", language="en")
    cleaned = clean_article(article)
    assert cleaned is not article and article.text.count("Advertisement") == 1
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}" and cleaned.outlet == "Herald" and cleaned.language == "en"
    assert [r.reason for r in cleaned.removed] == ["advertisement"]


def test_text_that_is_all_noise_cleans_to_nothing() -> None:
    cleaned = clean_text("Advertisement\nShare this article\n© 2024 Lowmere Herald")
    assert cleaned.text == "" and len(cleaned.removed) == 3


def test_boilerplate_phrase_run_into_a_story_paragraph_is_cut_and_the_story_kept() -> None:
    text = ("Please enable JavaScript to watch this video All Los Angeles schools will reopen on Wednesday, "
            "officials said. Breaking News Emails Get breaking news alerts and special reports. The threat was "
            "not credible.")
    cleaned = clean_text(text)
    assert cleaned.text == "All Los Angeles schools will reopen on Wednesday, officials said. The threat was not credible."
    assert [(r.reason, r.detail) for r in cleaned.removed] == [("navigation", "site notice"),
                                                               ("subscribe-prompt", "")]


@pytest.mark.parametrize(("text", "held"), [
    ("MEDIA PLAYBACK IS UNSUPPORTED ON YOUR DEVICE The minister resigned.", True),
    ("The minister resigned. Please Enable JavaScript To Watch This Video", True),
    ("İstanbul: Image copyright AFP image caption The bridge was closed.", True),  # "İ" lower-cases to two characters
    ("İstanbul: the bridge was closed for repairs on Monday.", False),
    ("The minister resigned on Monday, his office said.", False),
])
def test_boilerplate_test_on_lower_case_agrees_with_the_ignore_case_pattern(text: str, held: bool) -> None:
    from newsfuse.clean.patterns import ANY_BOILERPLATE, has_boilerplate

    assert has_boilerplate(text) is held
    assert (ANY_BOILERPLATE.search(text) is not None) is held


@pytest.mark.parametrize(("text", "story", "reason"), [
    # BBC, CNN, the Guardian, NBC, USA Today, the Mirror and the NYT, as Multi-News scraped them.
    ("Image copyright AFP image caption Joseph Kony is wanted on war crimes charges.",
     "Joseph Kony is wanted on war crimes charges.", "caption"),
    ("Media caption Rescuers will take no risks in freeing the boys.",
     "Rescuers will take no risks in freeing the boys.", "caption"),
    ("Story highlights All death row convicts will be executed by mid-September, the president says.",
     "All death row convicts will be executed by mid-September, the president says.", "navigation"),
    ("This article is over 3 years old The publisher says he will answer questions from readers.",
     "The publisher says he will answer questions from readers.", "navigation"),
    ("Play Facebook Twitter Google Plus Embed A British Airways pilot reported that a drone struck his plane.",
     "A British Airways pilot reported that a drone struck his plane.", "player-widget"),
    ("Close Get email notifications on Ryan Murphy daily! The council voted on Tuesday.",
     "The council voted on Tuesday.", "subscribe-prompt"),
    ("Get daily updates directly to your inbox + Subscribe Thank you for subscribing! Could not subscribe, try "
     "again later Invalid Email A forklift driver was hurt.", "A forklift driver was hurt.", "subscribe-prompt"),
    ("Photo Advertisement Continue reading the main story The district attorney said on Friday he would act.",
     "The district attorney said on Friday he would act.", "advertisement"),
])
def test_page_furniture_run_into_the_lead_is_cut(text: str, story: str, reason: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == story
    assert [r.reason for r in cleaned.removed] == [reason]


def test_furniture_words_inside_a_sentence_of_news_stay() -> None:
    story = "She read the social media caption aloud. Her story highlights the problem of old articles."
    assert clean_text(story).text == story and not clean_text(story).removed


def test_paragraph_of_embed_text_only_goes_whole() -> None:
    embed = ("Tweet with a location You can add location information to your Tweets, such as your city or precise "
             "location, from the web and via third-party applications. You always have the option to delete your "
             "Tweet location history. Learn more")
    cleaned = clean_text(around(embed))
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}"
    assert [(r.reason, r.detail) for r in cleaned.removed] == [("share-widget", "embedded post")]


def test_web_archive_and_paywall_wrappers_leave_nothing_behind() -> None:
    # What crawls of the Wayback Machine and metered local sites leave in place of a story: each
    # text is all wrapper, and must clean to nothing, not to a last sentence that looks like news.
    wrappers = [
        "These crawls are part of an effort to archive pages as they are created and archive the pages that they "
        "refer to. That way, as the pages that are referenced are changed or taken from the web, a link to the "
        "version that was live when the page was written will be preserved. Then the Internet Archive hopes that "
        "references to these archived pages will be put in place of a link that would be otherwise be broken, or "
        "a companion link to allow people to find the original intent of the author. The goal is to fix all "
        "broken links on the web.",
        "The goal is to fix all broken links on the web.",
        "then the internet archive hopes that references to these archived pages will be put in place of a link "
        "that would be otherwise be broken, or a",
        "Thank you for reading. Please purchase a subscription to continue reading. A subscription is required "
        "to continue reading. Thank you for reading 10 free articles on roanoke.com.",
        "Our site may be experiencing technical difficulties, or we may be working to enhance this feature. "
        "Please click the link below to try another feature.",
    ]
    for text in wrappers:
        cleaned = clean_text(text)
        assert cleaned.text == "", text
        assert {r.reason for r in cleaned.removed} <= {"navigation", "subscribe-prompt"}
    story = "The goal is to fix all broken links on the web, the project's founder said on Tuesday."
    assert clean_text(story).text == story  # the phrase inside a sentence of news is news


def test_script_and_function_word_shares_count_what_they_say() -> None:
    # The cleaner's cheap tests before a language model call, counted in C; each against its definition.
    from newsfuse import lang

    for text in ["Hello wörld", "Привет мир hi", "", "123 456", "İstanbul çok güzel", "مرحبا hello",
                 "ǅ ɐ Ω", "Die Polizei sagte, der Zug sei entgleist.", "THE Talks And the TALKS of it"]:
        letters = [c for c in text if c.isalpha()]
        assert lang.latin_share(text) == (sum(c < "\u0250" for c in letters) / len(letters) if letters else 1.0)
        words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
        expected = sum(w in {"the", "and", "of", "it"} for w in words) / len(words) if words else 0.0
        assert lang.english_share(text) == expected
    assert lang.latin_share("Привет мир hi") == 2 / 11
    assert lang.english_share("THE Talks And the TALKS of it") == 5 / 7
