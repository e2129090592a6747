"""Write briefs.jsonl and gold.jsonl of the held-out francophonie-north set.

Annotated by hand from GUIDELINES.md (conventions included) before any run of the pipeline on these briefs.
Asserts that every date, quantity and trigger text quoted in the gold is written in its brief.
Named apart from the other sets' scripts (make_gold.py, build_gold.py): pytest collects them as modules.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # goldkit.py, shared by the held-out sets
from goldkit import GOLD_KEYS, write_set  # noqa: E402
from goldkit import dt as D, ev as E, org as O, pl as P, q as Q  # noqa: E402

NB = "\u00a0"   # no-break space
NN = "\u202f"   # narrow no-break space

BRIEFS = []

# 1 construction — Grand Est (Strasbourg), "poser la première pierre", "lundi", bare "60 millions" sharing EUR
q70m = Q("plus de 70 millions d’euros", 70000000.0, "EUR")
q13k = Q(f"13{NB}000 m²", 13000, "m²")
BRIEFS.append(dict(
    id="fn01-ca-strasbourg", date="2024-09-24",
    headline="Strasbourg : le Crédit Agricole Alsace Vosges pose la première pierre de son futur siège",
    text=("Le Crédit Agricole Alsace Vosges a posé lundi la première pierre de son nouveau siège, place de la Gare "
          "à Strasbourg, après dix-huit mois de déconstruction des anciens immeubles. Chiffré désormais à plus de "
          "70 millions d’euros, contre 60 millions annoncés au départ, l’ensemble offrira "
          f"13{NB}000 m² de bureaux sur sept niveaux d’ici 2026, dont 5{NB}000 m² destinés à la location. La banque "
          f"régionale, qui compte 1{NB}500 collaborateurs, a préféré démolir et reconstruire en centre-ville "
          "plutôt que rénover."),
    organisations=[O("Crédit Agricole Alsace Vosges", [], "FR")],
    places=[P("Strasbourg", "FR", "city")],
    dates=[D("lundi", "2024-09-23"), D("d’ici 2026", "2026")],
    quantities=[Q("dix-huit mois", 18, "mois"), q70m, Q("60 millions", 60000000.0, "EUR"), q13k,
                Q("sept niveaux", 7, "niveau"), Q(f"5{NB}000 m²", 5000, "m²"),
                Q(f"1{NB}500 collaborateurs", 1500, "collaborateur")],
    events=[E("construction", "a posé lundi la première pierre", "2024-09-23", "Crédit Agricole Alsace Vosges", "FR",
              None, "Strasbourg", "FR", [q70m, q13k])],
))

# 2 commissioning — Bretagne, offshore wind farm, "en mai", apposition with demonym company, MW/GWh written in full
q62 = Q("62 éoliennes", 62, "éolienne")
q496 = Q("496 mégawatts", 496, "MW")
BRIEFS.append(dict(
    id="fn02-saint-brieuc", date="2024-06-14",
    headline="Bretagne : le parc éolien en mer de Saint-Brieuc tourne à plein régime",
    text=("Ailes Marines, filiale de l’espagnol Iberdrola, a achevé en mai la mise en service des 62 éoliennes du "
          "parc posé au large de Saint-Brieuc, dans les Côtes-d’Armor, après trois ans de chantier. D’une puissance "
          "de 496 mégawatts, ce deuxième parc éolien en mer de France doit produire chaque année "
          f"1{NB}820 GWh, soit 9 % de la consommation électrique de la Bretagne. Son coût atteint 2,4 milliards "
          "d’euros ; les pêcheurs de coquilles Saint-Jacques, longtemps opposés au projet, surveillent ses effets "
          "sur la ressource."),
    organisations=[O("Ailes Marines", [], "FR"), O("Iberdrola", [], "ES")],
    places=[P("Bretagne", "FR", "region"), P("Saint-Brieuc", "FR", "city"), P("Côtes-d’Armor", "FR", "region"),
            P("France", "FR", "country")],
    dates=[D("en mai", "2024-05")],
    quantities=[q62, Q("trois ans", 3, "an"), q496, Q(f"1{NB}820 GWh", 1820, "GWh"), Q("9 %", 9, "%"),
                Q("2,4 milliards d’euros", 2400000000.0, "EUR")],
    events=[E("commissioning", "a achevé en mai la mise en service", "2024-05", "Ailes Marines", "FR", None,
              "Saint-Brieuc", "FR", [q62, q496])],
))

# 3 launch — Polynésie française, XPF, "lundi", "une quinzaine", "d'ici début août", acronym with expansion
q300 = Q("300 millions de francs CFP", 300000000.0, "XPF")
BRIEFS.append(dict(
    id="fn03-5g-papeete", date="2024-06-11",
    headline="Polynésie : la 5G fait ses débuts à Papeete",
    text=("L’opérateur privé Pacific Mobile Telecom a lancé lundi la 5G à Papeete, une première en Polynésie "
          "française après dix-huit mois d’essais. Cette première phase, limitée à la capitale, a coûté 300 millions "
          "de francs CFP ; Pirae, Faa’a et Punaauia doivent suivre. Son concurrent Viti promet une quinzaine "
          "d’antennes 5G d’ici début août, tandis qu’Onati, filiale de l’Office des postes et télécommunications "
          "(OPT), poursuit ses tests."),
    organisations=[O("Pacific Mobile Telecom", [], "FR"), O("Viti", [], "FR"), O("Onati", [], "FR"),
                   O("Office des postes et télécommunications", ["OPT"], "FR")],
    places=[P("Polynésie française", "FR", "region"), P("Papeete", "FR", "city"), P("Pirae", "FR", "city"),
            P("Faa’a", "FR", "city"), P("Punaauia", "FR", "city")],
    dates=[D("lundi", "2024-06-10"), D("d’ici début août", "2024-08")],
    quantities=[Q("dix-huit mois", 18, "mois"), q300, Q("une quinzaine d’antennes", 15, "antenne")],
    events=[E("launch", "a lancé", "2024-06-10", "Pacific Mobile Telecom", "FR", None, "Papeete", "FR", [q300])],
))

# 4 agreement — Canada / Nouveau-Brunswick, two governments, full date, cities for governments in the headline
BRIEFS.append(dict(
    id="fn04-entente-nb", date="2024-06-27",
    headline="Services en français : Ottawa et Fredericton renouvellent leur entente",
    text=("Le gouvernement du Canada et le gouvernement du Nouveau-Brunswick ont conclu le 25 juin 2024 une entente "
          "de quatre ans sur les services en français, valable jusqu’en 2028. Signé pour Ottawa par le ministre "
          "d’État aux Langues officielles et pour la province par le ministre responsable de la Francophonie, le "
          "texte doit aider le Nouveau-Brunswick, seule province officiellement bilingue du pays, à offrir ses "
          "services en français comme en anglais."),
    organisations=[O("Gouvernement du Canada", [], "CA"), O("Gouvernement du Nouveau-Brunswick", [], "CA")],
    places=[P("Ottawa", "CA", "city"), P("Fredericton", "CA", "city"), P("Nouveau-Brunswick", "CA", "region")],
    dates=[D("le 25 juin 2024", "2024-06-25"), D("jusqu’en 2028", "2028")],
    quantities=[Q("quatre ans", 4, "an")],
    events=[E("agreement", "ont conclu", "2024-06-25", "Gouvernement du Canada", "CA",
              "Gouvernement du Nouveau-Brunswick", None, "CA", [])],
))

# 5 diplomacy — Belgique → France (Paris, Lille), "hier", future "mercredi", year alone
BRIEFS.append(dict(
    id="fn05-philippe-paris", date="2024-10-15",
    headline="Philippe et Mathilde en visite d’État en France",
    text=("Le roi des Belges, Philippe, a entamé hier à Paris une visite d’État de trois jours en France, la "
          "première d’un souverain belge depuis celle d’Albert II en 2003. Arrivé en train à la gare "
          "du Nord avec la reine Mathilde, il a été accueilli par Emmanuel Macron avec les honneurs militaires, "
          "avant un dîner d’État offert par le couple présidentiel. Les souverains doivent encore se rendre à "
          "Chantilly puis à Lille, mercredi."),
    organisations=[],
    places=[P("France", "FR", "country"), P("Paris", "FR", "city"), P("Chantilly", "FR", "city"),
            P("Lille", "FR", "city")],
    dates=[D("hier", "2024-10-14"), D("en 2003", "2003"), D("mercredi", "2024-10-16")],
    quantities=[Q("trois jours", 3, "jour")],
    events=[E("diplomacy", "a entamé hier à Paris une visite d’État", "2024-10-14", "Philippe", "BE", "France",
              "Paris", "FR", [])],
))

# 6 legislation — Monaco, apposition naming the body, "n° 1101" is not a quantity, "mardi"
q14v = Q("14 voix", 14, "voix")
BRIEFS.append(dict(
    id="fn06-monaco-vaccins", date="2025-12-10",
    headline="Monaco : la vaccination des enfants devient obligatoire",
    text=("Le Conseil national, le Parlement monégasque, a adopté mardi par 14 voix le projet de loi n° 1101, qui "
          "rend obligatoires onze vaccinations pour les enfants. Au cours de la même séance, les élus ont voté à "
          "l’unanimité un statut des journalistes professionnels, qui protège le secret des sources et crée une "
          "carte de presse, ainsi qu’une réforme de la sécurité civile."),
    organisations=[O("Conseil national", ["Parlement monégasque", "Parlement de Monaco"], "MC")],
    places=[P("Monaco", "MC", "country")],
    dates=[D("mardi", "2025-12-09")],
    quantities=[q14v, Q("onze vaccinations", 11, "vaccination")],
    events=[E("legislation", "a adopté", "2025-12-09", "Conseil national", "MC", None, None, "MC", [q14v])],
))

# 7 government_decision — canton de Vaud, demonym body, communes with articles after "du", full dates, "mercredi"
BRIEFS.append(dict(
    id="fn07-vallee-de-joux", date="2025-03-20",
    headline="Vallée de Joux : Lausanne valide la fusion de trois communes",
    text=("Le Conseil d’État vaudois a adopté mercredi un projet de décret qui propose au Grand Conseil de ratifier "
          "la fusion des communes de L’Abbaye, du Chenit et du Lieu, dans le district du Jura-Nord vaudois. Acceptée "
          "par les électeurs des trois communes le 22 septembre 2024, la fusion entrera en vigueur le 1er janvier "
          f"2027 et donnera naissance à La Vallée de Joux, forte de quelque 7{NB}200 habitants. Le canton ne "
          "comptera alors plus que 298 communes."),
    organisations=[O("Conseil d’État du canton de Vaud", ["Conseil d’État vaudois"], "CH"),
                   O("Grand Conseil du canton de Vaud", ["Grand Conseil"], "CH")],
    places=[P("Vallée de Joux", "CH", "region"), P("Lausanne", "CH", "city"), P("L’Abbaye", "CH", "city"),
            P("Le Chenit", "CH", "city"), P("Le Lieu", "CH", "city"), P("Jura-Nord vaudois", "CH", "region")],
    dates=[D("mercredi", "2025-03-19"), D("le 22 septembre 2024", "2024-09-22"),
           D("le 1er janvier 2027", "2027-01-01")],
    quantities=[Q("trois communes", 3, "commune"), Q(f"7{NB}200 habitants", 7200, "habitant"),
                Q("298 communes", 298, "commune")],
    events=[E("government_decision", "a adopté", "2025-03-19", "Conseil d’État du canton de Vaud", "CH", None,
              None, "CH", [])],
))

# 8 investment — Hauts-de-France (Dunkerque), announced by a head of state for a foreign company, "hier", ha
q52 = Q("5,2 milliards d’euros", 5200000000.0, "EUR")
BRIEFS.append(dict(
    id="fn08-prologium", date="2023-05-13",
    headline="Dunkerque décroche la gigafactory du taïwanais ProLogium",
    text=("Le fabricant taïwanais de batteries ProLogium va investir 5,2 milliards d’euros dans une usine de "
          "batteries pour voitures électriques sur le port de Dunkerque, a annoncé hier Emmanuel Macron, venu dans le "
          f"Nord aux côtés des dirigeants du groupe. Le site, qui doit créer 3{NB}000 emplois, occupera environ "
          "180 hectares ; les travaux doivent commencer en 2024 pour une mise en service vers 2026. Avant de choisir "
          "la France, l’industriel de Taoyuan avait étudié les Pays-Bas et l’Allemagne."),
    organisations=[O("ProLogium", [], "TW")],
    places=[P("Dunkerque", "FR", "city"), P("Nord", "FR", "region"), P("France", "FR", "country"),
            P("Taoyuan", "TW", "city"), P("Pays-Bas", "NL", "country"), P("Allemagne", "DE", "country")],
    dates=[D("hier", "2023-05-12"), D("en 2024", "2024"), D("vers 2026", "2026")],
    quantities=[q52, Q(f"3{NB}000 emplois", 3000, "emploi"), Q("180 hectares", 180, "ha")],
    events=[E("investment", "va investir", "2023-05-12", "ProLogium", "TW", None, "Dunkerque", "FR", [q52])],
))

# 9 procurement — Polynésie française, record without date, interval of years, number words, maker as partner
q4av = Q("quatre avions", 4, "avion")
BRIEFS.append(dict(
    id="fn09-air-tahiti",
    headline="Air Tahiti renforce sa flotte inter-îles",
    text=("La compagnie polynésienne Air Tahiti a commandé quatre avions ATR 72-600 au constructeur franco-italien "
          "ATR, qui les livrera entre 2025 et 2028. La commande s’accompagne d’un contrat de maintenance global de "
          "huit ans. Basée à Faa’a, sur l’île de Tahiti, la compagnie exploite déjà onze appareils du même "
          "constructeur et avait passé une première commande en février 2024."),
    organisations=[O("Air Tahiti", [], "FR"), O("ATR", [], "FR")],
    places=[P("Faa’a", "FR", "city"), P("Tahiti", "FR", "region")],
    dates=[D("entre 2025 et 2028", "2025/2028"), D("en février 2024", "2024-02")],
    quantities=[q4av, Q("huit ans", 8, "an"), Q("onze appareils", 11, "appareil")],
    events=[E("procurement", "a commandé", None, "Air Tahiti", "FR", "ATR", None, "FR", [q4av])],
))

# 10 relocation — Wallonie (Namur), record without date, present tense, bare "huit" sharing "sites"
q4700 = Q(f"4{NB}700 agents", 4700, "agent")
BRIEFS.append(dict(
    id="fn10-spw-namur",
    headline="Namur : l’administration wallonne regroupe ses agents près de la gare",
    text=(f"Le Service public de Wallonie (SPW) déménage près de 4{NB}700 agents à Namur, où ses services, aujourd’hui "
          "répartis sur 44 sites, seront regroupés sur huit. Les services financiers, le secrétariat général et les "
          "services de support quittent Jambes pour le boulevard Mélot, à deux pas de la gare, tandis que ceux du "
          "patrimoine s’installent aux Moulins de Beez. La secrétaire générale Sylvie Marique attend de ce regroupement une "
          "meilleure collaboration entre les services."),
    organisations=[O("Service public de Wallonie", ["SPW"], "BE")],
    places=[P("Namur", "BE", "city"), P("Jambes", "BE", "city"), P("Beez", "BE", "city")],
    dates=[],
    quantities=[q4700, Q("44 sites", 44, "site"), Q("huit", 8, "site")],
    events=[E("relocation", "déménage", None, "Service public de Wallonie", "BE", None, "Namur", "BE", [q4700])],
))

# 11 economic_indicator — Vietnam, publisher with acronym in an incise, range "de 6 à 6,5 %", "lundi"
q709 = Q("7,09 %", 7.09, "%")
BRIEFS.append(dict(
    id="fn11-vietnam-pib", date="2025-01-07",
    headline="Vietnam : une croissance de 7,09 % en 2024",
    text=("L’économie vietnamienne a progressé de 7,09 % en 2024, au-delà de l’objectif de 6 à 6,5 % fixé par "
          "l’Assemblée nationale, a annoncé lundi à Hanoï l’Office général des statistiques (GSO). Au dernier "
          "trimestre, le produit intérieur brut a bondi de 7,55 % en glissement annuel. Il atteint ainsi 476,3 milliards de "
          f"dollars, soit 4{NB}700 dollars par habitant, et le gouvernement vise au moins 8 % pour 2025."),
    organisations=[O("Office général des statistiques", ["GSO"], "VN"),
                   O("Assemblée nationale", ["Assemblée nationale du Vietnam"], "VN")],
    places=[P("Vietnam", "VN", "country"), P("Hanoï", "VN", "city")],
    dates=[D("en 2024", "2024"), D("lundi", "2025-01-06"), D("Au dernier trimestre", "2024-10/2024-12"),
           D("pour 2025", "2025")],
    quantities=[q709, Q("6", 6, "%"), Q("6,5 %", 6.5, "%"), Q("7,55 %", 7.55, "%"),
                Q("476,3 milliards de dollars", 476300000000.0, "USD"), Q(f"4{NB}700 dollars", 4700, "USD"),
                Q("8 %", 8, "%")],
    events=[E("economic_indicator", "a progressé", "2025-01-06", "Office général des statistiques", "VN", None,
              None, "VN", [q709])],
))

# 12 production — Occitanie (Languedoc-Roussillon), unnamed actor, hectolitres, "hier", "l'an dernier"
q96 = Q("9,6 millions d’hectolitres", 9600000.0, "hl")
BRIEFS.append(dict(
    id="fn12-vendange-languedoc", date="2024-10-23",
    headline="Languedoc-Roussillon : une vendange 2024 en repli de 13 %",
    text=("Les vignerons du Languedoc-Roussillon ont récolté 9,6 millions d’hectolitres de vin en 2024, soit 13 % "
          "de moins que l’an dernier, a indiqué hier à Mèze, dans l’Hérault, le président du Conseil "
          "interprofessionnel des vins du Languedoc (CIVL), Pierre Bories. La sécheresse dans l’Aude et les "
          "Pyrénées-Orientales et le mildiou dans le Gard expliquent l’essentiel de la baisse, moins marquée "
          "toutefois que dans d’autres vignobles français."),
    organisations=[O("Conseil interprofessionnel des vins du Languedoc", ["CIVL"], "FR")],
    places=[P("Languedoc-Roussillon", "FR", "region"), P("Mèze", "FR", "city"), P("Hérault", "FR", "region"),
            P("Aude", "FR", "region"), P("Pyrénées-Orientales", "FR", "region"), P("Gard", "FR", "region")],
    dates=[D("en 2024", "2024"), D("l’an dernier", "2023"), D("hier", "2024-10-22")],
    quantities=[q96, Q("13 %", 13, "%")],
    events=[E("production", "ont récolté", "2024", None, "FR", None, "Languedoc-Roussillon", "FR", [q96])],
))


if __name__ == "__main__":  # not at import: pytest imports this file
    write_set(Path(__file__).resolve().parent,
              [(b["id"], b.get("date"), b["headline"], b["text"], {k: b[k] for k in GOLD_KEYS}) for b in BRIEFS])
