"""Importing a help center from a hosted help desk (issue 19): plain modules, no MkDocs."""
