"""Options of the ``helpcenter`` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class HelpCenterConfig(Config):
    # false: the plugin does nothing (Material's own templates and search are not replaced
    # either: the theme's overrides need the plugin, so leave `custom_dir` out too).
    enabled = opt.Type(bool, default=True)
    # Front matter keys a site adds for its own templates, accepted besides ours.
    extra_front_matter_keys = opt.ListOfItems(opt.Type(str), default=[])
    # Category of the articles that sit at the top of the docs folder, outside any folder.
    root_category_title = opt.Type(str, default="General")
    top_articles = opt.Type(int, default=4)
    related_articles = opt.Type(int, default=5)
    # Languages: every language of the site, the default first, each in its own folder of
    # the docs (docs/en, docs/es), and, per language other than the default, the translations
    # of what mkdocs.yml says (site_name, channels, plans...). Which language a build makes is
    # build.py's business (BuildOptions), not this file's.
    languages = opt.ListOfItems(opt.Type(str), default=[])
    translations = opt.Type(dict, default={})
    # Search: the language of the site's words (stemmer, stop words; default: `language`),
    # and groups of words readers use for the same thing, e.g. [iCal, calendar feed, ics].
    search_language = opt.Optional(opt.Type(str))
    synonyms = opt.ListOfItems(opt.ListOfItems(opt.Type(str)), default=[])
    contact_email = opt.Type(str, default="")
    reply_promise = opt.Type(str, default="We reply within 48 hours.")
    # Support hours, channels, plans and the chat widget (see helpcenter/support.py, chat.py).
    support_hours = opt.Type(dict, default={})
    channels = opt.Type(list, default=[])
    plans = opt.Type(list, default=[])
    chat = opt.Type(dict, default={})
    # The article that explains every support channel, linked from the contact page.
    help_article = opt.Optional(opt.Type(str))
    # Contact form: fields, topics, limits (see helpcenter/contact_form.py), where it posts,
    # and where the build writes its schema for the Netlify function ("" to skip).
    contact_form = opt.Type(dict, default={})
    # "Edit this page" links go to repo_url (GitHub or GitLab) on this branch.
    repo_branch = opt.Type(str, default="main")
    contact_endpoint = opt.Type(str, default="/api/contact")
    # Where votes and search misses go ("" leaves out the feedback box and the counting).
    feedback_endpoint = opt.Type(str, default="/api/feedback")
    insights_endpoint = opt.Type(str, default="/api/search-miss")
    form_schema_file = opt.Type(str, default="netlify/lib/form-schema.json")
    # The articles' URLs per language, for the feedback and search-miss functions.
    site_pages_file = opt.Type(str, default="netlify/lib/site-pages.json")
