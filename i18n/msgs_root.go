package i18n

// rootMsgs holds the messages of the root area (keys "root.*"): the tab bar,
// status bar, help bar and overlay, and key-override errors.
func rootMsgs() map[string]Msg {
	return map[string]Msg{
		// Global keys, as the help bar and the ? overlay describe them.
		"root.key.quit":          {"quit", "quitter"},
		"root.key.help":          {"help", "aide"},
		"root.key.sync":          {"sync now", "synchro immédiate"},
		"root.key.next_pane":     {"next pane", "volet suivant"},
		"root.key.prev_pane":     {"previous pane", "volet précédent"},
		"root.key.goto_inbox":    {"Inbox", "Boîte de réception"},
		"root.key.goto_calendar": {"Calendar", "Calendrier"},
		"root.key.goto_alerts":   {"Alerts", "Alertes"},
		"root.key.goto_stats":    {"Stats", "Statistiques"},

		// Key overrides from config, checked when the deck starts.
		"root.err.unknown_action":      {"keys.%s: unknown action (press ? in cmdeck to see every action name)", "keys.%s : action inconnue (appuyez sur ? dans cmdeck pour voir les noms d'action)"},
		"root.err.unknown_action_hint": {"keys.%s: unknown action (did you mean %q?)", "keys.%s : action inconnue (vouliez-vous dire %q ?)"},
		"root.err.no_keys":             {"keys.%s: no key given (list at least one, e.g. [\"ctrl+r\"])", "keys.%s : aucune touche (indiquez-en au moins une, par ex. [\"ctrl+r\"])"},
		"root.err.bad_key":             {"keys.%s: %v", "keys.%s : %v"},
		"root.err.conflict":            {"key %q is bound to both %s and %s (give one of them another key)", "la touche %q est attribuée à la fois à %s et à %s (changez l'une des deux)"},

		// Tab bar.
		"root.header.clients.one":   {"%d client", "%d client"},
		"root.header.clients.other": {"%d clients", "%d clients"},

		// Status bar.
		"root.status.demo":              {"demo", "démo"},
		"root.status.demo_long":         {"demo workspace — no config file; see config.example.yaml", "espace de démo — pas de fichier de configuration ; voir config.example.yaml"},
		"root.status.syncing":           {"syncing…", "synchro…"},
		"root.status.last_sync":         {"last sync %s", "synchro à %s"},
		"root.status.never_synced":      {"not synced yet", "pas encore synchronisé"},
		"root.status.read_only":         {"read-only: synced by %s", "lecture seule : synchro par %s"},
		"root.status.read_only_short":   {"read-only", "lecture seule"},
		"root.status.unavailable":       {"⚠ counts unavailable", "⚠ compteurs indisponibles"},
		"root.status.sync_errors.one":   {"%d sync error", "%d erreur de synchro"},
		"root.status.sync_errors.other": {"%d sync errors", "%d erreurs de synchro"},
		"root.status.needs_reply":       {"%d to reply", "%d à répondre"},
		"root.status.queued":            {"%d queued", "%d en attente"},
		"root.status.failed.one":        {"%d failed", "%d en échec"},
		"root.status.failed.other":      {"%d failed", "%d en échec"},

		// The ? overlay.
		"root.help.title":      {"Keys", "Raccourcis"},
		"root.help.global":     {"Everywhere", "Partout"},
		"root.help.names":      {"n action names", "n noms d'action"},
		"root.help.close":      {"close", "fermer"},
		"root.help.scroll_key": {"scroll", "défiler"},
		"root.help.scroll":     {"j/k scroll (%d–%d of %d)", "j/k défiler (%d–%d sur %d)"},
	}
}
