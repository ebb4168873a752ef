/**
 * Stop words for cluster suggestions: German and English function words, and the filler words of
 * workshop cards ("mehr", "bitte", "sollte") that tie cards together without saying what about.
 * Kept in their own file so they can be read and extended without touching the pipeline. The
 * words are written folded (see `fold` in text.ts: lower case, ä→a, ö→o, ü→u, ß→ss), which is
 * how tokens are compared against them.
 */

const GERMAN = `
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
anders auch auf aus bei beim bin bis bisschen bist bitte bzw da dabei dadurch dafur dagegen daher
dahin damals damit danach dann daran darauf daraus darf darfst darin darum darunter das dass
dasselbe dazu dein deine deinem deinen deiner dem den denen denn dennoch der deren derer des
deshalb dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort
du durch durfen durfte eben ebenfalls ebenso ein eine einem einen einer eines einfach einige
einigen einiger einiges einmal einzelne endlich er es etwa etwas euch euer eure eurem euren
eurer fur gab gar gibt ganz ganze ganzen gegen gehabt gehen geht gemacht genau gerade gern gerne
gewesen gibts gleich gut gute guten guter hab habe haben hat hatte hatten hatte hier hin hinter
ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in indem ins ist ja je jede jedem
jeden jeder jedes jedoch jemand jetzt kann kannst kaum kein keine keinem keinen keiner keines
konnen konnte konnten konnte lassen lasst leider machen macht man manche manchem manchen
mancher manches mal mehr mein meine meinem meinen meiner meines meist meistens mich mir mit
mochte mochten muss mussen musste nach nachdem naturlich neben nein nicht nichts noch nun
nur ob oder ohne oft schon sehr sei seid sein seine seinem seinen seiner seines seit selbst sich
sie sind so sodass solche solchem solchen solcher solches soll sollen sollte sollten sondern
sonst sowie sowieso uber um und uns unser unsere unserem unseren unserer unter viel viele vielen
vieler vielleicht vom von vor wahrend war waren warum was weil weiter weitere weiteren welche
welchem welchen welcher welches wem wen wenig wenige weniger wenn wer werde werden werdet
wie wieder wir wird wirklich wo wohl wollen wollte wurde wurden zu zum zur zwar zwischen
ne nen nem ner net nit ned des hald halt mol amol a bissl bissel scho gell gelle wo'd isch
fehlt fehlen brauchen braucht benotigt wunsch wunschen wunsche wunscht bessere besser besseren
mehrere neue neuen neuer neues endlich dringend unbedingt sollt bitteschon danke idee vorschlag
problem probleme thema stadt gemeinde ort viele vielleicht moglich moglichst statt stattdessen
aufs ans ums vors furs ubers durchs hinters
kommt kommen komme finden findet gibt geben stellen machen sorgen bleiben bleibt sieht sehen
fordern forderung starken verbessern einrichten schaffen einfuhren anbieten einstellen prufen
grunden modernisieren erhalten umsetzen angehen nutzen schnell schneller
gross grosse grossen grosser klein kleine kleinen kleiner kleinere dauernd standig total ganz
`

const ENGLISH = `
a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself
just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves please need needs want
better more new lots lot much many also really get got make made would like
`

const words = (list: string) => list.split(/\s+/).filter(Boolean)

export const GERMAN_STOP_WORDS: ReadonlySet<string> = new Set(words(GERMAN))
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(words(ENGLISH))
export const STOP_WORDS: ReadonlySet<string> = new Set([...GERMAN_STOP_WORDS, ...ENGLISH_STOP_WORDS])
