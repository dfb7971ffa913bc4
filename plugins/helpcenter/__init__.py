"""Help-center generator: turns folders of Markdown articles into a searchable help center.

The modules in this package hold the logic as plain Python (no MkDocs import) so that the
engine can change later; only ``plugin.py`` and ``config.py`` know about MkDocs.
"""
