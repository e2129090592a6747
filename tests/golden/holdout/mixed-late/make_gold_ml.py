"""Writes briefs.jsonl and gold.jsonl of the held-out "mixed-late" set (annotated blind, see NOTES.md).

Eight briefs, one per event type, from places no other gold set covers (Centrafrique, Laos, Seychelles,
Martinique, Longueuil, Guadeloupe, Maurice/Seychelles). Every date, quantity and trigger quoted in the
gold is asserted to be written byte for byte in its brief.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # goldkit.py, shared by the held-out sets
from goldkit import dt, ev, org, pl, q, write_set  # noqa: E402

B = []  # (id, date or None, headline, text, gold-without-index/headline/lede_start)


# 1 legislation — République centrafricaine
B.append(("ml01", "2023-08-31",
 "Centrafrique : Touadéra promulgue la Constitution de la VIIe République",
 "Le président centrafricain Faustin Archange Touadéra a promulgué par décret le mercredi 30 août 2023 la nouvelle loi fondamentale du pays, soumise au référendum du 30 juillet. Selon les résultats provisoires de l’Autorité nationale des élections (ANE), le oui y avait recueilli 95,27 % des suffrages exprimés, avant la validation du scrutin par la Cour constitutionnelle le 21 août. Le texte allonge le mandat présidentiel de cinq à sept ans, lève toute limite au nombre de mandats et crée une vice-présidence ; il remplace la Constitution du 30 mars 2016.",
 dict(organisations=[org("Autorité nationale des élections", ["ANE"], "CF"),
                     org("Cour constitutionnelle", ["Cour constitutionnelle de Centrafrique"], "CF")],
      places=[pl("République centrafricaine", "CF", "country")],
      dates=[dt("mercredi 30 août 2023", "2023-08-30"), dt("30 juillet", "2023-07-30"), dt("21 août", "2023-08-21"),
             dt("30 mars 2016", "2016-03-30")],
      quantities=[q("95,27 %", 95.27, "%"), q("cinq", 5, "an"), q("sept ans", 7, "an")],
      events=[ev("legislation", "a promulgué", "2023-08-30", "Faustin Archange Touadéra", "CF", None, None, "CF", [])])))

# 2 economic_indicator — Laos (no reference date: the source page gives none)
q2 = q("21,3 %", 21.3, "%")
B.append(("ml02", None,
 "Laos : l’inflation reflue à 21,3 % en 2024",
 "D’après les dernières données du Bureau lao des statistiques, la hausse moyenne des prix à la consommation est retombée à 21,3 % en 2024 au Laos, contre 31,2 % en 2023. L’indice des prix n’en a pas moins grimpé de 208,3 à 243,5 points d’une année sur l’autre, l’alimentation et les médicaments importés pesant le plus sur les ménages. Cette accalmie doit beaucoup à la stabilisation du kip face aux grandes devises, mais elle reste jugée fragile.",
 dict(organisations=[org("Bureau des statistiques du Laos", ["Bureau lao des statistiques"], "LA")],
      places=[pl("Laos", "LA", "country")],
      dates=[dt("2024", "2024"), dt("2023", "2023")],
      quantities=[q2, q("31,2 %", 31.2, "%"), q("208,3", 208.3, "point"), q("243,5 points", 243.5, "point")],
      events=[ev("economic_indicator", "la hausse moyenne des prix à la consommation est retombée à 21,3 %", None,
                 "Bureau des statistiques du Laos", "LA", None, None, "LA", [q2])])))

# 3 government_decision — Seychelles
q3a = q("2 %", 2, "%"); q3b = q("1,75 %", 1.75, "%")
B.append(("ml03", "2024-03-27",
 "Seychelles : la Banque centrale abaisse son taux directeur à 1,75 %",
 "Le conseil d’administration de la Banque centrale des Seychelles (CBS) a décidé le lundi 25 mars 2024 de ramener son taux de politique monétaire de 2 % à 1,75 % pour les trois prochains mois. Son premier vice-gouverneur, Brian Commettant, a expliqué mardi que l’activité intérieure poursuivait sa reprise et que l’inflation refluait dans les grandes économies, même si l’incertitude internationale reste forte. Les autres taux fixés par l’institution suivront le même mouvement.",
 dict(organisations=[org("Banque centrale des Seychelles", ["CBS", "Central Bank of Seychelles"], "SC")],
      places=[pl("Seychelles", "SC", "country")],
      dates=[dt("lundi 25 mars 2024", "2024-03-25"), dt("mardi", "2024-03-26")],
      quantities=[q3a, q3b, q("trois prochains mois", 3, "mois")],
      events=[ev("government_decision", "a décidé le lundi 25 mars 2024 de ramener son taux de politique monétaire",
                 "2024-03-25", "Banque centrale des Seychelles", "SC", None, None, "SC", [q3a, q3b])])))

# 4 agreement — Martinique (multi-party: first signatory actor, first counterparty partner)
q4 = q("20 %", 20, "%")
B.append(("ml04", "2024-10-17",
 "Vie chère : un protocole signé en Martinique, sans le RPPRAC",
 "L’État, la Collectivité territoriale de Martinique (CTM), les parlementaires de l’île, les distributeurs et l’armateur CMA CGM ont signé mercredi soir à Fort-de-France un protocole d’objectifs et de moyens contre la vie chère, à l’issue d’une septième table ronde. Le texte promet une baisse moyenne de 20 % des prix sur 54 familles de produits alimentaires, en supprimant notamment la TVA et l’octroi de mer. Le Rassemblement pour la protection des peuples et des ressources afro-caribéens (RPPRAC), qui mène la mobilisation depuis le 1er septembre, a refusé de le parapher.",
 dict(organisations=[org("Collectivité territoriale de Martinique", ["CTM"], "FR"), org("CMA CGM", ["CMA-CGM"], "FR"),
                     org("Rassemblement pour la protection des peuples et des ressources afro-caribéens", ["RPPRAC"], "FR")],
      places=[pl("Martinique", "FR", "region"), pl("Fort-de-France", "FR", "city")],
      dates=[dt("mercredi soir", "2024-10-16"), dt("1er septembre", "2024-09-01")],
      quantities=[q4, q("54 familles", 54, "famille")],
      events=[ev("agreement", "ont signé", "2024-10-16", "France", "FR", "Collectivité territoriale de Martinique",
                 "Fort-de-France", "FR", [q4])])))

# 5 procurement — Longueuil (Québec)
q5 = q("20 autobus électriques", 20, "autobus")
B.append(("ml05", "2023-05-18",
 "Longueuil : vingt autobus électriques de plus pour le RTL",
 "Le Réseau de transport de Longueuil (RTL) a commandé 20 autobus électriques LFSe+ au constructeur québécois Nova Bus, dans le cadre de l’achat groupé de 1 229 véhicules que dix sociétés de transport du Québec viennent de conclure. Les livraisons commenceront en décembre 2026, et le RTL garde une option sur 78 autobus supplémentaires. Sa présidente, Geneviève Héon, y voit le plus grand chantier du transport collectif depuis des décennies ; la flotte actuelle du réseau compte 435 autobus.",
 dict(organisations=[org("Réseau de transport de Longueuil", ["RTL"], "CA"), org("Nova Bus", [], "CA")],
      places=[pl("Longueuil", "CA", "city"), pl("Québec", "CA", "region")],
      dates=[dt("décembre 2026", "2026-12")],
      quantities=[q5, q("1 229 véhicules", 1229, "véhicule"), q("dix sociétés", 10, "société"),
                  q("78 autobus", 78, "autobus"), q("435 autobus", 435, "autobus")],
      events=[ev("procurement", "a commandé", None, "Réseau de transport de Longueuil", "CA", "Nova Bus",
                 "Longueuil", "CA", [q5])])))

# 6 production — Guadeloupe (no reference date: the source page gives none)
q6 = q("867 GWh", 867, "GWh")
B.append(("ml06", None,
 "Guadeloupe : la production électrique recule au second semestre 2024",
 "Les centrales de la Guadeloupe ont injecté 867 GWh dans le réseau entre juillet et décembre 2024, soit 1 % de moins qu’au second semestre 2023, selon le bulletin de l’Observatoire régional de l’énergie et du climat (OREC) paru en avril 2025. Le repli tient moins à la demande qu’au conflit social chez EDF Production électrique insulaire (EDF PEI), qui a imposé plus de deux mois de délestages et un black-out total le vendredi 25 octobre 2024. L’archipel maintient pourtant son objectif d’une électricité entièrement renouvelable en 2028.",
 dict(organisations=[org("Observatoire régional de l’énergie et du climat", ["OREC"], "FR"),
                     org("EDF Production électrique insulaire", ["EDF PEI", "EDF-PEI"], "FR")],
      places=[pl("Guadeloupe", "FR", "region")],
      dates=[dt("entre juillet et décembre 2024", "2024-07/2024-12"), dt("second semestre 2023", "2023-07/2023-12"),
             dt("avril 2025", "2025-04"), dt("vendredi 25 octobre 2024", "2024-10-25"), dt("2028", "2028")],
      quantities=[q6, q("1 %", 1, "%"), q("plus de deux mois", 2, "mois")],
      events=[ev("production", "ont injecté", "2024-07/2024-12", None, "FR", None, "Guadeloupe", "FR", [q6])])))

# 7 construction — Laos
q7 = q("600 MW", 600, "MW")
B.append(("ml07", "2023-04-26",
 "Laos : coup d’envoi du plus grand parc éolien d’Asie du Sud-Est",
 "Monsoon Wind Power Company Limited, la société laotienne qui porte le projet, a donné mardi à Vientiane le coup d’envoi du chantier du parc éolien Monsoon, d’une capacité de 600 MW. Réalisé par le groupe chinois Power Construction Corporation of China (PowerChina), le parc alignera 133 éoliennes dans le sud du pays, surtout dans le district de Dakcheung, province de Sekong, et vendra son courant au Vietnam pendant vingt-cinq ans. Le ministre de l’Énergie et des Mines, Phoxay Sayasone, y voit une voie nouvelle pour l’énergie du pays.",
 dict(organisations=[org("Monsoon Wind Power Company Limited", ["Monsoon Wind Power"], "LA"),
                     org("Power Construction Corporation of China", ["PowerChina"], "CN")],
      places=[pl("Laos", "LA", "country"), pl("Asie du Sud-Est", None, "supranational"), pl("Vientiane", "LA", "city"),
              pl("Dakcheung", "LA", "region"), pl("Sekong", "LA", "region"), pl("Vietnam", "VN", "country")],
      dates=[dt("mardi", "2023-04-25")],
      quantities=[q7, q("133 éoliennes", 133, "éolienne"), q("vingt-cinq ans", 25, "an")],
      events=[ev("construction", "le coup d’envoi du chantier", "2023-04-25", "Monsoon Wind Power Company Limited", "LA",
                 None, "Dakcheung", "LA", [q7])])))

# 8 diplomacy — Maurice / Seychelles (frame: en marge de la cérémonie)
B.append(("ml08", "2025-10-26",
 "Maurice–Seychelles : Navin Ramgoolam à l’investiture de Patrick Herminie",
 "Le Premier ministre mauricien, Navin Ramgoolam, s’est rendu samedi aux Seychelles, à l’invitation du gouvernement seychellois, pour assister ce dimanche 26 octobre à la prestation de serment du nouveau président, Patrick Herminie. En marge de la cérémonie, il doit aussi rencontrer le vice-président indien, C. P. Radhakrishnan, présent dans l’archipel pour l’occasion. Vainqueur du second tour avec 52,7 % des voix face au sortant Wavel Ramkalawan, Patrick Herminie avait reçu ses félicitations par téléphone dès le 14 octobre.",
 dict(organisations=[org("Gouvernement des Seychelles", ["gouvernement seychellois"], "SC")],
      places=[pl("Maurice", "MU", "country"), pl("Seychelles", "SC", "country")],
      dates=[dt("samedi", "2025-10-25"), dt("dimanche 26 octobre", "2025-10-26"), dt("14 octobre", "2025-10-14")],
      quantities=[q("52,7 %", 52.7, "%")],
      events=[ev("diplomacy", "s’est rendu samedi aux Seychelles", "2025-10-25", "Navin Ramgoolam", "MU", "Seychelles",
                 "Seychelles", "SC", [])])))


if __name__ == "__main__":  # not at import: pytest imports this file
    write_set(Path(__file__).resolve().parent, B)
