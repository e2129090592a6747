"""Writes briefs.jsonl and gold.jsonl of the held-out Africa / Middle East set (annotated blind, see NOTES.md).

Every date, quantity and trigger quoted in the gold is asserted to be written byte for byte in its brief.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # goldkit.py, shared by the held-out sets
from goldkit import dt, ev, org, pl, q, write_set  # noqa: E402

B = []  # (id, date, headline, text, gold-without-index/headline/lede_start)


# 1 economic_indicator — Tunisie
q1 = q("5,3 %", 5.3, "%")
B.append(("am01", "2026-01-06",
 "Tunisie : l’inflation moyenne contenue à 5,3 % sur l’année 2025",
 "L’Institut national de la statistique (INS) a publié lundi ses chiffres des prix à la consommation : en moyenne, les prix ont progressé de 5,3 % en Tunisie en 2025, contre 7 % en 2024. En glissement annuel, le rythme s’est stabilisé à 4,9 % en décembre 2025, mais l’alimentation pèse toujours, les fruits frais ayant renchéri de 16 %. Seules les huiles alimentaires ont reculé, de 14,8 %.",
 dict(organisations=[org("Institut national de la statistique", ["INS", "Institut national de la statistique de Tunisie"], "TN")],
      places=[pl("Tunisie", "TN", "country")],
      dates=[dt("lundi", "2026-01-05"), dt("2025", "2025"), dt("2024", "2024"), dt("décembre 2025", "2025-12")],
      quantities=[q1, q("7 %", 7, "%"), q("4,9 %", 4.9, "%"), q("16 %", 16, "%"), q("14,8 %", 14.8, "%")],
      events=[ev("economic_indicator", "a publié", "2026-01-05", "Institut national de la statistique", "TN", None, None, "TN", [q1])])))

# 2 commissioning — Guinée
q2 = q("quelque 60 millions de tonnes par an", 60000000, "t")
B.append(("am02", "2025-12-04",
 "Simandou : le premier minerai guinéen a pris la mer",
 "SimFer, la coentreprise qui réunit la Guinée, Rio Tinto et le consortium Chalco Iron Ore Holdings (CIOH) emmené par Chinalco, a annoncé mercredi le départ de sa toute première cargaison de minerai de fer à haute teneur depuis le port de Morebaya, dans la préfecture de Forécariah. Le minerai a d’abord été conduit au large, puis transbordé sur un navire océanique. Au terme d’une montée en cadence d’une trentaine de mois, la société compte expédier quelque 60 millions de tonnes par an.",
 dict(organisations=[org("SimFer", ["SimFer S.A."], "GN"), org("Rio Tinto", [], None),
                     org("Chalco Iron Ore Holdings", ["CIOH"], "CN"), org("Chinalco", ["Aluminum Corporation of China"], "CN")],
      places=[pl("Simandou", "GN", "site"), pl("Guinée", "GN", "country"), pl("Morebaya", "GN", "site"), pl("Forécariah", "GN", "region")],
      dates=[dt("mercredi", "2025-12-03")],
      quantities=[q("une trentaine de mois", 30, "mois"), q2],
      events=[ev("commissioning", "le départ de sa toute première cargaison", "2025-12-03", "SimFer", "GN", None, "Morebaya", "GN", [q2])])))

# 3 procurement — Algérie (frame: salon du Bourget)
q3a = q("huit moyen-courriers", 8, "moyen-courrier"); q3b = q("un milliard de dollars", 1000000000, "USD")
B.append(("am03", "2023-06-20",
 "Air Algérie commande huit moyen-courriers à Boeing au Bourget",
 "À l’ouverture du salon aéronautique du Bourget, lundi, la compagnie nationale Air Algérie a confirmé auprès de l’avionneur américain Boeing la commande de huit moyen-courriers 737-9 MAX, un contrat évalué à un milliard de dollars au prix catalogue. Les appareils doivent être livrés en 2027, a précisé son directeur général, Yacine Benslimane. Début juin, le transporteur algérien s’était déjà engagé auprès d’Airbus pour sept gros-porteurs A350, d’une valeur théorique de 2,2 milliards de dollars.",
 dict(organisations=[org("Air Algérie", [], "DZ"), org("Boeing", [], "US"), org("Airbus", [], None)],
      places=[pl("Le Bourget", "FR", "city")],
      dates=[dt("lundi", "2023-06-19"), dt("2027", "2027"), dt("Début juin", "2023-06")],
      quantities=[q3a, q3b, q("sept gros-porteurs", 7, "gros-porteur"), q("2,2 milliards de dollars", 2200000000, "USD")],
      events=[ev("procurement", "la commande", "2023-06-19", "Air Algérie", "DZ", "Boeing", "Le Bourget", "FR", [q3a, q3b])])))

# 4 legislation — Gabon
q4 = q("91,64 %", 91.64, "%")
B.append(("am04", "2024-11-30",
 "Gabon : la nouvelle Constitution définitivement validée",
 "Au Gabon, la Cour constitutionnelle a entériné le vendredi 29 novembre 2024 l’adoption de la nouvelle loi fondamentale, approuvée au référendum du 16 novembre par 91,64 % des votants. Porté par le Comité pour la transition et la restauration des institutions (CTRI), le texte limite le chef de l’État à deux mandats de sept ans et supprime le poste de Premier ministre. Il ne s’appliquera pleinement qu’après l’élection présidentielle prévue en août 2025.",
 dict(organisations=[org("Cour constitutionnelle", ["Cour constitutionnelle du Gabon"], "GA"),
                     org("Comité pour la transition et la restauration des institutions", ["CTRI"], "GA")],
      places=[pl("Gabon", "GA", "country")],
      dates=[dt("vendredi 29 novembre 2024", "2024-11-29"), dt("16 novembre", "2024-11-16"), dt("août 2025", "2025-08")],
      quantities=[q4, q("deux mandats", 2, "mandat"), q("sept ans", 7, "an")],
      events=[ev("legislation", "a entériné", "2024-11-29", "Cour constitutionnelle", "GA", None, None, "GA", [q4])])))

# 5 government_decision — Maroc
q5a = q("2,5 %", 2.5, "%"); q5b = q("2,25 %", 2.25, "%"); q5c = q("25 points de base", 25, "point de base")
B.append(("am05", "2025-03-19",
 "Bank Al-Maghrib desserre encore sa politique monétaire",
 "Réuni mardi à Rabat, le conseil de Bank Al-Maghrib (BAM) a ramené le taux directeur de 2,5 % à 2,25 %, soit un recul de 25 points de base, le deuxième d’affilée. La banque centrale marocaine invoque une inflation attendue en ligne avec son objectif de stabilité des prix et veut soutenir l’activité et l’emploi. Le nouveau taux entre en vigueur le jeudi 20 mars.",
 dict(organisations=[org("Bank Al-Maghrib", ["BAM", "Bank Al Maghrib", "banque centrale marocaine"], "MA")],
      places=[pl("Rabat", "MA", "city")],
      dates=[dt("mardi", "2025-03-18"), dt("jeudi 20 mars", "2025-03-20")],
      quantities=[q5a, q5b, q5c],
      events=[ev("government_decision", "a ramené le taux directeur", "2025-03-18", "Bank Al-Maghrib", "MA", None, "Rabat", "MA", [q5a, q5b, q5c])])))

# 6 production — Mali
q6 = q("51 tonnes", 51, "t")
B.append(("am06", "2025-02-10",
 "Mali : l’or industriel tombe à 51 tonnes en 2024",
 "Le Mali n’a extrait de ses mines industrielles que 51 tonnes d’or en 2024, contre 66,5 tonnes en 2023, selon les statistiques rendues publiques vendredi 7 février par le ministère malien des Mines. Cette chute de 23 %, qui fait passer le pays sous la barre des 60 tonnes pour la première fois depuis plus de trois ans, s’explique par l’érosion des rendements des sites les plus anciens. Le canadien Barrick Gold, premier producteur du pays, a par ailleurs mis à l’arrêt son complexe de Loulo-Gounkoto.",
 dict(organisations=[org("Ministère des Mines du Mali", ["ministère malien des Mines"], "ML"), org("Barrick Gold", ["Barrick"], "CA")],
      places=[pl("Mali", "ML", "country"), pl("Loulo-Gounkoto", "ML", "site")],
      dates=[dt("2024", "2024"), dt("2023", "2023"), dt("vendredi 7 février", "2025-02-07")],
      quantities=[q6, q("66,5 tonnes", 66.5, "t"), q("23 %", 23, "%"), q("60 tonnes", 60, "t"), q("plus de trois ans", 3, "an")],
      events=[ev("production", "a extrait", "2024", "Mali", "ML", None, None, "ML", [q6])])))

# 7 construction — Congo-Brazzaville
q7 = q("près de 465 kilomètres", 465, "km")
B.append(("am07", "2026-02-26",
 "Congo : coup d’envoi du bitumage du corridor 13 dans la Likouala",
 "Le président congolais Denis Sassou N’Guesso a lancé mercredi à Impfondo les travaux de bitumage d’une route de près de 465 kilomètres, tronçon national du corridor 13 censé relier Tripoli au Cap en passant par N’Djamena, Bangui et Brazzaville. Confié au groupe chinois Hunan Construction Investment Group pour une durée de quatre ans, le chantier partira de Pokola pour rejoindre la frontière centrafricaine. Le ministre d’État chargé de l’Aménagement du territoire, Jean-Jacques Bouya, y voit un levier d’intégration régionale.",
 dict(organisations=[org("Hunan Construction Investment Group", [], "CN")],
      places=[pl("Congo", "CG", "country"), pl("Likouala", "CG", "region"), pl("Impfondo", "CG", "city"),
              pl("Tripoli", "LY", "city"), pl("Le Cap", "ZA", "city"), pl("N’Djamena", "TD", "city"),
              pl("Bangui", "CF", "city"), pl("Brazzaville", "CG", "city"), pl("Pokola", "CG", "city")],
      dates=[dt("mercredi", "2026-02-25")],
      quantities=[q7, q("quatre ans", 4, "an")],
      events=[ev("construction", "a lancé mercredi à Impfondo les travaux de bitumage", "2026-02-25", "Denis Sassou N’Guesso", "CG", None, "Impfondo", "CG", [q7])])))

# 8 diplomacy — Liban / Arabie saoudite
B.append(("am08", "2025-01-24",
 "Riyad renoue avec Beyrouth : le chef de la diplomatie saoudienne reçu à Baabda",
 "Pour la première fois depuis une quinzaine d’années, un ministre saoudien des Affaires étrangères s’est rendu au Liban : le prince Fayçal ben Farhane a été reçu jeudi au palais de Baabda par le président Joseph Aoun, élu au début du mois. Il a insisté sur l’application de la résolution 1701 du Conseil de sécurité de l’ONU et sur les réformes attendues par les bailleurs. Il s’est ensuite entretenu avec le président du Parlement, Nabih Berry, puis avec le Premier ministre désigné, Nawaf Salam.",
 dict(organisations=[org("Conseil de sécurité des Nations unies", ["Conseil de sécurité de l’ONU", "Conseil de sécurité"], None),
                     org("Parlement du Liban", ["Parlement", "Parlement libanais"], "LB")],
      places=[pl("Riyad", "SA", "city"), pl("Beyrouth", "LB", "city"), pl("Baabda", "LB", "city"), pl("Liban", "LB", "country")],
      dates=[dt("jeudi", "2025-01-23"), dt("au début du mois", "2025-01")],
      quantities=[q("une quinzaine d’années", 15, "an")],
      events=[ev("diplomacy", "s’est rendu au Liban", "2025-01-23", "Fayçal ben Farhane", "SA", "Joseph Aoun", "Baabda", "LB", [])])))

# 9 launch — Maurice
B.append(("am09", "2024-02-13",
 "Maurice ouvre ses caisses au paiement mobile indien UPI",
 "La Banque de Maurice (BoM) et la Reserve Bank of India ont lancé lundi, lors d’une cérémonie à Balaclava, le système de paiement instantané indien UPI, raccordé à la plateforme nationale Mauritius Central Automated Switch (MauCAS). Le Premier ministre Pravind Jugnauth assistait au lancement, auquel le chef du gouvernement indien, Narendra Modi, s’est joint par visioconférence. Les touristes indiens pourront régler leurs achats en scannant un code QR, et les Mauriciens envoyer de l’argent en Inde en temps réel.",
 dict(organisations=[org("Banque de Maurice", ["BoM", "Bank of Mauritius"], "MU"), org("Reserve Bank of India", ["RBI", "Banque de réserve de l’Inde"], "IN"),
                     org("Gouvernement de l’Inde", ["gouvernement indien"], "IN")],
      places=[pl("Maurice", "MU", "country"), pl("Balaclava", "MU", "city"), pl("Inde", "IN", "country")],
      dates=[dt("lundi", "2024-02-12")],
      quantities=[],
      events=[ev("launch", "ont lancé", "2024-02-12", "Banque de Maurice", "MU", None, "Balaclava", "MU", [])])))

# 10 investment — Tchad
q10a = q("44,9 millions de dollars", 44900000, "USD"); q10b = q("environ 28 milliards de francs CFA", 28000000000, "XAF")
B.append(("am10", "2025-02-27",
 "Route Kyabé-Mayo : la BAD apporte près de 45 millions de dollars au Tchad",
 "La Banque africaine de développement (BAD) a signé le 19 février 2025 à N’Djamena avec le Tchad un accord de don de 44,9 millions de dollars, environ 28 milliards de francs CFA, pour bitumer le tronçon Kyabé-Mayo. Longue de 49,5 kilomètres, la section comprendra aussi un pont de 55 mètres. Le texte a été paraphé par le ministre d’État chargé des Finances, Tahir Hamid Nguilin, et par le représentant par intérim de la Banque, Claude N’Kodia.",
 dict(organisations=[org("Banque africaine de développement", ["BAD", "Banque"], None)],
      places=[pl("Kyabé", "TD", "city"), pl("Mayo", "TD", "city"), pl("Tchad", "TD", "country"), pl("N’Djamena", "TD", "city")],
      dates=[dt("19 février 2025", "2025-02-19")],
      quantities=[q("près de 45 millions de dollars", 45000000, "USD"), q10a, q10b, q("49,5 kilomètres", 49.5, "km"), q("55 mètres", 55, "m")],
      events=[ev("investment", "a signé le 19 février 2025 à N’Djamena avec le Tchad un accord de don", "2025-02-19", "Banque africaine de développement", None, "Tchad", "N’Djamena", "TD", [q10a, q10b])])))

# 11 agreement — Comores / Tanzanie
q11 = q("quatre mémorandums d’entente", 4, "mémorandum")
B.append(("am11", "2024-07-26",
 "Comores–Tanzanie : quatre mémorandums d’entente à Dar es Salaam",
 "L’Union des Comores et la Tanzanie ont signé mercredi à Dar es Salaam quatre mémorandums d’entente portant sur la formation diplomatique, la santé, le commerce et l’industrie. Ces textes ont conclu trois jours de travaux de la première session de leur commission mixte permanente, dont l’accord de création remonte au 14 février 2023. La délégation comorienne était menée par le ministre des Affaires étrangères, Mbae Mohamed, la partie tanzanienne par la ministre de la Défense, Stergomena Tax.",
 dict(organisations=[],
      places=[pl("Comores", "KM", "country"), pl("Tanzanie", "TZ", "country"), pl("Dar es Salaam", "TZ", "city")],
      dates=[dt("mercredi", "2024-07-24"), dt("14 février 2023", "2023-02-14")],
      quantities=[q11, q("trois jours", 3, "jour")],
      events=[ev("agreement", "ont signé", "2024-07-24", "Comores", "KM", "Tanzanie", "Dar es Salaam", "TZ", [q11])])))

# 12 relocation — Soudan
B.append(("am12", "2025-06-15",
 "Soudan : le gouvernement reprend le chemin de Khartoum",
 "Le Premier ministre de transition, Kamil Idris, a annoncé vendredi le retour progressif des ministères et des institutions publiques à Khartoum, que l’administration avait quittée pour Port-Soudan, devenue capitale administrative provisoire. Le transfert suivra un calendrier qui tient compte des contraintes administratives, techniques et humaines, afin que les services restent assurés sans interruption. Il doit aussi appuyer la réhabilitation des infrastructures de la capitale.",
 dict(organisations=[],
      places=[pl("Soudan", "SD", "country"), pl("Khartoum", "SD", "city"), pl("Port-Soudan", "SD", "city")],
      dates=[dt("vendredi", "2025-06-13")],
      quantities=[],
      events=[ev("relocation", "a annoncé vendredi le retour progressif des ministères", "2025-06-13", "Kamil Idris", "SD", None, "Khartoum", "SD", [])])))


if __name__ == "__main__":  # not at import: pytest imports this file
    write_set(Path(__file__).resolve().parent, B, always_date=True)
