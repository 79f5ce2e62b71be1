"""One set of list-reading rules per document family, looked up by document kind."""

from __future__ import annotations

from domain.vocabulary import InspectionKind
from importers.families import area_send, ilacs, lac, sif, ucra
from importers.findings import FamilyRules

_BY_KIND: dict[InspectionKind, FamilyRules] = {
    InspectionKind.UCRA_LETTER: ucra.RULES,
    InspectionKind.LAC_INSPECTION: lac.RULES,
    InspectionKind.SIF_INSPECTION: sif.RULES,
    InspectionKind.ILACS_INSPECTION: ilacs.RULES,
    InspectionKind.FOCUSED_VISIT: ilacs.RULES,
    InspectionKind.MONITORING_VISIT: ilacs.RULES,
    InspectionKind.JTAI: ilacs.RULES,
    InspectionKind.AREA_SEND_INSPECTION: area_send.RULES,
}


def rules_for(kind: InspectionKind) -> FamilyRules:
    """The rules for a document kind; unknown kinds get the plain bulleted-list rules."""
    return _BY_KIND.get(kind, ilacs.RULES)
