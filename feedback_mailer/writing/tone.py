"""The tone check: phrases that read as pushy in a feedback request, each with a
gentler way to say what the writer means (SPEC etiquette guarantee 8).

What people write when they have just been turned down: pressure ("ASAP"),
pleading ("please hire me"), entitlement ("I deserve this role"), deadlines and
demands ("I expect an answer by Friday"), blame ("why did you reject me"),
disappointment ("I am disappointed in your decision") and comparison with other
candidates. Each language has its own list in `PHRASES`, keyed by its code
("en", and others as they are added); `pushy_phrases` reads a text in one
language and returns what it found, as written, in order, each with its
alternative.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple


class Phrase(NamedTuple):
    """One kind of pushy phrasing: a case-insensitive regular expression, what it is,
    and a gentler wording to use instead."""

    pattern: str
    kind: str  # "pressure", "pleading", "entitlement", "deadline", "blame",
    # "disappointment", "comparison"
    alternative: str


class Pushy(NamedTuple):
    """A pushy phrase found in a text: as written there, its kind, and the alternative."""

    phrase: str
    kind: str
    alternative: str


_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|today)"
_THE_JOB = r"(?:this|the|that) (?:job|role|position|offer)"

PHRASES: dict[str, tuple[Phrase, ...]] = {
    "en": (
        # Pressure.
        Phrase(
            r"\bre-?consider\w*",
            "pressure",
            "accept the decision and ask what would make a future application stronger",
        ),
        Phrase(r"\basap\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\bas soon as possible\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\burgent\w*", "pressure", "leave the timing to them"),
        Phrase(r"!{2,}", "pressure", "one full stop"),
        Phrase(r"\bimmediately\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\bright away\b", "pressure", "“whenever you have a moment”"),
        Phrase(r"\bfinal reminder\b", "pressure", "one gentle reminder, then let it go"),
        Phrase(
            r"\bchange (?:your|the) (?:decision|mind)\b",
            "pressure",
            "“I understand and respect your decision”",
        ),
        # Pleading.
        Phrase(
            r"\bplease,? (?:hire|pick|choose|select|take|consider) me\b",
            "pleading",
            "“I would welcome being considered for future openings”",
        ),
        Phrase(
            r"\b(?:give me|i (?:ask|beg) (?:you )?for) (?:a|another|one more|a second) "
            r"(?:chance|shot|try|opportunity)\b|\banother chance\b",
            "pleading",
            "“I would welcome being considered for future openings”",
        ),
        Phrase(
            r"\bi (?:really |truly |so |desperately |badly )*(?:want|need) " + _THE_JOB + r"\b",
            "pleading",
            "“I remain very interested in working with your team”",
        ),
        Phrase(r"\bi(?: am|'m)? begg?ing\b|\bi beg\b", "pleading", "ask once, simply"),
        # Entitlement.
        Phrase(
            r"\bi (?:deserve|deserved|earned|have earned)\b",
            "entitlement",
            "“I hope to bring my experience to a future role”",
        ),
        Phrase(
            r"\bi(?: am|'m| was) (?:the )?(?:best|right|ideal|perfect|strongest|most qualified) "
            r"(?:candidate|person|fit|choice|applicant)\b",
            "entitlement",
            "name one strength briefly, or leave it out",
        ),
        Phrase(r"\byou owe me\b", "entitlement", "“if you are able to share feedback”"),
        # Deadlines and demands.
        Phrase(
            r"\bi expect (?:to hear\b|an? (?:answer|reply|response|explanation)\b|"
            r"your (?:answer|reply|response)\b|a decision\b)",
            "deadline",
            "“if you are able to share feedback, I would be grateful”",
        ),
        Phrase(
            r"\b(?:by|before|no later than) (?:the end of (?:the|this) (?:day|week)|"
            r"(?:this |next )?" + _DAY + r"|eod|cob)\b",
            "deadline",
            "leave the timing to them",
        ),
        Phrase(
            r"\bwithin (?:\d+|one|two|three|a few) (?:hours?|days?|weeks?)\b",
            "deadline",
            "leave the timing to them",
        ),
        Phrase(
            r"\bi (?:demand|insist)\b|\byou (?:must|need to|have to) (?:reply|respond|answer|"
            r"tell|explain|give|send|let me know)\b",
            "deadline",
            "“would you be able to ...”",
        ),
        # Blame.
        Phrase(
            r"\bwhy (?:did|do|would) you (?:reject|decline|turn down|not (?:hire|choose|pick|"
            r"select))\b|\bwhy was i (?:rejected|not (?:hired|selected|chosen))\b",
            "blame",
            "“what could I do differently next time?”",
        ),
        Phrase(
            r"\b(?:unfair|not fair|biased|discriminat\w*)\b",
            "blame",
            "ask what would have made the difference",
        ),
        Phrase(
            r"\byou(?: have|'ve)? made a (?:big |huge |serious )?mistake\b|\bwrong decision\b|"
            r"\bgot it wrong\b|\byou were wrong\b|\bwaste of (?:my )?time\b",
            "blame",
            "“I understand and respect your decision”",
        ),
        # Disappointment.
        Phrase(
            r"\bdisappoint(?:ed|ing|ment)\b",
            "disappointment",
            "“thank you for letting me know”",
        ),
        Phrase(
            r"\b(?:upset|frustrated|frustrating|devastated|heartbroken|shocked|angry)\b",
            "disappointment",
            "“thank you for letting me know”",
        ),
        # Comparison with other candidates.
        Phrase(
            r"\bother (?:candidates?|applicants?)\b",
            "comparison",
            "speak only about your own interview",
        ),
        Phrase(
            r"\b(?:chosen|successful|selected|hired) (?:candidate|applicant|person)\b|"
            r"\bwho (?:did you|you) (?:hire|hired|pick|picked|choose|chose|select|selected)\b",
            "comparison",
            "speak only about your own interview",
        ),
        Phrase(
            r"\b(?:better|more qualified|more experienced) than\b",
            "comparison",
            "speak only about your own interview",
        ),
    ),
}


# German, French and Spanish (issue 15): the same kinds, in each language's own words;
# each alternative is what to write instead, in that language.
_WOCHENTAG = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|morgen|heute)"
_JOUR = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir)"
_DIA = r"(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|fin de semana)"

PHRASES["de"] = (
    Phrase(
        r"\b(?:noch ?(?:ein)?mal |erneut )?(?:zu )?überdenk\w*|\brevidier\w*|"
        r"\b(?:ihre|die) entscheidung (?:zu )?(?:ändern|rückgängig)\w*",
        "pressure",
        "„Ich verstehe und respektiere Ihre Entscheidung“",
    ),
    Phrase(r"\basap\b", "pressure", "„wann immer es Ihnen passt“"),
    Phrase(
        r"\bso (?:schnell|bald) wie möglich\b|\bschnellstmöglich\b|\bschnellstens\b|"
        r"\bumgehend\b|\bsofort\b|\bunverzüglich\b",
        "pressure",
        "„wann immer es Ihnen passt“",
    ),
    Phrase(r"\bdringend\w*", "pressure", "den Zeitpunkt Ihrem Gegenüber überlassen"),
    Phrase(r"!{2,}", "pressure", "ein Punkt"),
    Phrase(r"\bletzte (?:erinnerung|mahnung)\b", "pressure", "einmal freundlich nachfragen"),
    Phrase(
        r"\b(?:noch eine|eine zweite|eine weitere|eine neue) chance\b",
        "pleading",
        "„Über eine Berücksichtigung bei künftigen Stellen würde ich mich freuen“",
    ),
    Phrase(
        r"\bbitte (?:stellen sie mich ein|nehmen sie mich)\b|\bich flehe\b",
        "pleading",
        "einmal und schlicht fragen",
    ),
    Phrase(
        r"\bich (?:habe|hätte) (?:es|die stelle|den job|die position) verdient\b|"
        r"\bich verdiene\b",
        "entitlement",
        "eine Stärke kurz nennen oder weglassen",
    ),
    Phrase(
        r"\bich bin (?:der|die) (?:beste|richtige|ideale|perfekte)\w* "
        r"(?:kandidat|bewerber|besetzung)",
        "entitlement",
        "eine Stärke kurz nennen oder weglassen",
    ),
    Phrase(
        r"\bich erwarte (?:eine|ihre) (?:antwort|rückmeldung|erklärung)\b|"
        r"\bich bestehe darauf\b|\bsie müssen (?:mir )?(?:antworten|erklären|mitteilen)\b",
        "deadline",
        "„Falls es Ihnen möglich ist, wäre ich für ein Feedback dankbar“",
    ),
    Phrase(
        r"\bbis (?:spätestens )?(?:" + _WOCHENTAG + r"|ende (?:der|dieser) woche)\b|"
        r"\binnerhalb (?:von )?(?:\d+|einem|einer|zwei|drei) (?:stunden?|tag(?:en)?|wochen?)\b",
        "deadline",
        "den Zeitpunkt Ihrem Gegenüber überlassen",
    ),
    Phrase(
        r"\bwarum haben sie mich (?:abgelehnt|nicht (?:genommen|eingestellt|ausgewählt))\b",
        "blame",
        "„Was könnte ich beim nächsten Mal anders machen?“",
    ),
    Phrase(
        r"\bunfair\b|\bungerecht\w*|\bdiskriminier\w*|\bfehler gemacht\b|"
        r"\bfalsche entscheidung\b|\bzeitverschwendung\b",
        "blame",
        "„Ich verstehe und respektiere Ihre Entscheidung“",
    ),
    Phrase(
        r"\benttäusch\w*|\bfrustriert\b|\bverärgert\b|\bwütend\b|\bschockiert\b",
        "disappointment",
        "„Vielen Dank, dass Sie mir Bescheid gegeben haben“",
    ),
    Phrase(
        r"\b(?:andere|anderen|übrigen) (?:bewerber|kandidat)\w*|"
        r"\bbesser (?:geeignet |qualifiziert )?als\b|"
        r"\bwen haben sie (?:eingestellt|genommen|ausgewählt)\b",
        "comparison",
        "nur über das eigene Gespräch sprechen",
    ),
)

PHRASES["fr"] = (
    Phrase(
        r"\breconsid[ée]r\w*|\brevenir sur (?:votre|la|cette) décision\b|\bchanger d'avis\b",
        "pressure",
        "« Je comprends et respecte votre décision »",
    ),
    Phrase(r"\basap\b", "pressure", "« quand vous aurez un moment »"),
    Phrase(
        r"\bau plus vite\b|\bdès que possible\b|\ble plus rapidement possible\b|"
        r"\bimmédiatement\b|\bsans délai\b|\bau plus tôt\b",
        "pressure",
        "« quand vous aurez un moment »",
    ),
    Phrase(r"\burgen(?:t|te|ce)\w*", "pressure", "laisser le choix du moment"),
    Phrase(r"!{2,}", "pressure", "un seul point"),
    Phrase(r"\bdernière relance\b|\bdernier rappel\b", "pressure", "une seule relance, en douceur"),
    Phrase(
        r"\b(?:une autre|une seconde|une deuxième|encore une|une nouvelle) chance\b",
        "pleading",
        "« je serais heureux d'être pris en compte pour de futurs postes »",
    ),
    Phrase(
        r"\bembauchez-moi\b|\bchoisissez-moi\b|\bje vous (?:en )?(?:supplie|conjure)\b",
        "pleading",
        "demander une fois, simplement",
    ),
    Phrase(
        r"\bje (?:mérite|méritais|méritait)\b|\bje suis (?:le|la) (?:meilleur|meilleure)\b|"
        r"\bje suis (?:le candidat|la candidate|la personne) idéal\w*",
        "entitlement",
        "citer brièvement une force, ou rien",
    ),
    Phrase(
        r"\bj'attends (?:une|votre) (?:réponse|explication)\b|\bj'exige\b|\bj'insiste\b|"
        r"\bvous devez (?:me )?(?:répondre|expliquer|dire)\b",
        "deadline",
        "« si vous en avez la possibilité »",
    ),
    Phrase(
        r"\bavant (?:" + _JOUR + r"|la fin de (?:la|cette) (?:journée|semaine))\b|"
        r"\b(?:sous|dans les) (?:\d+|quelques) ?(?:h|heures?|jours?)\b",
        "deadline",
        "laisser le choix du moment",
    ),
    Phrase(
        r"\bpourquoi (?:m'avez-vous|avez-vous) (?:refusé|rejeté|écarté)\w*",
        "blame",
        "« que pourrais-je faire différemment la prochaine fois ? »",
    ),
    Phrase(
        r"\binjuste\b|\bpas juste\b|\bdiscrimin\w*|\bvous avez fait une erreur\b|"
        r"\bmauvaise décision\b|\bperte de temps\b",
        "blame",
        "« Je comprends et respecte votre décision »",
    ),
    Phrase(
        r"\bdéçue?s?\b|\bdéception\b|\bfrustrée?s?\b|\ben colère\b|\bchoquée?s?\b",
        "disappointment",
        "« merci de m'avoir répondu »",
    ),
    Phrase(
        r"\bautres? (?:candidat|postulant)\w*|\b(?:mieux|plus) qualifiée?s? que\b|"
        r"\bqui avez-vous (?:choisi|retenu|embauché|recruté)\b",
        "comparison",
        "ne parler que de votre propre entretien",
    ),
)

PHRASES["es"] = (
    Phrase(
        r"\breconsider\w*|\breplante\w* (?:su|la) decisión\b|"
        r"\bcambi(?:ar|e) (?:de|su) (?:opinión|decisión)\b",
        "pressure",
        "«Comprendo y respeto su decisión»",
    ),
    Phrase(r"\basap\b", "pressure", "«cuando tenga un momento»"),
    Phrase(
        r"\blo (?:antes|más pronto) posible\b|\bcuanto antes\b|\binmediatamente\b|"
        r"\bde inmediato\b|\bsin demora\b",
        "pressure",
        "«cuando tenga un momento»",
    ),
    Phrase(r"\burgen(?:te|cia)\w*", "pressure", "dejar el momento a su elección"),
    Phrase(r"!{2,}|¡{2,}", "pressure", "un solo punto"),
    Phrase(
        r"\búltimo (?:recordatorio|aviso)\b", "pressure", "un solo recordatorio, con delicadeza"
    ),
    Phrase(
        r"\b(?:otra|una segunda|una nueva) oportunidad\b",
        "pleading",
        "«me encantaría que me tuvieran en cuenta para futuros puestos»",
    ),
    Phrase(
        r"\bcontráte(?:me|nme)\b|\bescój(?:ame|anme)\b|\b(?:se lo|le) (?:suplico|ruego)\b",
        "pleading",
        "pedirlo una vez, sencillamente",
    ),
    Phrase(
        r"\b(?:me )?merezco\b|\bme merecía\b|\bsoy (?:el|la) (?:mejor|más cualificad[oa])\b|"
        r"\bsoy (?:el candidato|la candidata|la persona) ideal\b",
        "entitlement",
        "mencionar brevemente una fortaleza, o nada",
    ),
    Phrase(
        r"\bespero (?:una|su) (?:respuesta|explicación)\b|\bexijo\b|\binsisto\b|"
        r"\bdebe (?:usted )?(?:responderme|contestarme|explicarme)\b",
        "deadline",
        "«si le es posible»",
    ),
    Phrase(
        r"\bantes del? (?:" + _DIA + r"|mañana)\b|\bpara mañana\b|"
        r"\ben (?:un plazo de )?(?:\d+|pocas) ?(?:h|horas?|días?)\b",
        "deadline",
        "dejar el momento a su elección",
    ),
    Phrase(
        r"\bpor qué me (?:rechazaron|rechazó|descartaron|descartó)\b",
        "blame",
        "«¿qué podría hacer de otra manera la próxima vez?»",
    ),
    Phrase(
        r"\binjust\w*|\bdiscrimina\w*|\bse (?:ha |han )?equivoca\w*|"
        r"\bdecisión equivocada\b|\bpérdida de tiempo\b",
        "blame",
        "«Comprendo y respeto su decisión»",
    ),
    Phrase(
        r"\bdecepci\w*|\bfrustrad[oa]s?\b|\benfadad[oa]s?\b|\bindignad[oa]s?\b",
        "disappointment",
        "«gracias por comunicármelo»",
    ),
    Phrase(
        r"\botr[oa]s (?:candidat|aspirante)\w*|\bmás (?:cualificad|preparad)[oa]s? que\b|"
        r"\ba quién (?:contrataron|eligieron|seleccionaron)\b",
        "comparison",
        "hablar solo de su propia entrevista",
    ),
)


@cache
def _compiled(language: str) -> tuple[tuple[re.Pattern[str], Phrase], ...]:
    phrases = PHRASES.get(language, PHRASES["en"])
    return tuple((re.compile(p.pattern, re.IGNORECASE), p) for p in phrases)


def pushy_phrases(text: str, language: str = "en") -> list[Pushy]:
    """The pushy phrases in `text`, as written there, in order of appearance, each once
    (case-insensitively); a phrase inside a longer one found at the same place is
    not listed again. A language without a list of its own is read as English."""
    found: list[tuple[int, int, Pushy]] = []
    for pattern, phrase in _compiled(language):
        for match in pattern.finditer(text):
            found.append(
                (
                    match.start(),
                    -match.end(),
                    Pushy(match.group(0), phrase.kind, phrase.alternative),
                )
            )
    seen: set[str] = set()
    covered_until = -1
    result = []
    for start, negative_end, pushy in sorted(found):
        if start < covered_until or pushy.phrase.lower() in seen:
            continue
        seen.add(pushy.phrase.lower())
        covered_until = -negative_end
        result.append(pushy)
    return result
