"""How one build runs: the options ``build.py`` hands to the site generator.

They are the orchestration's, not the site's: mkdocs.yml says what the help center is, these
say which language this build is, whether problems stop it, and whether it is a preview.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    # The language this build makes; None: the site's default (its first language).
    language: str | None = None
    # Strict: unknown front matter keys, missing titles and broken links stop the build.
    # Lenient (a folder of Markdown written for another site): they are warnings.
    strict: bool = True
    # Live preview: problems are listed on every page and never stop the preview.
    preview: bool = False
    # Pages rendered one by one when asked for (build.py serve): the links of every page and
    # the search index are left to the preview's background worker (mkdocs/live.py).
    on_demand: bool = False
    # False: a folder of Markdown built alone, in `language` (build.py --docs-dir).
    multilingual: bool = True
    # Validate only: stop once every page is read and every link checked (build.py check).
    check_only: bool = False
    # A folder built with the generator's own (sample) settings: it wears its own name, and
    # none of the sample's contact details, support hours, chat, plans or synonyms.
    own_identity: bool = False
