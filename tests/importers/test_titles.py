"""The title tells the kind of document, the framework words and, often, the authority."""

from __future__ import annotations

import pytest

from domain.vocabulary import InspectionKind
from importers import parse_text


@pytest.mark.parametrize(
    ("text", "kind", "framework", "authority"),
    [
        (
            "Announced inspection of safeguarding and looked after children services\n"
            "London Borough of Ashby\nInspection dates: 1 – 12 March 2010",
            InspectionKind.LAC_INSPECTION,
            "Announced inspection of safeguarding and looked after children services",
            "London Borough of Ashby",
        ),
        (
            "Unannounced inspection of local authority arrangements for the protection of "
            "children\nAshby County Council\nInspection dates: 4 – 8 March 2013",
            InspectionKind.LAC_INSPECTION,
            "Unannounced inspection of local authority arrangements for the protection of children",
            "Ashby County Council",
        ),
        (
            "Monitoring visit to Ashby children’s services\n\nThis letter summarises the "
            "monitoring visit on 3 and 4 May 2022.",
            InspectionKind.MONITORING_VISIT,
            "Monitoring visit to Ashby children’s services",
            "Ashby",
        ),
        (
            "Joint targeted area inspection of the multi-agency response to\nchildren "
            "living with neglect in Ashby\n\nInspectors visited between 5 and 9 March 2018.",
            InspectionKind.JTAI,
            "Joint targeted area inspection of the multi-agency response to children living "
            "with neglect in Ashby",
            "Ashby",
        ),
        (
            "Re-inspection of services for children in need of help and\nprotection, "
            "children looked after and care leavers\nInspection date: 26 February 2018–22 "
            "March 2018",
            InspectionKind.SIF_INSPECTION,
            "Re-inspection of services for children in need of help and protection, children "
            "looked after and care leavers",
            None,
        ),
    ],
)
def test_title_gives_kind_framework_and_authority(
    text: str, kind: InspectionKind, framework: str, authority: str | None
) -> None:
    document = parse_text(text)
    assert (document.kind, document.framework, document.authority) == (kind, framework, authority)
    assert document.inspection_start is not None
