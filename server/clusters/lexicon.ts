/**
 * A small lexicon of municipal policy fields (kommunale Handlungsfelder): for each field, the
 * beginnings of folded German and English words that belong to it ("bus" matches "Busse",
 * "Busanbindung"; "haltestell" matches "Bushaltestelle" too, as a word's later part). A card
 * whose word matches gets the field as a term of its own (features.ts), so that "Mülleimer quellen
 * über" and "Hundekot auf den Gehwegen" meet, which no stemming, compound splitting or n-gram
 * can do for cards this short.
 *
 * This is domain knowledge, not learned from a board: it is written for German council workshops
 * on the usual fields of a town's work, and it biases suggestions towards them. It is measured
 * with and without in docs/benchmarks.md, and can be switched off (`lexiconWeight: 0`). Entries
 * of three or four letters, and those marked ^, match only at a word's start (else "rad" would be
 * in "gerade", "alten" in "erhalten", "pflege" in "Grünflächenpflege").
 */
import { fold } from './text.ts'

const FIELDS: Record<string, string> = {
  radverkehr: 'rad radl radweg radfahr fahrrad lastenrad bike cycl radspur radschnell',
  nahverkehr:
    'bus busse haltestell bahn bahnhof zug zuge ticket fahrplan takt linie nahverkehr opnv rufbus shuttle transport tram strassenbahn',
  parken: 'park parken parkplatz parkhaus parkraum anwohnerpark zugepark falschpark parking kurzpark',
  strassen: 'strass kreuzung ampel tempo verkehr schlagloch gehweg zebrastreif raser baustell',
  spielplatze: 'spielplatz spielplatz spielger schaukel rutsch sandkast kletter playground bolzplatz',
  schule:
    'schul schuler klass lehrer unterricht turnhall gymnas grundschul realschul kita kindergart ganztag mensa',
  jugend: 'jugend jugendlich teen jugendzentr jugendtreff skate youth',
  senioren:
    'senior ^alter ^alten altenheim ^pflege altenpflege rente rentner rollator betreut einsam elderly',
  gesundheit: 'arzt arzte hausarzt klinik krankenhaus apothek gesundheit notaufnahm',
  wohnen: 'wohn wohnung wohnraum miet mieten bauland baugebiet neubau sozialwohn housing rent',
  klima: 'klima solar photovolt energie strom co2 heizung warmepump hitze klimaschutz okostrom balkonkraftw',
  grun: 'grun baum baume wiese blumen bluh ^garten insekt natur wald ufer green tree',
  sauberkeit:
    'mull abfall dreck sauber tonne mulleim hundekot kot graffiti wertstoff sperrmull littering trash litter',
  sicherheit:
    'sicher unsicher polizei ordnungsamt uberwach kamera beleucht angst kriminal pobel lärm larm safety',
  kultur: 'kultur museum theater konzert musik kunst kunstl ausstell bibliothek kino festival',
  vereine: 'verein ehrenamt freiwillig engagement helfer feuerwehr vorstand volunteer',
  sport: 'sport sportplatz schwimm freibad hallenbad fussball turn fitness',
  innenstadt:
    'innenstadt laden geschaft einzelhand leerstand einkauf fussgangerzon markt marktplatz shop cafe gastro',
  verwaltung:
    'verwaltung amt amter antrag formular online digital termin burgerburo behord wlan app portal government',
}

/** Field → its word beginnings, folded. */
const ENTRIES: { entry: string; field: string; inside: boolean }[] = Object.entries(FIELDS).flatMap(
  ([field, list]) =>
    list.split(/\s+/).map((w) => {
      const entry = fold(w.replace(/^\^/, ''))
      return { entry, field, inside: !w.startsWith('^') && entry.length >= 5 }
    }),
)

/** The fields a folded word belongs to. */
export function fieldsOf(folded: string): string[] {
  const out: string[] = []
  for (const { entry, field, inside } of ENTRIES) {
    if (out.includes(field)) continue
    if (folded.startsWith(entry) || (inside && folded.includes(entry))) out.push(field)
  }
  return out
}
