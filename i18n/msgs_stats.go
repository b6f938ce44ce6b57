package i18n

// statsMsgs holds the messages of the Stats pane (keys "stats.*"); its
// tab title stays "panes.stats.title".
func statsMsgs() map[string]Msg {
	return map[string]Msg{
		"stats.period.7d":         {"Last 7 days", "7 derniers jours"},
		"stats.period.30d":        {"Last 30 days", "30 derniers jours"},
		"stats.period.90d":        {"Last 90 days", "90 derniers jours"},
		"stats.period.month":      {"This month", "Ce mois-ci"},
		"stats.period.last_month": {"Last month", "Le mois dernier"},
		"stats.vs":                {"vs %s", "contre %s"},

		"stats.key.client":      {"client", "client"},
		"stats.key.prev_client": {"previous client", "client préc."},
		"stats.key.next_client": {"next client", "client suiv."},
		"stats.key.period":      {"period", "période"},
		"stats.key.open":        {"open in inbox", "voir les messages"},
		"stats.key.report":      {"HTML report", "rapport HTML"},

		"stats.error":      {"Could not compute the figures: %v", "Impossible de calculer les chiffres : %v"},
		"stats.empty":      {"No client yet.", "Aucun client pour l'instant."},
		"stats.empty_hint": {"A client's figures appear here after the first sync: items, replies, response times, sentiment, followers.", "Les chiffres d'un client apparaîtront ici après la première synchro : messages, réponses, délais, tonalité, abonnés."},
		"stats.na":         {"n/a", "n.d."},

		"stats.key_figures":    {"Key figures", "Chiffres clés"},
		"stats.col.now":        {"Period", "Période"},
		"stats.col.change":     {"Change", "Évolution"},
		"stats.col.before":     {"Before", "Avant"},
		"stats.fig.received":   {"Items received", "Messages reçus"},
		"stats.fig.replies":    {"Replies sent", "Réponses envoyées"},
		"stats.fig.answered":   {"Answered", "Taux de réponse"},
		"stats.fig.frt_median": {"First response, median", "1re réponse, médiane"},
		"stats.fig.frt_p90":    {"First response, 90th pct", "1re réponse, 90e centile"},
		"stats.fig.positive":   {"Positive", "Positifs"},
		"stats.fig.negative":   {"Negative", "Négatifs"},
		"stats.fig.followers":  {"Followers", "Abonnés"},

		"stats.chart.items":    {"Items per day", "Messages par jour"},
		"stats.chart.max":      {"max %s", "max %s"},
		"stats.chart.negative": {"Negative share", "Part négative"},

		"stats.members":       {"Top members", "Membres les plus actifs"},
		"stats.members.none":  {"Nobody wrote in this period.", "Personne n'a écrit sur la période."},
		"stats.col.messages":  {"Messages", "Messages"},
		"stats.col.followers": {"Followers", "Abonnés"},
		"stats.posts":         {"Top posts", "Meilleures publications"},
		"stats.posts.none":    {"No post published in this period.", "Aucune publication sur la période."},
		"stats.col.likes":     {"Likes", "J'aime"},
		"stats.col.shares":    {"Shares", "Partages"},
		"stats.col.replies":   {"Replies", "Réponses"},

		"stats.client_title":          {"Show the figures of", "Afficher les chiffres de"},
		"stats.notice.no_client":      {"No client to choose from yet.", "Aucun client à choisir pour l'instant."},
		"stats.notice.no_member":      {"No member selected.", "Aucun membre sélectionné."},
		"stats.notice.no_report":      {"No figures to report yet.", "Pas encore de chiffres à mettre en rapport."},
		"stats.notice.writing":        {"Writing the report…", "Écriture du rapport…"},
		"stats.notice.report_written": {"Report written: %s", "Rapport écrit : %s"},
		"stats.notice.report_failed":  {"Could not write the report: %v", "Impossible d'écrire le rapport : %v"},

		"stats.fmt.thousands":     {",", "\u00a0"},
		"stats.fmt.points.one":    {"%d pt", "%d\u00a0pt"},
		"stats.fmt.points.other":  {"%d pts", "%d\u00a0pts"},
		"stats.fmt.seconds":       {"%d s", "%d\u00a0s"},
		"stats.fmt.minutes":       {"%d min", "%d\u00a0min"},
		"stats.fmt.hours":         {"%d h", "%d\u00a0h"},
		"stats.fmt.hours_minutes": {"%d h %02d", "%d\u00a0h\u00a0%02d"},
		"stats.fmt.days":          {"%d d", "%d\u00a0j"},
		"stats.fmt.days_hours":    {"%d d %d h", "%d\u00a0j\u00a0%d\u00a0h"},
	}
}
