"""One set of list-reading rules per document family, looked up by document kind."""

from __future__ import annotations

from importers.families import area_send, ilacs, lac, sif, ucra
from importers.findings import FamilyRules

_BY_KIND: dict[str, FamilyRules] = {
    "ucra-letter": ucra.RULES,
    "lac-inspection": lac.RULES,
    "sif-inspection": sif.RULES,
    "ilacs-inspection": ilacs.RULES,
    "focused-visit": ilacs.RULES,
    "monitoring-visit": ilacs.RULES,
    "jtai": ilacs.RULES,
    "area-send-inspection": area_send.RULES,
}


def rules_for(kind: str) -> FamilyRules:
    """The rules for a document kind; unknown kinds get the plain bulleted-list rules."""
    return _BY_KIND.get(kind, ilacs.RULES)
