"""Write briefs.jsonl and gold.jsonl of the held-out europe-americas set.

Annotated by hand from GUIDELINES.md before any run of the pipeline on these briefs.
Asserts that every date, quantity and trigger text quoted in the gold is written in its brief.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # goldkit.py, shared by the held-out sets
from goldkit import GOLD_KEYS, write_set  # noqa: E402
from goldkit import dt as D, ev as E, org as O, pl as P, q as Q  # noqa: E402

NB = "\u00a0"   # no-break space
NN = "\u202f"   # narrow no-break space

BRIEFS = []

# 1 procurement — Suisse, CHF, "hier", number words
q116 = Q("116 rames", 116, "rame")
q21md = Q("2,1 milliards de francs suisses", 2100000000.0, "CHF")
BRIEFS.append(dict(
    id="ea01-cff-siemens", date="2025-11-08",
    headline="Suisse : les CFF renouvellent leur flotte régionale à deux étages",
    text=("Les Chemins de fer fédéraux (CFF) ont commandé hier 116 rames à deux étages au constructeur allemand "
          "Siemens Mobility, pour quelque 2,1 milliards de francs suisses. Quatre-vingt-quinze rames remplaceront "
          "sur le RER zurichois des trains vieux de près de quarante ans, et vingt et une rames circuleront en Suisse "
          "romande, notamment entre Martigny et Annemasse. Le thurgovien Stadler Rail, écarté de l’appel d’offres "
          "lancé en 2024, a dit sa grande déception."),
    organisations=[O("Chemins de fer fédéraux", ["CFF"], "CH"), O("Siemens Mobility", [], "DE"),
                   O("Stadler Rail", [], "CH")],
    places=[P("Suisse", "CH", "country"), P("Suisse romande", "CH", "region"), P("Martigny", "CH", "city"),
            P("Annemasse", "FR", "city")],
    dates=[D("hier", "2025-11-07"), D("en 2024", "2024")],
    quantities=[q116, Q("deux étages", 2, "étage"), q21md, Q("Quatre-vingt-quinze rames", 95, "rame"), Q("quarante ans", 40, "an"),
                Q("vingt et une rames", 21, "rame")],
    events=[E("procurement", "ont commandé", "2025-11-07", "Chemins de fer fédéraux", "CH", "Siemens Mobility",
              None, "CH", [q116, q21md])],
))

# 2 investment — Québec, CAD, frame "lors de", apposition, "jeudi"
q7md = Q("7 milliards de dollars canadiens", 7000000000.0, "CAD")
BRIEFS.append(dict(
    id="ea02-northvolt", date="2023-09-29",
    headline="Northvolt choisit la Montérégie pour sa première usine nord-américaine",
    text=("C’est lors d’une annonce conjointe à Montréal, en présence des premiers ministres Justin Trudeau et "
          "François Legault, que Northvolt, le fabricant suédois de batteries, a confirmé jeudi qu’il investira "
          "7 milliards de dollars canadiens dans une giga-usine à Saint-Basile-le-Grand et McMasterville. La première "
          f"phase, d’une capacité de 30{NB}GWh, doit livrer ses premières cellules en 2026 et employer jusqu’à "
          f"3{NB}000 personnes. Le gouvernement du Québec s’est engagé à hauteur de 2,9 milliards de dollars, Ottawa "
          "à hauteur de 1,34 milliard."),
    organisations=[O("Northvolt", [], "SE"), O("Gouvernement du Québec", [], "CA")],
    places=[P("Montérégie", "CA", "region"), P("Montréal", "CA", "city"), P("Saint-Basile-le-Grand", "CA", "city"),
            P("McMasterville", "CA", "city"), P("Ottawa", "CA", "city")],
    dates=[D("jeudi", "2023-09-28"), D("en 2026", "2026")],
    quantities=[q7md, Q(f"30{NB}GWh", 30, "GWh"), Q(f"3{NB}000 personnes", 3000, "personne"),
                Q("2,9 milliards de dollars", 2900000000.0, "CAD"), Q("1,34 milliard", 1340000000.0, "CAD")],
    events=[E("investment", "investira", "2023-09-28", "Northvolt", "SE", None, "Saint-Basile-le-Grand", "CA",
              [q7md])],
))

# 3 construction — Cambodge (Asie-Pacifique), USD, idiom "donner le coup d'envoi des travaux", "hier"
q180 = Q("180 kilomètres", 180, "km")
q17md = Q("1,7 milliard de dollars", 1700000000.0, "USD")
BRIEFS.append(dict(
    id="ea03-funan-techo", date="2024-08-06",
    headline="Cambodge : coup d’envoi du chantier du canal Funan Techo",
    text=("Le Premier ministre cambodgien, Hun Manet, a donné hier le coup d’envoi des travaux du canal Funan Techo, "
          "une voie navigable de 180 kilomètres qui doit relier Phnom Penh à la province côtière de Kep. Estimé à "
          "1,7 milliard de dollars, le chantier est mené en partenariat public-privé avec China Road and Bridge "
          "Corporation et devrait durer quatre ans. La cérémonie coïncidait avec le 72e anniversaire de son père et "
          "prédécesseur, Hun Sen."),
    organisations=[O("China Road and Bridge Corporation", [], "CN")],
    places=[P("Cambodge", "KH", "country"), P("Phnom Penh", "KH", "city"), P("Kep", "KH", "region")],
    dates=[D("hier", "2024-08-05")],
    quantities=[q180, q17md, Q("quatre ans", 4, "an")],
    events=[E("construction", "a donné hier le coup d’envoi des travaux", "2024-08-05", "Hun Manet", "KH", None,
              "Phnom Penh", "KH", [q180, q17md])],
))

# 4 commissioning — Montréal, passive, system name that is not an organisation, "hier"
q16 = Q("16 kilomètres", 16, "km")
q5st = Q("cinq stations", 5, "station")
BRIEFS.append(dict(
    id="ea04-rem", date="2023-08-01",
    headline="Montréal : le REM accueille ses premiers usagers",
    text=("Le premier tronçon du Réseau express métropolitain (REM) a été mis en service hier à Montréal : ce métro "
          "léger automatisé relie désormais le centre-ville à Brossard, sur la Rive-Sud. Longue de 16 kilomètres et "
          "desservie par cinq stations, cette antenne a été construite par CDPQ Infra, filiale de la Caisse de dépôt "
          "et placement du Québec. Le réseau doit à terme compter 26 stations sur 67 kilomètres."),
    organisations=[O("CDPQ Infra", [], "CA"), O("Caisse de dépôt et placement du Québec", [], "CA")],
    places=[P("Montréal", "CA", "city"), P("Brossard", "CA", "city"), P("Rive-Sud", "CA", "region")],
    dates=[D("hier", "2023-07-31")],
    quantities=[q16, q5st, Q("26 stations", 26, "station"), Q("67 kilomètres", 67, "km")],
    events=[E("commissioning", "a été mis en service", "2023-07-31", "CDPQ Infra", "CA", None, "Montréal", "CA",
              [q16, q5st])],
))

# 5 agreement — Nouvelle-Calédonie / Bougival, XPF, "samedi", unnamed parties with one named
BRIEFS.append(dict(
    id="ea05-bougival", date="2025-07-13",
    headline="Nouvelle-Calédonie : un accord arraché à Bougival après dix jours de négociations",
    text=("L’État a signé samedi matin à Bougival, dans les Yvelines, avec six délégations calédoniennes, dont celle "
          "du Front de libération nationale kanak et socialiste (FLNKS), un accord qui crée un « État de la "
          "Nouvelle-Calédonie » inscrit dans la Constitution française. Le texte prévoit une nationalité calédonienne, "
          "cumulable avec la nationalité française, et doit être soumis à une consultation locale en février 2026. "
          "Depuis les émeutes de mai 2024, l’archipel vit sous perfusion : l’État lui a accordé en 2025 un prêt d’un "
          "milliard d’euros, soit 119,3 milliards de francs CFP."),
    organisations=[O("Front de libération nationale kanak et socialiste", ["FLNKS"], "FR")],
    places=[P("Nouvelle-Calédonie", "FR", "region"), P("Bougival", "FR", "city"), P("Yvelines", "FR", "region")],
    dates=[D("samedi matin", "2025-07-12"), D("en février 2026", "2026-02"), D("mai 2024", "2024-05"),
           D("en 2025", "2025")],
    quantities=[Q("dix jours", 10, "jour"), Q("six délégations", 6, "délégation"),
                Q("un milliard d’euros", 1000000000.0, "EUR"),
                Q("119,3 milliards de francs CFP", 119300000000.0, "XPF")],
    events=[E("agreement", "a signé", "2025-07-12", "France", "FR",
              "Front de libération nationale kanak et socialiste", "Bougival", "FR", [])],
))

# 6 legislation — Liban, passive with agent, demonym body, "jeudi"
BRIEFS.append(dict(
    id="ea06-liban-secret", date="2025-04-25",
    headline="Liban : le secret bancaire assoupli à la demande du FMI",
    text=("La loi qui assouplit le secret bancaire, exigée de longue date par le Fonds monétaire international (FMI), "
          "a été adoptée jeudi par le Parlement libanais, réuni à Beyrouth. Applicable rétroactivement sur dix ans, "
          "elle couvre le début de la crise financière de 2019, quand des banquiers étaient soupçonnés d’avoir aidé "
          "des personnalités à sortir leurs fonds du pays. Le Premier ministre Nawaf Salam y a vu une avancée contre "
          "la corruption, alors que Beyrouth espère toujours un programme d’aide du Fonds."),
    organisations=[O("Fonds monétaire international", ["FMI"], None),
                   O("Parlement du Liban", ["Parlement libanais"], "LB")],
    places=[P("Liban", "LB", "country"), P("Beyrouth", "LB", "city")],
    dates=[D("jeudi", "2025-04-24"), D("2019", "2019")],
    quantities=[Q("dix ans", 10, "an")],
    events=[E("legislation", "a été adoptée", "2025-04-24", "Parlement du Liban", "LB", None, "Beyrouth", "LB", [])],
))

# 7 government_decision — Haïti, no record date, "le lendemain" resolved against the full date
BRIEFS.append(dict(
    id="ea07-haiti-cpt",
    headline="Haïti change de Premier ministre après cinq mois",
    text=("Le Conseil présidentiel de transition (CPT) a limogé Garry Conille et nommé à sa place l’homme d’affaires "
          "Alix Didier Fils-Aimé, selon un arrêté publié le dimanche 10 novembre 2024. Ancien président de la Chambre "
          "de commerce et d’industrie d’Haïti, le nouveau chef du gouvernement a prêté serment le lendemain à "
          "Port-au-Prince, une capitale dont les gangs armés contrôlent la majeure partie. Son prédécesseur, en "
          "conflit ouvert avec le CPT, n’aura tenu que cinq mois."),
    organisations=[O("Conseil présidentiel de transition", ["CPT"], "HT"),
                   O("Chambre de commerce et d’industrie d’Haïti", [], "HT")],
    places=[P("Haïti", "HT", "country"), P("Port-au-Prince", "HT", "city")],
    dates=[D("dimanche 10 novembre 2024", "2024-11-10"), D("le lendemain", "2024-11-11")],
    quantities=[Q("cinq mois", 5, "mois")],
    events=[E("government_decision", "a limogé", "2024-11-10", "Conseil présidentiel de transition", "HT", None,
              None, "HT", [])],
))

# 8 economic_indicator — Luxembourg, publisher in an incise, quarter
q24 = Q(f"2,4{NB}%", 2.4, "%")
BRIEFS.append(dict(
    id="ea08-statec", date="2024-05-09",
    headline="Luxembourg : l’inflation au plus bas depuis près de trois ans",
    text=(f"L’inflation annuelle est retombée à 2,4{NB}% en avril au Luxembourg, son niveau le plus faible depuis près "
          "de trois ans, a annoncé mercredi l’Institut national de la statistique et des études économiques (Statec). "
          f"La hausse des prix alimentaires s’est calmée et celle des services est passée de 4,7{NB}% en mars à "
          f"3,4{NB}%. L’institut maintient pourtant la perspective d’une nouvelle tranche d’indexation des salaires au "
          "dernier trimestre 2024."),
    organisations=[O("Institut national de la statistique et des études économiques", ["Statec"], "LU")],
    places=[P("Luxembourg", "LU", "country")],
    dates=[D("en avril", "2024-04"), D("mercredi", "2024-05-08"), D("en mars", "2024-03"),
           D("au dernier trimestre 2024", "2024-10/2024-12")],
    quantities=[q24, Q("trois ans", 3, "an"), Q(f"4,7{NB}%", 4.7, "%"), Q(f"3,4{NB}%", 3.4, "%")],
    events=[E("economic_indicator", "est retombée", "2024-05-08",
              "Institut national de la statistique et des études économiques", "LU", None, None, "LU", [q24])],
))

# 9 production — La Réunion, unnamed actor, toponym inside a facility name, "hier", "l'an dernier"
q143 = Q("1,43 million de tonnes", 1430000.0, "t")
BRIEFS.append(dict(
    id="ea09-canne-reunion", date="2023-12-23",
    headline="La Réunion : une campagne sucrière meilleure que prévu",
    text=("Les planteurs de La Réunion ont livré 1,43 million de tonnes de cannes aux usines de Tereos lors de la "
          "campagne sucrière 2023, achevée hier à midi à l’usine de Bois-Rouge. C’est davantage que les 1,3 million "
          "de tonnes de l’an dernier, grâce à un hiver chaud et humide qui a prolongé la croissance de la canne, au "
          f"prix toutefois d’une richesse en sucre plus faible. Bois-Rouge, dans le nord-est de l’île, a broyé à elle "
          f"seule quelque 700{NN}000 tonnes."),
    organisations=[O("Tereos", [], "FR")],
    places=[P("La Réunion", "FR", "region"), P("Bois-Rouge", "FR", "site")],
    dates=[D("2023", "2023"), D("hier", "2023-12-22"), D("l’an dernier", "2022")],
    quantities=[q143, Q("1,3 million de tonnes", 1300000.0, "t"), Q(f"700{NN}000 tonnes", 700000, "t")],
    events=[E("production", "ont livré", "2023", None, "FR", None, "La Réunion", "FR", [q143])],
))

# 10 diplomacy — Liban, French president visiting, "hier", "fin novembre"
BRIEFS.append(dict(
    id="ea10-macron-beyrouth", date="2025-01-18",
    headline="Emmanuel Macron à Beyrouth pour épauler le nouveau pouvoir libanais",
    text=("Le président français Emmanuel Macron s’est rendu hier au Liban, quelques jours après l’élection de "
          "Joseph Aoun à la tête de l’État. À Beyrouth, il a rencontré le nouveau président ainsi que le Premier "
          "ministre désigné Nawaf Salam, et a promis une conférence internationale pour la reconstruction du pays. "
          "Paris entend aussi conforter le cessez-le-feu conclu fin novembre entre Israël et le Hezbollah."),
    organisations=[O("Hezbollah", [], "LB")],
    places=[P("Beyrouth", "LB", "city"), P("Liban", "LB", "country"), P("Paris", "FR", "city"),
            P("Israël", "IL", "country")],
    dates=[D("hier", "2025-01-17"), D("fin novembre", "2024-11")],
    quantities=[],
    events=[E("diplomacy", "s’est rendu", "2025-01-17", "Emmanuel Macron", "FR", "Liban", "Beyrouth", "LB", [])],
))

# 11 launch — Guyane, frame "en marge de" in a later sentence, "hier", number words
BRIEFS.append(dict(
    id="ea11-ariane6", date="2024-07-10",
    headline="Ariane 6 réussit son vol inaugural depuis la Guyane",
    text=("L’Agence spatiale européenne (ESA) a lancé hier pour la première fois sa nouvelle fusée Ariane 6, qui a "
          "décollé avec une heure de retard du Centre spatial guyanais, à Kourou. Le lanceur de 56 mètres, mis au "
          "point avec quatre ans de retard, a placé en orbite une série de microsatellites universitaires. En marge "
          "du lancement, le PDG d’Arianespace, Stéphane Israël, a annoncé un deuxième vol d’ici la fin de l’année."),
    organisations=[O("Agence spatiale européenne", ["ESA"], None), O("Arianespace", [], "FR")],
    places=[P("Guyane", "FR", "region"), P("Kourou", "FR", "city")],
    dates=[D("hier", "2024-07-09"), D("d’ici la fin de l’année", "2024")],
    quantities=[Q("une heure", 1, "h"), Q("56 mètres", 56, "m"), Q("quatre ans", 4, "an")],
    events=[E("launch", "a lancé", "2024-07-09", "Agence spatiale européenne", None, None, "Kourou", "FR", [])],
))

# 12 relocation — Suisse → Irlande, "lundi", destination city
BRIEFS.append(dict(
    id="ea12-te-connectivity", date="2024-10-01",
    headline="TE Connectivity quitte Schaffhouse pour l’Irlande",
    text=("Le fabricant suisse de connecteurs et de capteurs TE Connectivity a transféré lundi son siège juridique de "
          "Schaffhouse à Galway, en Irlande, en fusionnant avec sa filiale irlandaise. Le groupe, qui emploie quelque "
          f"85{NB}000 personnes dans 140 pays, invoquait une gestion de son capital moins coûteuse qu’en Suisse ; "
          "l’opération avait été soumise à ses actionnaires en juin, lors d’une assemblée extraordinaire à Zurich. "
          "La Suisse restera un centre de direction pour plusieurs fonctions stratégiques."),
    organisations=[O("TE Connectivity", [], "CH")],
    places=[P("Schaffhouse", "CH", "city"), P("Irlande", "IE", "country"), P("Galway", "IE", "city"),
            P("Suisse", "CH", "country"), P("Zurich", "CH", "city")],
    dates=[D("lundi", "2024-09-30"), D("en juin", "2024-06")],
    quantities=[Q(f"85{NB}000 personnes", 85000, "personne"), Q("140 pays", 140, "pays")],
    events=[E("relocation", "a transféré", "2024-09-30", "TE Connectivity", "CH", None, "Galway", "IE", [])],
))


if __name__ == "__main__":  # not at import: pytest imports this file
    write_set(Path(__file__).resolve().parent,
              [(b["id"], b.get("date"), b["headline"], b["text"], {k: b[k] for k in GOLD_KEYS}) for b in BRIEFS])
