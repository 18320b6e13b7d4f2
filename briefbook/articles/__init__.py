"""Turn a press release or news article into draft library records (no Qt).

    article = read_article("release.html")          # or article_from_text(pasted)
    proposals = propose(library, article, article_date=date(2019, 8, 12))
    ... review: proposal.set_action("skip") / edit proposal.record ...
    apply_import(library, proposals)                 # one atomic commit

Nothing is written before :func:`apply_import`.  Offline and deterministic.
"""
from .apply import ImportPlan, apply_import, apply_plan, plan_import
from .errors import ArticleError
from .extract import ArticleText, article_from_text, read_article
from .importer import propose
from .proposals import (ACTIONS, ArticleProposals, EventProposal, OfficialProposal,
                        PartnershipProposal, Proposal)

__all__ = [
    "ACTIONS", "ArticleError", "ArticleProposals", "ArticleText", "EventProposal", "ImportPlan",
    "OfficialProposal", "PartnershipProposal", "Proposal", "apply_import", "apply_plan",
    "article_from_text", "plan_import", "propose", "read_article",
]
