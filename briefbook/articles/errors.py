"""The one error the article importer raises for bad input."""
from __future__ import annotations


class ArticleError(ValueError):
    """An article file or text that cannot be imported; the message is one clear line."""
