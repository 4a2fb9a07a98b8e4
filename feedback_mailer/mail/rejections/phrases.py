"""The words that decide whether a message turns down the reader's job application.

Every pattern is matched against folded text (`classify.headers.fold`: lower case,
accents removed, hyphens as spaces), so "Absage", "réponse défavorable" and
"no continuaremos" are written here without accents. A *decision* is a sentence
that says the application ends; *hints* (“unfortunately”, “leider”) only add
weight. Positive or pending news (an offer, an invitation, the next stage) and
other kinds of mail veto a rejection: when in doubt, it is not one (README,
Guarantees).
"""

from __future__ import annotations

from feedback_mailer.base.lazyre import LazyPattern

# Sentences that end an application, per language.
DECISIONS: dict[str, LazyPattern] = {
    "en": LazyPattern(
        r"(?:decided|chosen|opted|elected) (?:not to|to not) (?:move|go|proceed|progress|pursue"
        r"|continue|take|advance|invite|offer|extend)"
        r"|(?:will|are|would) not (?:be )?(?:moving|going|proceeding|progressing|taking|pursuing"
        r"|advancing|continuing|offering|extending|inviting) (?:forward |ahead |further )?"
        r"(?:with |you|your|an offer|the)"
        r"|won'?t be (?:moving|progressing|proceeding|taking|going|offering|inviting)"
        r"|not (?:be )?(?:able|in a position) to (?:offer you|move forward|proceed|progress|take"
        r" your|invite you)"
        r"|(?:move|moving|proceed|proceeding|go|going|continue|continuing|progress|progressing)"
        r" (?:forward |ahead )?with (?:other|another|a different|different|the other)"
        r" (?:candidate|applicant|profile|person)"
        r"|(?:decided|chosen|opted) to (?:pursue|proceed with|move forward with|go with|continue"
        r" with|progress with|focus on|move ahead with) (?:other|another|a different|different"
        r"|a candidate|candidates|applicants|someone|an internal)"
        r"|(?:selected|chosen|hired|appointed|identified|offered the (?:role|position) to)"
        r" (?:another|a different|an internal|other|someone else)"
        r"|(?:application|candidacy|candidature) (?:was|has been|is|were|have been) (?:not"
        r" (?:been )?(?:successful|selected|shortlisted|progressed)|unsuccessful|declined|rejected)"
        r"|(?:you|you have|you were|you've) (?:not been|been unsuccessful|were unsuccessful"
        r"|was unsuccessful|not selected|not been selected|not been shortlisted)"
        r"|(?:were|was|are) (?:not|un)successful"
        r"|not (?:been )?(?:selected|shortlisted) (?:for|to|on|this|at)"
        r"|(?:position|role|vacancy|job|opening|requisition|post) (?:has|have|is|was)"
        r" (?:now |already"
        r" |since |just )?(?:been )?(?:filled|closed|cancelled|canceled|put on hold|withdrawn"
        r"|no longer (?:open|available))"
        r"|(?:decided|had|have) to (?:close|cancel|put on hold|pause|withdraw|freeze) (?:the|this"
        r"|our) (?:position|role|vacancy|opening|search|requisition|hiring)"
        r"|not (?:to )?(?:take|move) (?:your application|you) (?:any )?(?:further|forward)"
    ),
    "de": LazyPattern(
        r"(?:nicht|nicht weiter|nicht mehr|nicht langer) (?:berucksichtigen|berucksichtigt"
        r"|weiterverfolgen|weiter verfolgen|in betracht|beruck)"
        r"|nicht in die (?:engere|nachste) (?:auswahl|runde)"
        r"|(?:fur|zugunsten) (?:eine[nrm]? )?(?:andere[nrm]?|weitere[nrm]?) (?:kandidat|bewerber"
        r"|person|profil)"
        r"|gegen (?:sie|dich|ihre bewerbung|deine bewerbung|eine zusammenarbeit) entschieden"
        r"|nicht (?:fur sie|fur dich|fur ihre bewerbung) entschieden"
        r"|(?:stelle|position|vakanz|vakanz) (?:ist|wurde|wurde bereits|ist bereits|konnte|haben"
        r" wir) (?:bereits |inzwischen |mittlerweile |schon |leider )*(?:anderweitig )?"
        r"(?:besetzt|vergeben|gestrichen|zuruckgezogen|storniert|nicht mehr)"
        r"|anderweitig (?:besetzt|vergeben|entschieden)"
        r"|(?:ihnen|dir) (?:leider )?(?:eine |keine )?(?:absage|absagen)"
        r"|(?:bewerbung|kandidatur) (?:leider )?(?:nicht|keine) (?:erfolgreich|berucksichtigt"
        r"|weiter)"
        r"|(?:konnen|konnten|werden) (?:ihnen|dir) (?:leider )?(?:keine (?:stelle|position|zusage"
        r"|positive)|kein (?:angebot|positives)|nicht die stelle)"
        r"|(?:besetzung|ausschreibung|suche|stelle) (?:wurde |ist )?(?:eingestellt|gestoppt"
        r"|abgebrochen|pausiert|zuruckgezogen|auf eis)"
        r"|nicht (?:zum|zu einem) (?:weiteren )?(?:gesprach|interview) einladen"
        r"|(?:nicht|leider nicht) weiter(?:zu)?(?:gehen|fuhren|machen) mit"
    ),
    "fr": LazyPattern(
        r"(?:ne|n') ?(?:pas |pourrons pas |pouvons pas |donnerons pas |sommes pas en mesure de )"
        r"?(?:donner |pouvoir donner )?(?:une )?suite (?:favorable)?"
        r"|pas (?:pu |pouvoir )?donner (?:une )?suite"
        r"|(?:candidature|profil) (?:n'a pas ete|n'a pas|n'est pas|ne sera pas|n'a malheureusement"
        r" pas ete) (?:retenue?|selectionnee?)"
        r"|(?:pas|ne pas|n'avons pas) (?:retenu|retenir|poursuivre|selectionne) (?:votre|ta|vous"
        r"|ton)"
        r"|(?:poursuivre|continuer|avancer|aller plus loin) avec (?:un|une|d'autres|un autre"
        r"|une autre|des) (?:autres? )?(?:candidat|profil|personne)"
        r"|(?:retenu|choisi|selectionne|privilegie) (?:un|une|d'autres) (?:autre |autres )?"
        r"(?:candidat|candidate|profil|candidature)"
        r"|(?:poste|offre|recrutement) (?:a ete|est|a) (?:deja |desormais |finalement )?"
        r"(?:pourvue?|attribuee?|annulee?|suspendue?|fermee?|cloturee?)"
        r"|reponse (?:negative|defavorable)"
        r"|pas en mesure de (?:vous proposer|donner suite|retenir|poursuivre)"
        r"|ne pas (?:donner suite|poursuivre|aller plus loin)"
    ),
    "es": LazyPattern(
        r"no (?:continuar|seguir|avanzar|seguiremos|continuaremos|avanzaremos|vamos a continuar"
        r"|vamos a seguir|vamos a avanzar|podemos continuar|podemos avanzar) (?:adelante )?"
        r"(?:con )?(?:tu|su|el) (?:candidatura|proceso|solicitud|postulacion|perfil)"
        r"|(?:seguir|continuar|avanzar|continuaremos|seguiremos|avanzaremos|continuar el proceso"
        r"|avanzar el proceso) (?:adelante )?con (?:otros?|otras?) (?:candidat|perfil|persona)"
        r"|(?:candidatura|solicitud|postulacion|perfil) no (?:ha sido|fue|ha resultado|resulto)"
        r" (?:seleccionad|elegid|exitos|aceptad|finalista)"
        r"|no (?:has|ha) sido (?:seleccionad|elegid)"
        r"|(?:hemos|han) (?:seleccionado|elegido|optado por|decidido avanzar con) (?:a )?(?:otro"
        r"|otra|otros|otras)"
        r"|(?:puesto|posicion|vacante|plaza|proceso) (?:ya )?(?:ha sido|fue|esta|se ha)"
        r" (?:cubiert|ocupad|cancelad|cerrad)"
        r"|decidido no (?:continuar|seguir|avanzar)"
    ),
    "nl": LazyPattern(
        r"(?:niet verder (?:gaan|te gaan|gaan we)|niet door (?:gaan|te gaan)|geen vervolg"
        r" (?:geven|te geven))"
        r"|(?:gekozen|besloten|kiezen|gaan) (?:voor|om verder te gaan met|verder met) (?:een )?"
        r"(?:andere|ander) (?:kandida|sollicitant|profiel)"
        r"|(?:vacature|functie|positie) (?:is|werd) (?:inmiddels |al |reeds |helaas )*(?:vervuld"
        r"|ingevuld|gesloten|ingetrokken|geannuleerd|vergeven)"
        r"|(?:sollicitatie|kandidatuur) (?:niet|helaas niet) (?:verder )?(?:in behandeling"
        r"|succesvol|weerhouden)"
        r"|niet (?:uit te nodigen|uitnodigen) voor"
        r"|(?:je|jouw|uw) (?:sollicitatie|kandidatuur) (?:niet|geen)"
    ),
    "it": LazyPattern(
        r"non (?:proseguire|procedere|continuare|andare avanti|proseguiremo|procederemo)"
        r"|(?:procedere|proseguire|andare avanti|continuare) con (?:altri|altre|un altro"
        r"|un'altra) (?:candidat|profil)"
        r"|(?:candidatura|profilo) non (?:e stata|e stato|e) (?:selezionat|accolt|ritenut)"
        r"|(?:posizione|ruolo) (?:e stata|e gia stata|e stato) (?:coperta|chiusa|assegnata|coperto)"
    ),
    "pt": LazyPattern(
        r"nao (?:prosseguir|avancar|seguir|continuar|daremos continuidade|vamos prosseguir"
        r"|iremos prosseguir|seguiremos)"
        r"|(?:avancar|prosseguir|seguir) com (?:outros?|outras?) (?:candidat|perfi)"
        r"|(?:candidatura|perfil) nao (?:foi|ter sido|tera) (?:selecionad|aprovad|seguimento)"
        r"|(?:vaga|posicao) (?:ja )?(?:foi|esta) (?:preenchida|fechada|cancelada|encerrada)"
    ),
    "pl": LazyPattern(
        r"(?:zdecydowalismy|postanowilismy) (?:sie )?(?:kontynuowac|na wspolprac|wybrac|na inn"
        r"|nie kontynuowac|zakonczyc)"
        r"|nie (?:bedziemy|mozemy) (?:kontynuowac|kontynuowa|dalej)"
        r"|(?:wybralismy|wybrano) (?:inn|kandydat)"
        r"|stanowisko (?:zosta[lł]o|jest juz) (?:obsadzone|zamkni)"
        r"|nie zakwalifikowa"
        r"|(?:aplikacja|kandydatura|zgloszenie) nie zosta"
    ),
    "sv": LazyPattern(
        r"(?:ga|gar) vidare med (?:andra|en annan|ovriga) (?:kandidat|sokande)"
        r"|(?:valt|beslutat) att (?:inte ga vidare|ga vidare med (?:andra|en annan))"
        r"|inte (?:ga vidare|gar vidare|kommer att ga vidare|gå vidare) med (?:din|dig|er)"
        r"|(?:tjansten|rollen) (?:ar|har) (?:nu |redan )?(?:tillsatt|blivit tillsatt)"
    ),
}

# Words that add weight but decide nothing alone ("unfortunately the process is delayed").
HINTS = LazyPattern(
    r"\b(?:unfortunately|regret|regretfully|sadly|not the (?:right )?(?:fit|match)|closer match"
    r"|more closely (?:match|align)|wish you (?:the best|every success|all the best|luck|success)"
    r"|leider|bedauer|bedauerlicherweise|viel erfolg|alles gute|weiteren (?:beruflichen )?weg"
    r"|malheureusement|regrett|au regret|bonne continuation|plein succes"
    r"|lamentablemente|lamentamos|desafortunadamente|por desgracia|mucha suerte|exito en"
    r"|helaas|veel succes|purtroppo|spiacenti|in bocca al lupo|infelizmente|lamentamos"
    r"|niestety|powodzenia|tyvarr|lycka till)\b"
)

# The mail is about a job application (without it, a decision is about something else).
JOB_CONTEXT = LazyPattern(
    r"\b(?:application|applied|applying|applicant|candidacy|candidate|position|role|vacancy"
    r"|opening|job|interview|hiring|recruit\w*|talent|career|bewerbung\w*|beworben|bewerber\w*"
    r"|stelle|stellen\w*|vorstellungsgesprach|kandidat\w*|personal\w*|candidature|candidat\w*"
    r"|poste|entretien|recrutement|emploi|candidatura|puesto|vacante|entrevista|seleccion"
    r"|postulacion|empleo|sollicitatie\w*|gesolliciteerd|vacature|functie|kandidaat|posizione"
    r"|colloquio|selezione|vaga|processo seletivo|rekrutac\w*|stanowisk\w*|kandydat\w*"
    r"|aplikac\w*|ansokan|tjansten|intervju|rekrytering)\b"
)
# Words of a job that other kinds of application do not use (a loan has an
# "application" too, but no "interview" or "position").
JOB_STRONG = LazyPattern(
    r"\b(?:position|role|vacancy|job|interview\w*|hiring|recruit\w*|talent|career|stelle"
    r"|vorstellungsgesprach|poste|entretien|recrutement|emploi|puesto|vacante|entrevista"
    r"|empleo|vacature|functie|sollicitatie\w*|posizione|colloquio|vaga|stanowisk\w*|tjansten"
    r"|intervju|bewerbung\w*|beworben|sollicit\w*)\b"
)
# Rejections of other things: a loan, a flat, a manuscript, a talk, a university
# place, a tender, a grant.
OTHER_MATTERS = LazyPattern(
    r"\b(?:loan|mortgage|credit card|credit limit|kredit\w*|darlehen|pret|prestamo|hipoteca"
    r"|lening|hypotheek|finanziamento|emprestimo|kredyt\w*|apartment|flat|rental|tenancy"
    r"|landlord|viewing|wohnung|mietinteressent\w*|vermieter|besichtigung|appartement|logement"
    r"|bailleur|alquiler|vivienda|woning|huurwoning|appartamento|affitto|mieszkani\w*|lagenhet"
    r"|manuscript|manuskript|manuscrit|manuscrito|manoscritto|publisher|verlag|editorial"
    r"|uitgeverij|talk|proposal|cfp|call for (?:papers|proposals|speakers)|speaker|abstract"
    r"|conference|vortrag|konferenz|ponencia|congreso|lezing|spreker|admission|admissions"
    r"|studienplatz|studiengang|zulassung|undergraduate|bachelor|master'?s (?:program|degree)"
    r"|tender|bid|procurement|rfp|ausschreibung|vergabe|appel d'offres|licitacion|aanbesteding"
    r"|gara d'appalto|grant|funding|forderantrag|subvention|subvencion|subsidie|beca"
    r"|insurance|versicherung|membership|mitgliedschaft|visa)\b"
)

# Good or pending news: never a rejection, unless negated ("not invite you to ...").
POSITIVE = LazyPattern(
    r"(?:pleased|delighted|happy|thrilled|excited|glad) to (?:offer you (?:the|this|a|our)"
    r" (?:position|role|job|post)|extend (?:you )?(?:an|the|a) (?:formal |written )?offer"
    r"|inform you that you (?:have been|were) (?:selected|successful))"
    r"|offer of employment|job offer|offer letter|employment contract"
    r"|(?:invite|inviting) you (?:to|for) (?:an?|the|our)? ?(?:next |second |third |final"
    r" |first |technical |on ?site |video |phone |personal |follow up )?(?:interview|call"
    r"|conversation|assessment|meeting|round|stage|chat|test|challenge|visit)"
    r"|(?:schedule|book|arrange) (?:an?|your|the) (?:interview|first call|technical)"
    r"|(?:move|moved|moving|progress|progressed|advance|advanced|proceed|invite) (?:you )?"
    r"(?:forward )?(?:to|into) (?:the )?(?:next|second|third|final|following) (?:stage|round"
    r"|step|phase)"
    r"|freuen uns,? (?:ihnen|dir) (?:ein angebot|die stelle|eine zusage|mitteilen)"
    r"|(?:vertragsangebot|arbeitsvertrag|zusage fur)"
    r"|(?:einladen|einladung) (?:zu|zum|zur) (?:einem |einer |unserem )?(?:personlichen"
    r" |zweiten |finalen )?(?:vorstellungsgesprach|gesprach|interview|kennenlernen|assessment)"
    r"|zum (?:personlichen |zweiten )?(?:vorstellungsgesprach|gesprach|interview) einladen"
    r"|nachste (?:runde|phase|stufe|auswahlrunde)"
    r"|avons le plaisir de vous (?:proposer|offrir|informer|inviter|annoncer)"
    r"|promesse d'embauche|proposition d'embauche"
    r"|vous (?:inviter|convier) (?:a|pour) (?:un|une|le|la) (?:entretien|echange|rencontre"
    r"|deuxieme|second|prochain)"
    r"|(?:etape suivante|prochaine etape|tour suivant)"
    r"|nos complace (?:ofrecerte|ofrecerle|informarte|informarle|invitarte)"
    r"|oferta (?:de empleo|laboral|de trabajo)"
    r"|invitar(?:te|le) a (?:una|la) (?:entrevista|siguiente|segunda|reunion)"
    r"|siguiente (?:fase|etapa|ronda)"
    r"|(?:blij|verheugd) (?:je|u) (?:een aanbod|de functie|een contract|uit te nodigen)"
    r"|uitnodigen voor (?:een|het|de) (?:gesprek|sollicitatiegesprek|interview|assessment"
    r"|tweede|volgende)"
    r"|volgende (?:ronde|fase|stap)"
    r"|(?:invitarti|invitarla) a|fase successiva|lieti di offrir"
    r"|(?:convidar|convida-lo|convida-la) para|proxima (?:fase|etapa)"
    r"|zaprosic (?:pana|pania|cie) na|kolejny etap|nastepny etap"
    r"|bjuda in (?:dig|er) till|nasta steg"
)
# Still deciding, a receipt, a job alert, an outreach: pending or not about a decision.
PENDING = LazyPattern(
    r"still (?:reviewing|assessing|considering|evaluating|in the process|interviewing)"
    r"|(?:has|have) not (?:yet )?(?:made|reached) a (?:final )?decision"
    r"|no decision (?:has been|yet)"
    r"|(?:taking|take|takes) (?:a bit |a little |some )?longer than"
    r"|noch (?:nicht abgeschlossen|in (?:der )?(?:prufung|bearbeitung)|keine entscheidung)"
    r"|verzog\w*|encore en cours|toujours en cours|pas encore (?:pris|de decision)"
    r"|(?:todavia|aun) (?:estamos|no hemos)|sigue en curso|nog (?:bezig|geen beslissing)"
    r"|(?:received|receipt of) your (?:application|cv|resume)"
    r"|(?:eingang|erhalt) (?:ihrer|deiner) bewerbung|bien recu votre candidature"
    r"|(?:hemos recibido|recibimos) (?:tu|su) (?:candidatura|solicitud)"
    r"|(?:sollicitatie|cv) (?:goed )?ontvangen|abbiamo ricevuto|recebemos a sua"
)
ALERTS = LazyPattern(
    r"job alert|jobs? (?:you may|for you|matching|recommended)|new jobs|recommended jobs"
    r"|stellenangebote fur sie|jobalarm|job ?agent|neue jobs|alerte emploi|offres d'emploi"
    r"|ofertas de empleo|vacatures voor jou|nieuwe vacatures|offerte di lavoro"
    r"|came across your profile|your profile caught|open to new opportunities"
    r"|auf (?:ihr|dein) profil (?:aufmerksam|gestossen)|votre profil a (?:retenu|attire)"
    r"|(?:tu|su) perfil (?:me ha llamado|nos ha llamado)|(?:je|jouw) profiel (?:viel op|sprak)"
    r"|i am (?:currently )?recruiting for|ich suche (?:aktuell|derzeit)"
)
FEEDBACK_WORD = LazyPattern(
    r"\b(?:feedback|ruckmeldung|retour|retours|commentaires|comentarios|retroalimentacion"
    r"|terugkoppeling|informacji zwrotnej|aterkoppling)\b"
)
NEGATION = LazyPattern(r"\b(?:not|nicht|pas|no|niet|non|nao|nie|inte|kein\w*)\b[^.!?\n]{0,30}$")

FEEDBACK_REFUSED = LazyPattern(
    r"(?:unable|not able|cannot|can't|can not|do not|don't|are not in a position|not possible)"
    r" (?:to )?(?:provide|give|offer|share|respond with) (?:you )?(?:with )?(?:individual"
    r"|personal|personali[sz]ed|specific|detailed|individuali[sz]ed|any|further)? ?feedback"
    r"|(?:no|not) (?:individual|personal|specific|detailed) feedback"
    r"|feedback (?:is not|cannot be|can't be) (?:provided|given|offered)"
    r"|(?:konnen|durfen|ist es) (?:wir )?(?:ihnen |dir )?(?:leider )?(?:keine|nicht moglich,?)"
    r" (?:individuelle|personliche|detaillierte|individuellen|ein individuelles)? ?"
    r"(?:ruckmeldung|feedback|auskunft|begrundung|grunde)"
    r"|keine (?:individuelle|personliche|detaillierte|individuellen) (?:ruckmeldung|feedback"
    r"|begrundung)"
    r"|pas (?:en mesure|possible) de (?:vous )?(?:faire|donner|fournir|apporter|communiquer)"
    r" (?:un |de |des )?(?:retour|feedback|commentaire|motif)"
    r"|(?:aucun|pas de) (?:retour|feedback) (?:individuel|personnalise|detaille)"
    r"|no (?:podemos|es posible|estamos en condiciones de|nos es posible) (?:ofrecer|dar"
    r"|proporcionar|facilitar|enviar)(?:te|le)? (?:un )?(?:feedback|comentarios|respuesta"
    r"|retroalimentacion)"
    r"|(?:geen|niet in staat|niet mogelijk) (?:om )?(?:individuele|persoonlijke)? ?(?:feedback"
    r"|terugkoppeling)"
    r"|non (?:siamo in grado|possiamo|e possibile) (?:di )?(?:fornire|dare) (?:un )?feedback"
    r"|nao (?:podemos|conseguimos|e possivel) (?:fornecer|dar) feedback"
    r"|nie (?:mozemy|jestesmy w stanie) (?:przekazac|udzielic)"
    r"|kan (?:tyvarr )?inte (?:ge|lamna) (?:individuell )?(?:aterkoppling|feedback)"
)
FEEDBACK_OFFERED = LazyPattern(
    r"(?:happy|glad|pleased|willing|more than happy) to (?:share|provide|give|offer|arrange"
    r"|set up|have|jump on|talk)[^.!?\n]{0,60}(?:feedback|debrief)"
    r"|if you (?:would like|'d like|want|wish|are interested)[^.!?\n]{0,50}(?:feedback|debrief)"
    r"|feel free to (?:reach out|contact|get in touch|reply|ask|email)[^.!?\n]{0,60}feedback"
    r"|feedback (?:is available|call|session)[^.!?\n]{0,30}(?:request|if you|let me know)"
    r"|(?:let me know|reply to this email|just reply)[^.!?\n]{0,60}feedback"
    r"|(?:gerne|gern)[^.!?\n]{0,80}(?:feedback|ruckmeldung|grunde|feedbackgesprach)"
    r"|feedbackgesprach"
    r"|(?:wunschen sie|mochtest du|mochten sie|falls sie|falls du|wenn sie|wenn du)[^.!?\n]{0,60}"
    r"(?:feedback|ruckmeldung)"
    r"|n'hesitez pas[^.!?\n]{0,80}(?:retour|feedback|echange|commentaires)"
    r"|(?:avec plaisir|volontiers|ravie?s? de|heureu\w* de)[^.!?\n]{0,60}(?:retour|feedback"
    r"|echange)"
    r"|si vous (?:le )?souhaitez[^.!?\n]{0,60}(?:retour|feedback|echange)"
    r"|(?:encantad\w*|con gusto|estaremos felices|nos encantaria|con mucho gusto)[^.!?\n]{0,60}"
    r"(?:feedback|comentarios|detalles|retroalimentacion)"
    r"|si (?:lo )?(?:deseas|desea|quieres|quiere)[^.!?\n]{0,60}(?:feedback|comentarios"
    r"|retroalimentacion)"
    r"|(?:graag|met plezier)[^.!?\n]{0,60}(?:feedback|terugkoppeling|toelichting)"
    r"|(?:wil je|wilt u|mocht je|mocht u)[^.!?\n]{0,60}(?:feedback|terugkoppeling|toelichting)"
    r"|(?:saremo|sarei|siamo) (?:felici|lieti|lieto|lieta|disponibili)[^.!?\n]{0,60}feedback"
    r"|(?:teremos|teria) (?:todo o )?(?:gosto|prazer)[^.!?\n]{0,60}feedback"
    r"|chetnie[^.!?\n]{0,60}(?:feedback|informacj)"
    r"|(?:garna|tveka inte)[^.!?\n]{0,60}(?:feedback|aterkoppling)"
)
FEEDBACK_GIVEN = LazyPattern(
    r"(?:the (?:panel|team|interviewers?|hiring (?:team|manager))|we) (?:felt|found|thought"
    r"|noted|concluded|observed) (?:that )?(?:your|you)"
    r"|(?:main|key|primary|deciding|decisive) (?:reason|factor)"
    r"|(?:your|the) (?:answers?|solution|experience|case study)[^.!?\n]{0,60}(?:lacked|was"
    r" missing|did not|didn't|fell short|needed more)"
    r"|(?:ausschlaggebend|entscheidend) (?:war|waren)"
    r"|(?:uns|dem team) (?:fehlte|fehlten)|haben wir (?:festgestellt|den eindruck)"
    r"|(?:nous avons|le jury a|l'equipe a) (?:estime|juge|constate|trouve) que"
    r"|(?:il vous|vous) manqu"
    r"|(?:consideramos|el equipo considero|observamos|notamos) que (?:tu|su)"
    r"|(?:te|le) falt(?:o|a)"
    r"|(?:hebben we|vonden we) (?:gemerkt|gezien|gemist)|(?:ontbrak|miste)"
)
