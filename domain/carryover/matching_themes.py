"""How the carry-over matcher reads Ofsted wording: words and stems, stop words, terms, themes."""

import re
from functools import lru_cache
from typing import NamedTuple

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
CROSS_REFERENCE = re.compile(
    r"\((?:pages?|paragraphs?|principle|outcome|enabler)\b[^)]*\)", re.IGNORECASE
)


# Words whose stem would meet an unrelated word: children who go "missing" against "miss" lessons.
_UNSTEMMED = frozenset({"missing"})


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Light suffix stripping so that 'assessments', 'assessed' and 'assessment' meet."""
    if len(word) <= 3 or word.isdigit() or word in _UNSTEMMED:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, replacement, keep in (
        ("iness", "y", 3),
        ("ysis", "ys", 3),
        ("ive", "", 5),
        ("ations", "", 4),
        ("ation", "", 4),
        ("ency", "ent", 4),
        ("ments", "", 6),
        ("ment", "", 6),
        ("ness", "", 4),
        ("ing", "", 3),
        ("ed", "", 4),
        ("ly", "", 5),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "sl":
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


class Token(NamedTuple):
    """A word as read: its spelling, its stem, and whether it was written in capitals."""

    word: str  # lower case, without a possessive 's
    stem: str
    in_capitals: bool


def read_tokens(text: str) -> list[Token]:
    """The words in reading order, leaving out cross-references such as '(page 13)'."""
    found = []
    for raw in TOKEN_PATTERN.findall(CROSS_REFERENCE.sub(" ", text)):
        word = raw.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        elif word.endswith("'"):
            word = word[:-1]
        found.append(Token(word, stem(word), sum(map(str.isupper, raw)) >= 2))
    return found


def phrase_of(text: str) -> tuple[str, ...]:
    return tuple(token.stem for token in read_tokens(text))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(text: str) -> tuple[tuple[str, ...], ...]:
    """Rows of "|"-separated fields; a line that starts with "|" goes on with the row above."""
    rows: list[tuple[str, ...]] = []
    for line in text.strip().splitlines():
        fields = tuple(field.strip() for field in line.strip().split("|"))
        if fields[0]:
            rows.append(fields)
        else:
            rows[-1] += fields[1:]
    return tuple(rows)


# Function words and the boilerplate that nearly every area for development repeats; they say
# nothing about which issue an area is about, so they never count as a match.
STOP_WORDS = _words(
    """
    a about above across after again against all almost also always am among an and any are
    as at be because been before being below between both but by can cannot could did do
    does doing done down during each either enough etc every few for from further had has
    have having he her here hers him his how however i if in into is it its itself just
    least less let many may might more most much must my no nor not now of off often on once
    one only or other our out over own per rather same several she should since so some
    still such than that the their them then there these they this those though through thus
    to too under until up upon very was we were what when where whether which while who whom
    whose why will with within without would yet you your ensure ensuring ensured improve
    improved improving improvement improvements children child childrens young people person
    work works working required requires require requirement quality effective effectively
    effectiveness appropriate appropriately good high better best robust robustly clear
    clearly full fully well authority authorities council leaders leadership develop
    developed developing development strengthen strengthened increase increased reduce
    reduced take taken taking action actions make makes made sure need needs needed remain
    remains remained continue continues continued area areas particular particularly
    including include includes included consider considered key
    number proportion range level levels way ways use used using provide provided provides
    given able already new current currently whole wider overall specific specifically
    regular regularly routine routinely prompt promptly significant significantly strong
    stronger inspectors inspection identified identify evidence impact outcomes embed
    embedded embedding implement implemented implementation underdeveloped undeveloped
    inconsistent variable weak weakness weaknesses insufficient lack lacks lacking poor
    limited accelerate achieve swiftly quickly fewer greater especially priority understand
    understanding understandable understood
    """
)

# Words that belong to the domain but appear in so many areas that sharing one is weak evidence.
GENERIC_WORDS = _words(
    """
    timely timeliness timescale timescales consistent consistency consistently agency
    agencies partner partners social worker workers manager managers
    practice service services support supported decision decisions
    information risk risks family families staff professional professionals case cases
    response respond access experience experiences arrangements system systems help health
    care progress delay record recorded recording local parent parents carer carers
    long term review reviews reviewed statutory guidance sufficient
    """
)

# The last words of terms that still count as words of their own when the term is read.
HEAD_WORDS = frozenset({"plan"})

# Terms that name who an area is about rather than what is wrong: shared, they are weak evidence.
GENERIC_TERMS = frozenset({"children in care", "child protection", "child in need", "care leavers"})

# Acronyms that are also English words: they count only when written in capitals.
CAPITALS_ONLY = _words("send pep peps pa pas mash cap tac edt")

# A term and the other ways letters write it (acronyms both ways, spelling variants), one term a
# line, forms split by "|", a line that starts with "|" going on with the term above; the first
# form is the one shown to people.
TERMS = _table(
    """
    common assessment framework | caf
    early help assessment | eha
    team around the family | taf | team around the child | tac
    lead professional
    independent reviewing officer | iro | independent reviewing service
    local authority designated officer | lado | designated officer
    multi-agency safeguarding hub | mash | massh | multi agency safeguarding and support hub
    education, health and care plan | ehc plan | ehcp | education health and care plan
    personal education plan | pep | personal education planning
    child sexual exploitation | cse | sexual exploitation
    child criminal exploitation | cce | criminal exploitation | county lines
    child protection conference | initial child protection conference | icpc | cp conference
    | case conference | review child protection conference
    child protection plan | cp plan
    child protection enquiries | section 47 enquiries | s47 enquiries
    | child protection inquiries
    child protection | cp
    children in care | looked after children | children looked after | child in care
    | looked after child | child looked after | lac | cla | cic | young people in care
    children in care council | cicc
    special educational needs and disabilities | send
    | special educational needs and or disabilities | special educational needs
    child and adolescent mental health services | camhs
    | child and adolescent mental health service
    return home interview | return interview | return home visit | return visit | rhi
    | return conversation | return home conversation
    public law outline | plo | pre proceedings | letter before proceedings
    education, employment and training | eet | neet | education employment and training
    | education employment or training | employment education and training
    | employment education or training
    strengths and difficulties questionnaire | sdq | strength and difficulties questionnaire
    unaccompanied asylum-seeking children | uasc | unaccompanied asylum seeking children
    | separated migrant children | unaccompanied children
    multi-agency risk assessment conference | marac | multi agency risk assessment conference
    multi-agency public protection arrangements | mappa
    local safeguarding children board | lscb | safeguarding children board
    director of children's services | dcs
    special guardianship | sgo | special guardianship order
    fostering for adoption | foster to adopt | early permanence
    child in need | children in need | cin
    early help
    management oversight | managerial oversight | manager oversight | managers oversight
    | oversight by managers | management overview
    strategy discussion | strategy meeting
    private fostering | privately fostered | private fostering arrangement
    care leavers | care leaver | leaving care | care leaving | young people leaving care
    pathway plan | pathway planning
    personal adviser | personal advisor | pa
    health assessment | initial health assessment | review health assessment | iha | rha
    domestic abuse | domestic violence | dva
    quality assurance | qa
    family and friends carers | family and friends carer | family and friend carer
    | family and friends foster carer | connected carer | connected person | kinship carer
    | family and friends
    family group conference | fgc
    disabled children | children with disabilities | children with a disability
    | child with a disability | children who have a disability | disabled children service
    out-of-hours service | out of hours | emergency duty team | edt | emergency duty service
    newly qualified social worker | nqsw | asye
    serious case review | scr | child safeguarding practice review
    life-story work | life story work | life story | later life letter
    preparation for adulthood | preparing for adulthood | pfa
    virtual school | virtual head | virtual school head
    corporate parenting | corporate parent | corporate parenting board
    | corporate parenting panel
    autism | autism spectrum disorder | asd | autistic spectrum disorder
    attention deficit hyperactivity disorder | adhd
    local offer
    co-production | co production | coproduction
    wishes and feelings | voice of the child | child's voice | children's voice
    return home | reunification
    16- and 17-year-olds | 16 and 17 | 16 or 17 | 16 and 17 year olds
    brothers and sisters | siblings | sibling | sibling group
    older children | teenagers | teenager | adolescents | older young people
    """
)

# A theme and the terms or phrases that place an area in it, so that different wordings of the
# same issue meet: the theme's name, then its triggers, each a term above (any of its forms) or a
# phrase matched word by word.
THEMES = {
    theme: tuple(triggers)
    for theme, *triggers in _table(
        """
        early help | common assessment framework | early help assessment | team around the family
        | lead professional | early help | early intervention | step down | step up
        thresholds | threshold | thresholds | criteria | level of need | levels of need | front door
        | eligibility | multi-agency safeguarding hub | contacts
        analysis in assessments | analysis | analyse | analytical | family history
        | family histories | histories | protective factors
        supervision and management oversight | supervision | supervised | management oversight
        | reflective | oversight
        care leavers | care leavers | pathway plan | personal adviser | independence | staying put
        | entitlements | independent living
        health of children in care | health assessment | dental | health review | health reviews
        | immunisation | immunisations
        emotional and mental health | child and adolescent mental health services | mental health
        | emotional health | emotional wellbeing | emotional needs
        | strengths and difficulties questionnaire
        permanence | permanence | permanency | adoption | special guardianship
        | fostering for adoption | long term fostering | permanent
        missing from home, care or education | missing | return home interview | absent | absconding
        exploitation | child sexual exploitation | child criminal exploitation | exploitation
        | exploited | trafficking | grooming
        placement sufficiency | sufficiency | local placements | local homes | foster placements
        | recruitment of foster carers | recruitment and retention of foster carers
        | foster carer recruitment | placed at a distance | placements for | commissioning
        placement stability | placement stability | stable placements | unplanned moves
        | placement moves | placement breakdown | placements in a year
        voice of the child | wishes and feelings | views | voice | participation | advocacy
        | children in care council
        workforce and caseloads | caseload | caseloads | workload | workloads | workforce
        | recruitment of social workers | retention of social workers | agency staff | turnover
        | changes of social worker | staffing | vacancies | manageable
        quality assurance and audit | audit | audits | quality assurance | performance information
        | performance data | management information | self evaluation | performance management
        disabled children | disabled children | disability | disabilities
        homeless 16- and 17-year-olds | homeless | homelessness | 16- and 17-year-olds
        corporate parenting | corporate parenting | elected members | councillors
        education of children in care | personal education plan | virtual school | pupil premium
        | attainment | educational | school attendance | exclusions
        child protection enquiries and conferences | child protection conference
        | child protection enquiries | child protection plan | core group
        allegations against professionals | local authority designated officer | allegations
        | allegation
        domestic abuse | domestic abuse | multi-agency risk assessment conference
        neglect | neglect | neglected
        contingency planning | contingency | if things do not improve | if circumstances do not
        | what will happen if
        case recording | case recording | case records | record keeping | recording system
        | electronic system
        SEND and EHC plans | education, health and care plan | annual review | annual reviews
        | special educational needs and disabilities
        neurodevelopmental waits | autism | attention deficit hyperactivity disorder
        | neurodevelopmental | diagnosis | waiting times | waiting list | wait
        co-production with parents | co-production | parent carer forum | with parents and carers
        | design services
        family and friends carers | family and friends carers | viability assessment
        | viability assessments | kinship
        pre-proceedings | public law outline | care proceedings | pre proceedings
        life-story work | life-story work | identity
        information sharing | information sharing | share information | sharing information
        | shared with
        education, employment and training | education, employment and training | apprenticeship
        | apprenticeships
        preparation for adulthood | preparation for adulthood | transition to adult | adult services
        """
    )
}
